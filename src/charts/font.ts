// The Noto Sans CJK font read with fontkit (Node only): exact text widths for vega's layout, and text turned into glyph
// outlines so that resvg draws a chart's PNG in milliseconds instead of shaping every label with a 20 MB font.
import { existsSync } from 'node:fs';
import { openSync, type Font, type GlyphRun } from 'fontkit';

/*
 * Why: resvg re-reads and re-parses the whole font collection for every text element it shapes (about 25 ms each
 * with Noto Sans CJK), so a chart with 40 labels took a second to turn into a PNG. Here fontkit opens the font once
 * per process and decodes each glyph's outline once (it caches glyphs and their paths). Text is shaped by fontkit
 * with the font's default features (kerning included, as resvg shapes it), and vega measures text with these same
 * runs (useFontMetrics), so the layout and the drawn glyphs agree.
 */

/** Where Debian's fonts-noto-cjk puts its sans-serif collections. */
export const CJK_FONT_FILES = {
  regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
} as const;
/** The face of the collection used: simplified Chinese glyph forms. */
const FACE_FAMILY = 'Noto Sans CJK SC';

const fonts = new Map<string, Font | null>();

/** The regular or bold face, opened on first use; undefined when fonts-noto-cjk is not installed or unreadable. */
export function cjkFont(bold = false): Font | undefined {
  const file = bold && existsSync(CJK_FONT_FILES.bold) ? CJK_FONT_FILES.bold : CJK_FONT_FILES.regular;
  if (!fonts.has(file)) fonts.set(file, openFace(file));
  return fonts.get(file) ?? undefined;
}

function openFace(file: string): Font | null {
  try {
    if (!existsSync(file)) return null;
    const opened = openSync(file);
    if (!('fonts' in opened)) return opened;
    return opened.fonts.find((face) => face.familyName === FACE_FAMILY) ?? opened.fonts[0] ?? null;
  } catch {
    return null;
  }
}

/** Stand-ins for characters a font may lack. */
const SUBSTITUTES: Record<number, string> = { 0x2212: '-', 0x2009: ' ', 0x202f: ' ', 0x00a0: ' ' };

/** Shaped lines by font; vega measures the same labels many times, and textToPaths then draws them. */
const runs = new Map<Font, Map<string, GlyphRun>>();
const MAX_RUNS = 10_000;

/** A line of text shaped with the font, after replacing the characters it lacks that have a stand-in. */
function shape(font: Font, text: string): GlyphRun {
  let cache = runs.get(font);
  if (!cache) runs.set(font, (cache = new Map()));
  let run = cache.get(text);
  if (!run) {
    let line = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      line += cp in SUBSTITUTES && !font.hasGlyphForCodePoint(cp) ? SUBSTITUTES[cp] : ch;
    }
    run = font.layout(line);
    if (cache.size >= MAX_RUNS) cache.clear();
    cache.set(text, run);
  }
  return run;
}

/** Width of a line of text in pixels at `fontSize`, or undefined without the font. */
export function textWidth(text: string, fontSize: number, bold = false): number | undefined {
  const font = cjkFont(bold);
  if (!font) return undefined;
  return (shape(font, text).advanceWidth * fontSize) / font.unitsPerEm;
}

interface VegaTextItem {
  fontSize?: number | string;
  fontWeight?: string | number;
  limit?: number;
}

/**
 * Makes vega measure text with this font's widths (the way vl-convert plugs in its own measurement), so that a
 * chart's layout — title, legend and axis space — fits the Chinese labels it draws. Without the font, vega keeps its
 * estimate. Affects only this process's vega module.
 */
export function useFontMetrics(vega: { textMetrics: { width: (item: VegaTextItem, text?: string) => number } }): boolean {
  if (!cjkFont()) return false;
  vega.textMetrics.width = (item: VegaTextItem, text?: string) => {
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    const line = text == null ? '' : String(text).trim();
    const width = textWidth(line, size, isBold(item.fontWeight)) ?? 0.8 * line.length * size;
    // vega truncates a label with a limit by calling this function on ever shorter prefixes, so it must see the full
    // width up to the limit; clamping at the limit then also makes the label's bounds those of its truncated text.
    const limit = Number(item.limit);
    return limit > 0 ? Math.min(width, limit) : width;
  };
  return true;
}

function isBold(weight: string | number | undefined): boolean {
  if (weight == null) return false;
  if (typeof weight === 'number') return weight >= 600;
  return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
}

// ---- SVG text to paths ------------------------------------------------------------------------------------------

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

const fmt = (x: number) => (Math.round(x * 100) / 100).toString();

const LETTERS = { moveTo: 'M', lineTo: 'L', quadraticCurveTo: 'Q', bezierCurveTo: 'C', closePath: 'Z' } as const;

/** The path data of a shaped line of text with its baseline at y = y0, starting at x = x0. */
function linePath(run: GlyphRun, x0: number, y0: number, size: number, unitsPerEm: number): string {
  const s = size / unitsPerEm;
  let pen = x0;
  let d = '';
  run.glyphs.forEach((glyph, i) => {
    const { xAdvance, xOffset, yOffset } = run.positions[i];
    const gx = pen + xOffset * s;
    const gy = y0 - yOffset * s;
    for (const { command, args } of glyph.path.commands) {
      d += LETTERS[command];
      for (let k = 0; k < args.length; k += 2) d += `${k ? ' ' : ''}${fmt(gx + args[k] * s)} ${fmt(gy - args[k + 1] * s)}`;
    }
    pen += xAdvance * s;
  });
  return d;
}

/**
 * The SVG with each `<text>` element (as vega's SVG renderer writes them) replaced by a `<path>` of its glyphs, in the
 * same place, colour and opacity. Returns the SVG unchanged when the font is not installed.
 */
export function textToPaths(svg: string): string {
  if (!cjkFont()) return svg;
  return svg.replace(/<text((?:[^>/]|\/(?!>))*)(?:\/>|>([\s\S]*?)<\/text>)/g, (_whole, attrText: string, body: string | undefined) => {
    if (!body) return '';
    const a = attributes(attrText);
    const size = parseFloat(a['font-size'] ?? '11') || 11;
    const font = cjkFont(isBold(a['font-weight']))!;
    const anchor = a['text-anchor'] ?? 'start';
    // Lines: plain content, or vega's multi-line form <tspan x="0" dy="…">line</tspan>.
    const lines: { text: string; x: number; dy: number }[] = [];
    if (body.includes('<tspan')) {
      for (const m of body.matchAll(/<tspan([^>]*)>([\s\S]*?)<\/tspan>/g)) {
        const t = attributes(m[1]);
        lines.push({ text: decodeXml(m[2]), x: parseFloat(t.x ?? '0') || 0, dy: parseFloat(t.dy ?? '0') || 0 });
      }
    } else lines.push({ text: decodeXml(body), x: 0, dy: 0 });
    const x = parseFloat(a.x ?? '0') + parseFloat(a.dx ?? '0') || 0;
    let y = parseFloat(a.y ?? '0') + parseFloat(a.dy ?? '0') || 0;
    let d = '';
    for (const line of lines) {
      y += line.dy;
      const run = shape(font, line.text);
      const width = (run.advanceWidth * size) / font.unitsPerEm;
      const start = x + line.x - (anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0);
      d += linePath(run, start, y, size, font.unitsPerEm);
    }
    const keep = ['transform', 'fill', 'opacity', 'fill-opacity', 'clip-path']
      .filter((name) => a[name] !== undefined)
      .map((name) => ` ${name}="${a[name]}"`)
      .join('');
    const fill = a.fill === undefined ? ' fill="#000"' : '';
    return d ? `<path${keep}${fill} d="${d}"/>` : '';
  });
}
