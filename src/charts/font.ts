// The Noto Sans CJK font read directly (Node only): exact text widths for vega's layout, and text turned into glyph
// outlines so that resvg draws a chart's PNG in milliseconds instead of shaping every label with a 20 MB font.
import { existsSync, readFileSync } from 'node:fs';

/*
 * Why: resvg re-reads and re-parses the whole font collection for every text element it shapes (about 25 ms each
 * with Noto Sans CJK), so a chart with 40 labels took a second to turn into a PNG. Here the font is parsed once per
 * process; each glyph's outline is decoded once (CFF Type 2 charstrings) and cached. Text is laid out by advance
 * widths (no kerning or ligatures, which these labels do not need), as vega lays it out when it measures with these
 * same widths (useFontMetrics).
 */

/** Where Debian's fonts-noto-cjk puts its sans-serif collections. */
export const CJK_FONT_FILES = { regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc' } as const;
/** The face of the collection used: simplified Chinese glyph forms. */
const FACE_FAMILY = 'Noto Sans CJK SC';

/** A glyph outline in font units (y up): commands M (x y), L (x y), C (x1 y1 x2 y2 x y), Z. */
interface Outline {
  ops: string;
  coords: number[];
}

export interface CjkFont {
  unitsPerEm: number;
  /** Glyph id of a code point; 0 (.notdef) when the font has none. */
  glyphOf(codePoint: number): number;
  advance(glyph: number): number;
  outline(glyph: number): Outline;
}

const fonts = new Map<string, CjkFont | null>();

/** The regular or bold face, parsed on first use; undefined when fonts-noto-cjk is not installed or unreadable. */
export function cjkFont(bold = false): CjkFont | undefined {
  const file = bold && existsSync(CJK_FONT_FILES.bold) ? CJK_FONT_FILES.bold : CJK_FONT_FILES.regular;
  if (!fonts.has(file)) {
    let font: CjkFont | null = null;
    try {
      if (existsSync(file)) font = parseFont(readFileSync(file), FACE_FAMILY);
    } catch {
      font = null;
    }
    fonts.set(file, font);
  }
  return fonts.get(file) ?? undefined;
}

/** Stand-ins for characters a font may lack. */
const SUBSTITUTES: Record<number, number> = { 0x2212: 0x2d, 0x2009: 0x20, 0x202f: 0x20, 0x00a0: 0x20 };

function glyphFor(font: CjkFont, cp: number): number {
  const g = font.glyphOf(cp);
  if (g || !(cp in SUBSTITUTES)) return g;
  return font.glyphOf(SUBSTITUTES[cp]);
}

/** Width of a line of text in pixels at `fontSize`, or undefined without the font. */
export function textWidth(text: string, fontSize: number, bold = false): number | undefined {
  const font = cjkFont(bold);
  if (!font) return undefined;
  let units = 0;
  for (const ch of text) units += font.advance(glyphFor(font, ch.codePointAt(0)!));
  return (units * fontSize) / font.unitsPerEm;
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

/** The path data of a line of text with its baseline at y = 0, starting at x = x0. */
function linePath(line: string, x0: number, y0: number, size: number, font: CjkFont): string {
  const s = size / font.unitsPerEm;
  let pen = x0;
  let d = '';
  for (const ch of line) {
    const glyph = glyphFor(font, ch.codePointAt(0)!);
    const { ops, coords } = font.outline(glyph);
    let k = 0;
    for (const op of ops) {
      if (op === 'Z') {
        d += 'Z';
        continue;
      }
      const n = op === 'C' ? 3 : 1;
      d += op;
      for (let j = 0; j < n; j++, k += 2) d += `${fmt(pen + coords[k] * s)} ${fmt(y0 - coords[k + 1] * s)}${j < n - 1 ? ' ' : ''}`;
    }
    pen += font.advance(glyph) * s;
  }
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
      const width = ((textWidth(line.text, size, isBold(a['font-weight'])) ?? 0) as number);
      const start = x + line.x - (anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0);
      d += linePath(line.text, start, y, size, font);
    }
    const keep = ['transform', 'fill', 'opacity', 'fill-opacity', 'clip-path'].filter((name) => a[name] !== undefined).map((name) => ` ${name}="${a[name]}"`).join('');
    const fill = a.fill === undefined ? ' fill="#000"' : '';
    return d ? `<path${keep}${fill} d="${d}"/>` : '';
  });
}

// ---- OpenType collection, cmap, hmtx and CFF ----------------------------------------------------------------------

function tag(buf: Buffer, at: number): string {
  return buf.toString('latin1', at, at + 4);
}

/** Parses the face named `family` of a font collection (or a single OpenType CFF font). */
function parseFont(buf: Buffer, family: string): CjkFont {
  const faces: number[] = [];
  if (tag(buf, 0) === 'ttcf') {
    const n = buf.readUInt32BE(8);
    for (let i = 0; i < n; i++) faces.push(buf.readUInt32BE(12 + 4 * i));
  } else faces.push(0);
  const tablesOf = (face: number) => {
    const tables = new Map<string, { offset: number; length: number }>();
    const count = buf.readUInt16BE(face + 4);
    for (let i = 0; i < count; i++) {
      const rec = face + 12 + 16 * i;
      tables.set(tag(buf, rec), { offset: buf.readUInt32BE(rec + 8), length: buf.readUInt32BE(rec + 12) });
    }
    return tables;
  };
  let tables = tablesOf(faces[0]);
  for (const face of faces) {
    const t = tablesOf(face);
    if (familyNames(buf, t.get('name')?.offset).includes(family)) {
      tables = t;
      break;
    }
  }
  const need = (name: string) => {
    const t = tables.get(name);
    if (!t) throw new Error(`font has no ${name} table`);
    return t.offset;
  };
  const unitsPerEm = buf.readUInt16BE(need('head') + 18);
  const numberOfHMetrics = buf.readUInt16BE(need('hhea') + 34);
  const hmtx = need('hmtx');
  const cmap = parseCmap(buf, need('cmap'));
  const cff = parseCff(buf, need('CFF '));
  const outlines = new Map<number, Outline>();
  return {
    unitsPerEm,
    glyphOf: (cp) => cmap(cp),
    advance: (g) => buf.readUInt16BE(hmtx + 4 * Math.min(g, numberOfHMetrics - 1)),
    outline(g) {
      let o = outlines.get(g);
      if (!o) {
        o = cff.outline(g);
        outlines.set(g, o);
      }
      return o;
    },
  };
}

/** Family names (name id 1 and 16) in a name table. */
function familyNames(buf: Buffer, at: number | undefined): string[] {
  if (at === undefined) return [];
  const count = buf.readUInt16BE(at + 2);
  const strings = at + buf.readUInt16BE(at + 4);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const rec = at + 6 + 12 * i;
    const platform = buf.readUInt16BE(rec);
    const nameId = buf.readUInt16BE(rec + 6);
    if (nameId !== 1 && nameId !== 16) continue;
    const length = buf.readUInt16BE(rec + 8);
    const start = strings + buf.readUInt16BE(rec + 10);
    if (platform === 3 || platform === 0) {
      let s = '';
      for (let k = 0; k < length; k += 2) s += String.fromCharCode(buf.readUInt16BE(start + k));
      out.push(s);
    } else if (platform === 1) out.push(buf.toString('latin1', start, start + length));
  }
  return out;
}

/** A code point → glyph lookup from the best Unicode subtable (format 12, else format 4). */
function parseCmap(buf: Buffer, at: number): (cp: number) => number {
  const n = buf.readUInt16BE(at + 2);
  let f12: number | undefined;
  let f4: number | undefined;
  for (let i = 0; i < n; i++) {
    const rec = at + 4 + 8 * i;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const sub = at + buf.readUInt32BE(rec + 4);
    const format = buf.readUInt16BE(sub);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12) f12 ??= sub;
    if (format === 4) f4 ??= sub;
  }
  const cache = new Map<number, number>();
  if (f12 !== undefined) {
    const sub = f12;
    const groups = buf.readUInt32BE(sub + 12);
    return (cp) => {
      let g = cache.get(cp);
      if (g !== undefined) return g;
      g = 0;
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const rec = sub + 16 + 12 * mid;
        const start = buf.readUInt32BE(rec);
        const end = buf.readUInt32BE(rec + 4);
        if (cp < start) hi = mid - 1;
        else if (cp > end) lo = mid + 1;
        else {
          g = buf.readUInt32BE(rec + 8) + (cp - start);
          break;
        }
      }
      cache.set(cp, g);
      return g;
    };
  }
  if (f4 === undefined) throw new Error('font has no Unicode cmap');
  const sub = f4;
  const segX2 = buf.readUInt16BE(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let i = 0; i < segX2; i += 2) {
      if (cp > buf.readUInt16BE(ends + i)) continue;
      const start = buf.readUInt16BE(starts + i);
      if (cp < start) return 0;
      const delta = buf.readInt16BE(deltas + i);
      const ro = buf.readUInt16BE(rangeOffsets + i);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = buf.readUInt16BE(rangeOffsets + i + ro + 2 * (cp - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
}

interface CffIndex {
  count: number;
  start(i: number): number;
  end(i: number): number;
  /** Offset just past the INDEX. */
  next: number;
}

function readIndex(buf: Buffer, at: number): CffIndex {
  const count = buf.readUInt16BE(at);
  if (count === 0) return { count, start: () => at + 2, end: () => at + 2, next: at + 2 };
  const offSize = buf[at + 2];
  const offsets = at + 3;
  const base = offsets + (count + 1) * offSize - 1;
  const off = (i: number) => {
    let v = 0;
    for (let k = 0; k < offSize; k++) v = v * 256 + buf[offsets + i * offSize + k];
    return v;
  };
  return { count, start: (i) => base + off(i), end: (i) => base + off(i + 1), next: base + off(count) };
}

/** A CFF DICT: operator (12 x as 1200 + x) → operands. */
function readDict(buf: Buffer, start: number, end: number): Map<number, number[]> {
  const dict = new Map<number, number[]>();
  let operands: number[] = [];
  let p = start;
  while (p < end) {
    const b0 = buf[p++];
    if (b0 <= 21) {
      const op = b0 === 12 ? 1200 + buf[p++] : b0;
      dict.set(op, operands);
      operands = [];
    } else if (b0 === 28) {
      operands.push(buf.readInt16BE(p));
      p += 2;
    } else if (b0 === 29) {
      operands.push(buf.readInt32BE(p));
      p += 4;
    } else if (b0 === 30) {
      let s = '';
      const nibbles = '0123456789.EE?-';
      for (;;) {
        const b = buf[p++];
        const hi = b >> 4;
        const lo = b & 15;
        if (hi === 15) break;
        s += hi === 12 ? 'E-' : nibbles[hi];
        if (lo === 15) break;
        s += lo === 12 ? 'E-' : nibbles[lo];
      }
      operands.push(parseFloat(s));
    } else if (b0 >= 32 && b0 <= 246) operands.push(b0 - 139);
    else if (b0 >= 247 && b0 <= 250) operands.push((b0 - 247) * 256 + buf[p++] + 108);
    else if (b0 >= 251 && b0 <= 254) operands.push(-(b0 - 251) * 256 - buf[p++] - 108);
  }
  return dict;
}

const subrBias = (count: number) => (count < 1240 ? 107 : count < 33900 ? 1131 : 32768);

function parseCff(buf: Buffer, at: number): { outline(glyph: number): Outline } {
  const header = buf[at + 2];
  const names = readIndex(buf, at + header);
  const topDicts = readIndex(buf, names.next);
  const strings = readIndex(buf, topDicts.next);
  const gsubrs = readIndex(buf, strings.next);
  const top = readDict(buf, topDicts.start(0), topDicts.end(0));
  const charStrings = readIndex(buf, at + top.get(17)![0]);
  const privateSubrs = (priv: number[] | undefined): CffIndex | undefined => {
    if (!priv) return undefined;
    const [size, offset] = priv;
    const dict = readDict(buf, at + offset, at + offset + size);
    const subrs = dict.get(19);
    return subrs ? readIndex(buf, at + offset + subrs[0]) : undefined;
  };
  let localSubrsOf: (glyph: number) => CffIndex | undefined;
  if (top.has(1236)) {
    // CID-keyed: each glyph's font DICT (via FDSelect) has its own private DICT and local subroutines.
    const fdArray = readIndex(buf, at + top.get(1236)![0]);
    const fdSubrs: (CffIndex | undefined)[] = [];
    for (let i = 0; i < fdArray.count; i++) fdSubrs.push(privateSubrs(readDict(buf, fdArray.start(i), fdArray.end(i)).get(18)));
    const select = at + top.get(1237)![0];
    const format = buf[select];
    const fdOf = (glyph: number): number => {
      if (format === 0) return buf[select + 1 + glyph];
      const ranges = buf.readUInt16BE(select + 1);
      for (let r = 0; r < ranges; r++) {
        const rec = select + 3 + 3 * r;
        const next = buf.readUInt16BE(rec + 3);
        if (glyph >= buf.readUInt16BE(rec) && glyph < next) return buf[rec + 2];
      }
      return 0;
    };
    localSubrsOf = (glyph) => fdSubrs[fdOf(glyph)];
  } else {
    const subrs = privateSubrs(top.get(18));
    localSubrsOf = () => subrs;
  }
  return {
    outline(glyph) {
      if (glyph < 0 || glyph >= charStrings.count) return { ops: '', coords: [] };
      return runCharstring(buf, charStrings.start(glyph), charStrings.end(glyph), gsubrs, localSubrsOf(glyph));
    },
  };
}

/** Interprets a Type 2 charstring into an outline (hints are skipped). */
function runCharstring(buf: Buffer, start: number, end: number, gsubrs: CffIndex, lsubrs: CffIndex | undefined): Outline {
  let ops = '';
  const coords: number[] = [];
  const stack: number[] = [];
  let x = 0;
  let y = 0;
  let stems = 0;
  let open = false;
  let widthTaken = false;
  const gBias = subrBias(gsubrs.count);
  const lBias = lsubrs ? subrBias(lsubrs.count) : 0;

  const moveTo = (dx: number, dy: number) => {
    if (open) ops += 'Z';
    x += dx;
    y += dy;
    ops += 'M';
    coords.push(x, y);
    open = true;
  };
  const lineTo = (dx: number, dy: number) => {
    x += dx;
    y += dy;
    ops += 'L';
    coords.push(x, y);
  };
  const curveTo = (dx1: number, dy1: number, dx2: number, dy2: number, dx3: number, dy3: number) => {
    const x1 = x + dx1;
    const y1 = y + dy1;
    const x2 = x1 + dx2;
    const y2 = y1 + dy2;
    x = x2 + dx3;
    y = y2 + dy3;
    ops += 'C';
    coords.push(x1, y1, x2, y2, x, y);
  };
  /** The first stack-clearing operator may carry the advance width first: drop it (hmtx gives advances). */
  const dropWidth = (expectedArgs: number | 'even') => {
    if (widthTaken) return;
    widthTaken = true;
    const extra = expectedArgs === 'even' ? stack.length % 2 === 1 : stack.length > expectedArgs;
    if (extra) stack.shift();
  };
  const stemHint = () => {
    dropWidth('even');
    stems += stack.length >> 1;
    stack.length = 0;
  };

  const run = (p: number, stop: number, depth: number): boolean => {
    while (p < stop) {
      const b0 = buf[p++];
      if (b0 >= 32 || b0 === 28) {
        if (b0 === 28) {
          stack.push(buf.readInt16BE(p));
          p += 2;
        } else if (b0 <= 246) stack.push(b0 - 139);
        else if (b0 <= 250) stack.push((b0 - 247) * 256 + buf[p++] + 108);
        else if (b0 <= 254) stack.push(-(b0 - 251) * 256 - buf[p++] - 108);
        else {
          stack.push(buf.readInt32BE(p) / 65536);
          p += 4;
        }
        continue;
      }
      switch (b0) {
        case 1: // hstem
        case 3: // vstem
        case 18: // hstemhm
        case 23: // vstemhm
          stemHint();
          break;
        case 19: // hintmask
        case 20: // cntrmask
          stemHint();
          p += (stems + 7) >> 3;
          break;
        case 21: // rmoveto
          dropWidth(2);
          moveTo(stack[0], stack[1]);
          stack.length = 0;
          break;
        case 22: // hmoveto
          dropWidth(1);
          moveTo(stack[0], 0);
          stack.length = 0;
          break;
        case 4: // vmoveto
          dropWidth(1);
          moveTo(0, stack[0]);
          stack.length = 0;
          break;
        case 5: // rlineto
          for (let i = 0; i + 1 < stack.length; i += 2) lineTo(stack[i], stack[i + 1]);
          stack.length = 0;
          break;
        case 6: // hlineto
        case 7: {
          // vlineto
          let horizontal = b0 === 6;
          for (const d of stack) {
            if (horizontal) lineTo(d, 0);
            else lineTo(0, d);
            horizontal = !horizontal;
          }
          stack.length = 0;
          break;
        }
        case 8: // rrcurveto
          for (let i = 0; i + 5 < stack.length; i += 6) curveTo(stack[i], stack[i + 1], stack[i + 2], stack[i + 3], stack[i + 4], stack[i + 5]);
          stack.length = 0;
          break;
        case 24: {
          // rcurveline
          let i = 0;
          for (; i + 7 < stack.length; i += 6) curveTo(stack[i], stack[i + 1], stack[i + 2], stack[i + 3], stack[i + 4], stack[i + 5]);
          lineTo(stack[i], stack[i + 1]);
          stack.length = 0;
          break;
        }
        case 25: {
          // rlinecurve
          let i = 0;
          for (; i + 7 < stack.length; i += 2) lineTo(stack[i], stack[i + 1]);
          curveTo(stack[i], stack[i + 1], stack[i + 2], stack[i + 3], stack[i + 4], stack[i + 5]);
          stack.length = 0;
          break;
        }
        case 26: {
          // vvcurveto
          let i = 0;
          let dx1 = 0;
          if (stack.length % 2) dx1 = stack[i++];
          for (; i + 3 < stack.length; i += 4) {
            curveTo(dx1, stack[i], stack[i + 1], stack[i + 2], 0, stack[i + 3]);
            dx1 = 0;
          }
          stack.length = 0;
          break;
        }
        case 27: {
          // hhcurveto
          let i = 0;
          let dy1 = 0;
          if (stack.length % 2) dy1 = stack[i++];
          for (; i + 3 < stack.length; i += 4) {
            curveTo(stack[i], dy1, stack[i + 1], stack[i + 2], stack[i + 3], 0);
            dy1 = 0;
          }
          stack.length = 0;
          break;
        }
        case 30: // vhcurveto
        case 31: {
          // hvcurveto
          let horizontal = b0 === 31;
          let i = 0;
          while (i + 3 < stack.length) {
            const last = stack.length - i === 5;
            if (horizontal) curveTo(stack[i], 0, stack[i + 1], stack[i + 2], last ? stack[i + 4] : 0, stack[i + 3]);
            else curveTo(0, stack[i], stack[i + 1], stack[i + 2], stack[i + 3], last ? stack[i + 4] : 0);
            i += last ? 5 : 4;
            horizontal = !horizontal;
          }
          stack.length = 0;
          break;
        }
        case 10: // callsubr
        case 29: {
          // callgsubr
          const subrs = b0 === 10 ? lsubrs : gsubrs;
          const index = stack.pop()! + (b0 === 10 ? lBias : gBias);
          if (subrs && depth < 12 && index >= 0 && index < subrs.count) {
            if (run(subrs.start(index), subrs.end(index), depth + 1)) return true;
          }
          break;
        }
        case 11: // return
          return false;
        case 14: // endchar
          dropWidth(0);
          if (open) ops += 'Z';
          open = false;
          return true;
        case 12: {
          const op = buf[p++];
          const s = stack;
          if (op === 35) {
            // flex
            curveTo(s[0], s[1], s[2], s[3], s[4], s[5]);
            curveTo(s[6], s[7], s[8], s[9], s[10], s[11]);
          } else if (op === 34) {
            // hflex
            const y0 = y;
            curveTo(s[0], 0, s[1], s[2], s[3], 0);
            curveTo(s[4], 0, s[5], y0 - y, s[6], 0);
          } else if (op === 36) {
            // hflex1
            const y0 = y;
            curveTo(s[0], s[1], s[2], s[3], s[4], 0);
            curveTo(s[5], 0, s[6], s[7], s[8], y0 - y - s[7]);
          } else if (op === 37) {
            // flex1
            const x0 = x;
            const y0 = y;
            const dx = s[0] + s[2] + s[4] + s[6] + s[8];
            const dy = s[1] + s[3] + s[5] + s[7] + s[9];
            curveTo(s[0], s[1], s[2], s[3], s[4], s[5]);
            const last = Math.abs(dx) > Math.abs(dy) ? [s[10], y0 - (y + s[7] + s[9])] : [x0 - (x + s[6] + s[8]), s[10]];
            curveTo(s[6], s[7], s[8], s[9], last[0], last[1]);
          }
          stack.length = 0;
          break;
        }
        default:
          stack.length = 0;
      }
    }
    return false;
  };
  run(start, end, 0);
  if (open) ops += 'Z';
  return { ops, coords };
}
