// The CJK font read with fontkit (Node only): found on the system (or given with --font / SIM_FONT), exact text
// widths for vega's layout, and text turned into glyph outlines so that resvg draws a chart's PNG in milliseconds
// instead of shaping every label with a 20 MB font.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, win32 } from 'node:path';
import { openSync, type Font, type GlyphRun } from 'fontkit';
import { UsageError } from '../core/errors.js';
import { fonts as messages } from '../core/messages.js';

/*
 * Why: resvg re-reads and re-parses the whole font collection for every text element it shapes (about 25 ms each
 * with Noto Sans CJK), so a chart with 40 labels took a second to turn into a PNG. Here fontkit opens the font once
 * per process and decodes each glyph's outline once (it caches glyphs and their paths). Text is shaped by fontkit
 * with the font's default features (kerning included, as resvg shapes it), and vega measures text with these same
 * runs (useFontMetrics), so the layout and the drawn glyphs agree.
 *
 * Which font: the file given (--font, else the SIM_FONT environment variable), else the one fontconfig picks for
 * Chinese (fc-match), else the first of the usual places of a Chinese font on this platform (KNOWN_FONTS) that
 * exists. A discovered font counts only if it has Chinese glyphs (fc-match always answers, with DejaVu if need be).
 * The choice is made once per process and font; the same font gives the same bytes.
 */

/** Where the usual Chinese sans-serif fonts are installed, by platform, in order of preference; `bold` where the family has one. */
export const KNOWN_FONTS: Readonly<Record<'linux' | 'darwin' | 'win32', readonly { regular: string; bold?: string }[]>> = {
  linux: [
    // Noto Sans CJK: Debian and Ubuntu (fonts-noto-cjk), Arch (noto-fonts-cjk), Fedora (google-noto-sans-cjk-fonts, older google-noto-cjk-fonts).
    ...['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-sans-cjk-fonts', '/usr/share/fonts/google-noto-cjk'].map(
      (dir) => ({ regular: `${dir}/NotoSansCJK-Regular.ttc`, bold: `${dir}/NotoSansCJK-Bold.ttc` }),
    ),
    { regular: '/usr/share/fonts/google-noto-sans-cjk-vf-fonts/NotoSansCJK-VF.ttc' },
    // WenQuanYi: Debian and Ubuntu (fonts-wqy-*), Arch (wqy-*), Fedora (wqy-*-fonts).
    ...['zenhei', 'microhei'].flatMap((name) =>
      ['/usr/share/fonts/truetype/wqy', `/usr/share/fonts/wenquanyi/wqy-${name}`, `/usr/share/fonts/wqy-${name}`].map((dir) => ({
        regular: `${dir}/wqy-${name}.ttc`,
      })),
    ),
    // Droid Sans Fallback: Debian and Ubuntu (fonts-droid-fallback), Fedora (google-droid-sans-fonts), Arch (ttf-droid).
    ...['/usr/share/fonts/truetype/droid', '/usr/share/fonts/google-droid-sans-fonts', '/usr/share/fonts/droid'].map((dir) => ({
      regular: `${dir}/DroidSansFallbackFull.ttf`,
    })),
  ],
  darwin: [
    { regular: '/System/Library/Fonts/PingFang.ttc' },
    { regular: '/System/Library/Fonts/STHeiti Light.ttc', bold: '/System/Library/Fonts/STHeiti Medium.ttc' },
    { regular: '/System/Library/Fonts/Hiragino Sans GB.ttc' },
    { regular: '/Library/Fonts/Arial Unicode.ttf' },
    { regular: '/System/Library/Fonts/Supplemental/Arial Unicode.ttf' },
  ],
  win32: [
    { regular: win32.join('C:\\Windows', 'Fonts', 'msyh.ttc'), bold: win32.join('C:\\Windows', 'Fonts', 'msyhbd.ttc') },
    { regular: win32.join('C:\\Windows', 'Fonts', 'simhei.ttf') },
    { regular: win32.join('C:\\Windows', 'Fonts', 'simsun.ttc') },
  ],
};

/** What fontconfig is asked for, in turn: Noto's simplified Chinese face, then whatever it has for Chinese. */
const FONTCONFIG_PATTERNS = ['Noto Sans CJK SC:lang=zh-cn', 'sans-serif:lang=zh-cn'];

/** Faces preferred in a font collection (simplified Chinese glyph forms first); else the first face with Chinese glyphs. */
const FACE_FAMILIES = [
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'PingFang SC',
  'Microsoft YaHei',
  'Heiti SC',
  'STHeiti',
  'Hiragino Sans GB',
  'WenQuanYi Zen Hei',
  'WenQuanYi Micro Hei',
  'SimHei',
  'SimSun',
];

/** Characters a font must have to count as a Chinese font: 巴中人才. */
const PROBE_TEXT = '巴中人才';

/** Where the font came from. */
export type FontSource = '--font' | 'SIM_FONT' | 'fontconfig' | 'known path';

/** The font files chosen: a regular face and, where there is one, a bold one. */
export interface FontChoice {
  regular: string;
  bold?: string;
  source: FontSource;
}

/** What the lookup asks of the system; tests pass their own. */
export interface FontProbe {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Whether a file exists (and is a file). */
  exists: (file: string) => boolean;
  /** The file fontconfig matches to a pattern (`fc-match -f '%{file}' PATTERN`); undefined without fc-match or on failure. */
  fcMatch: (pattern: string) => string | undefined;
  /** Whether a file is a font (or collection) with Chinese glyphs. */
  hasChinese: (file: string) => boolean;
}

/** The real system: fc-match run with a 3-second timeout, files opened with fontkit. */
export function systemProbe(): FontProbe {
  return {
    platform: process.platform,
    env: process.env,
    exists: (file) => {
      try {
        return statSync(file).isFile();
      } catch {
        return false;
      }
    },
    fcMatch: (pattern) => {
      try {
        const found = spawnSync('fc-match', ['-f', '%{file}', pattern], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
        return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
      } catch {
        return undefined;
      }
    },
    hasChinese: (file) => {
      const face = openFace(file);
      return face !== null && covers(face, PROBE_TEXT);
    },
  };
}

/**
 * The font for the charts: `given` (a --font file) if any, else SIM_FONT, else fontconfig's choice for Chinese, else the
 * first known place that holds a Chinese font; undefined when none is found. A given file (or SIM_FONT) that does not
 * exist is a UsageError; it is used even without Chinese glyphs (the charts then say so: see missingGlyphs).
 */
export function findFont(given: string | undefined, probe: FontProbe = systemProbe()): FontChoice | undefined {
  const named: [string | undefined, '--font' | 'SIM_FONT'][] = [
    [given, '--font'],
    [probe.env.SIM_FONT || undefined, 'SIM_FONT'],
  ];
  for (const [file, source] of named) {
    if (file === undefined) continue;
    if (!probe.exists(file)) throw new UsageError(messages.notFound(file, source));
    return { regular: file, ...boldSibling(file, probe), source };
  }
  for (const pattern of FONTCONFIG_PATTERNS) {
    const file = probe.fcMatch(pattern);
    if (file === undefined || !probe.exists(file) || !probe.hasChinese(file)) continue;
    const bold = probe.fcMatch(`${pattern}:bold`);
    const hasBold = bold !== undefined && bold !== file && probe.exists(bold) && probe.hasChinese(bold);
    return { regular: file, ...(hasBold ? { bold } : boldSibling(file, probe)), source: 'fontconfig' };
  }
  const known = probe.platform === 'darwin' || probe.platform === 'win32' ? KNOWN_FONTS[probe.platform] : KNOWN_FONTS.linux;
  const windows = probe.env.WINDIR ?? probe.env.SystemRoot;
  for (const candidate of known) {
    // Windows may live elsewhere than C:\Windows.
    const [regular, bold] = [candidate.regular, candidate.bold].map((f) =>
      f && windows && probe.platform === 'win32' ? f.replace('C:\\Windows', windows) : f,
    );
    if (!probe.exists(regular!) || !probe.hasChinese(regular!)) continue;
    return { regular: regular!, ...(bold && probe.exists(bold) ? { bold } : {}), source: 'known path' };
  }
  return undefined;
}

/** A font file named by --font or SIM_FONT: a UsageError when it does not exist or is not a font fontkit can read. */
export function checkFont(file: string, from: '--font' | 'SIM_FONT', probe: Pick<FontProbe, 'exists'> = systemProbe()): void {
  if (!probe.exists(file)) throw new UsageError(messages.notFound(file, from));
  if (!openFace(file)) throw new UsageError(messages.notAFont(file, from));
}

/** NotoSansCJK-Bold.ttc beside NotoSansCJK-Regular.ttc, when it exists. */
function boldSibling(file: string, probe: FontProbe): { bold?: string } {
  const name = basename(file);
  if (!/Regular/.test(name)) return {};
  const bold = join(dirname(file), name.replace('Regular', 'Bold'));
  return probe.exists(bold) ? { bold } : {};
}

// ---- the font in use --------------------------------------------------------------------------------------------

const fonts = new Map<string, Font | null>();
const choices = new Map<string, FontChoice | undefined>();
/** The font of the charts being drawn; undefined until selectFont (or the first use) chooses it. */
let active: { choice: FontChoice | undefined } | undefined;

let probeInUse: FontProbe | undefined;

/**
 * For tests: the system the lookup sees from now on (undefined: the real one, systemProbe). Forgets the fonts chosen
 * so far.
 */
export function useFontProbe(probe: FontProbe | undefined): void {
  probeInUse = probe;
  choices.clear();
  active = undefined;
}

/**
 * Chooses the font the next charts are drawn with: `given` (--font), else SIM_FONT, else one found on the system; the
 * lookup is made once per process for each `given`. A given file that does not exist or is not a font is a
 * UsageError. Returns the choice, undefined when no font is found.
 */
export function selectFont(given?: string): FontChoice | undefined {
  const key = `${given ?? ''}\0${(probeInUse?.env ?? process.env).SIM_FONT ?? ''}`;
  if (!choices.has(key)) {
    const choice = findFont(given, probeInUse);
    if (choice && (choice.source === '--font' || choice.source === 'SIM_FONT')) checkFont(choice.regular, choice.source);
    choices.set(key, choice);
  }
  active = { choice: choices.get(key) };
  return active.choice;
}

/** The font files in use (chosen on first use), or undefined when there is none. */
export function fontChoice(): FontChoice | undefined {
  return (active ?? { choice: selectFont() }).choice;
}

/** The regular or bold face of the font in use, opened on first use; undefined without a font. */
export function cjkFont(bold = false): Font | undefined {
  const choice = fontChoice();
  if (!choice) return undefined;
  const file = bold && choice.bold ? choice.bold : choice.regular;
  return openFace(file) ?? (file === choice.regular ? undefined : (openFace(choice.regular) ?? undefined));
}

function openFace(file: string): Font | null {
  if (!fonts.has(file)) fonts.set(file, readFace(file));
  return fonts.get(file)!;
}

function readFace(file: string): Font | null {
  try {
    if (!existsSync(file)) return null;
    const opened = openSync(file);
    if (!('fonts' in opened)) return opened;
    for (const family of FACE_FAMILIES) {
      const face = opened.fonts.find((f) => f.familyName === family);
      if (face) return face;
    }
    return opened.fonts.find((f) => covers(f, PROBE_TEXT)) ?? opened.fonts[0] ?? null;
  } catch {
    return null;
  }
}

function covers(font: Font, text: string): boolean {
  for (const ch of text) if (!font.hasGlyphForCodePoint(ch.codePointAt(0)!)) return false;
  return true;
}

/** Chinese, Japanese and Korean characters, and the CJK punctuation and full-width forms. */
const CJK =
  /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3134f}]/u;

/**
 * The CJK characters of an SVG's text that the font in use cannot draw (every one of them without a font), in order
 * of first appearance: drawn, they would be boxes.
 */
export function missingGlyphs(svg: string): string[] {
  const faces = [cjkFont(false), cjkFont(true)];
  const missing = new Set<string>();
  for (const m of svg.matchAll(/<text(?:[^>/]|\/(?!>))*>([\s\S]*?)<\/text>/g)) {
    for (const ch of decodeXml(m[1].replace(/<[^>]*>/g, ''))) {
      if (!CJK.test(ch) || missing.has(ch)) continue;
      const cp = ch.codePointAt(0)!;
      if (faces.some((face) => !face || !face.hasGlyphForCodePoint(cp))) missing.add(ch);
    }
  }
  return [...missing];
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

type VegaWidth = (item: VegaTextItem, text?: string) => number;
const vegaEstimates = new WeakMap<object, VegaWidth>();

/**
 * Makes vega measure text with the font in use's widths (the way vl-convert plugs in its own measurement), so that a
 * chart's layout — title, legend and axis space — fits the Chinese labels it draws. Without a font, vega's own
 * estimate is put back. Affects only this process's vega module; called before each chart, as the font may change.
 */
export function useFontMetrics(vega: { textMetrics: { width: VegaWidth } }): boolean {
  const metrics = vega.textMetrics;
  if (!vegaEstimates.has(metrics)) vegaEstimates.set(metrics, metrics.width);
  if (!cjkFont()) {
    // vega's estimate, itself: vega recognises it and truncates with it (calling it from here would recurse).
    metrics.width = vegaEstimates.get(metrics)!;
    return false;
  }
  metrics.width = (item: VegaTextItem, text?: string) => {
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
 * same place, colour and opacity, drawn with the font in use. Returns the SVG unchanged without a font.
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
