// Writes charts as files: the Vega-Lite spec (.vl.json), its SVG drawn by vega and a PNG drawn by resvg (Node only).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { fonts as fontMessages, type Message } from '../core/messages.js';

/*
 * vega, vega-lite, resvg and the font (font.ts, with fontkit) are imported on first use, so that loading the library
 * (and every `sim` command) does not pay for them; only writing charts does.
 */

/** One chart: its file stem (e.g. "retention"), the title shown in the report, and its spec. */
export interface Chart {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/** PNGs are drawn at twice the SVG's size, for sharp text. */
export const PNG_SCALE = 2;

interface Renderer {
  vega: typeof import('vega');
  compile: (typeof import('vega-lite'))['compile'];
  font: typeof import('./font.js');
}

let renderer: Promise<Renderer> | undefined;

/** vega, vega-lite's compiler and the font. */
function loadRenderer(): Promise<Renderer> {
  renderer ??= (async () => {
    const [vega, { compile }, font] = await Promise.all([import('vega'), import('vega-lite'), import('./font.js')]);
    return { vega, compile, font };
  })();
  return renderer;
}

/**
 * The SVG of a chart, drawn by vega's headless renderer, its layout made with the real text widths of the font in use
 * (font.ts: --font, SIM_FONT or the CJK font found on the system; vega's estimate without one).
 */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, compile, font } = await loadRenderer();
  font.useFontMetrics(vega as unknown as Parameters<typeof font.useFontMetrics>[0]);
  // Gradient and clip ids count up across charts; from 0 in each, an SVG is the same whatever was drawn before it.
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    // Gradient and clip ids count up across charts in a process: start each chart from 0, so its SVG is the same
    // whatever was drawn before it.
    vega.resetSVGDefIds();
    return xmlSafe(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, lone surrogates, U+FFFE and U+FFFF). Scenario
 * validation refuses them in every name, label and description; a text that reaches a chart another way (a library
 * caller's) must not make the SVG unreadable, or its PNG fail to draw.
 */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\uD800-\uDFFF\uFFFE\uFFFF]/gu;

/** `svg` with each character XML cannot hold replaced by U+FFFD (the replacement character, shown as �). */
export function xmlSafe(svg: string): string {
  return svg.replace(NOT_XML, '\uFFFD');
}

/**
 * A PNG of a chart's SVG at `scale` times its size. With the CJK font installed, text is first turned into glyph
 * outlines, so resvg needs no fonts (about 30 ms a chart instead of 25 ms for every text element); without it, resvg
 * draws the text with whatever fonts the system has.
 */
export async function chartPng(svg: string, scale = PNG_SCALE): Promise<{ png: Buffer; width: number; height: number }> {
  const [{ font }, { Resvg }] = await Promise.all([loadRenderer(), import('@resvg/resvg-js')]);
  const outlined = font.cjkFont() !== undefined;
  const image = new Resvg(outlined ? font.textToPaths(svg) : svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: !outlined },
  }).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

export interface ChartFileOptions {
  /** A font file for the charts' text (the CLI's --font); default: SIM_FONT, else a CJK font found on the system. */
  font?: string;
  /**
   * Told, once per call, when charts hold Chinese text that no font in use can draw: their PNGs are then left out
   * (they would show boxes) and only the SVG is written. The library prints nothing; the CLI prints it.
   */
  onWarning?: (warning: Message) => void;
}

/**
 * Writes `<name>.vl.json`, `<name>.svg` and `<name>.png` for each chart into `dir`; returns the file names in order.
 * A chart whose Chinese text the font cannot draw gets no PNG (options.onWarning says so). A --font file that does not
 * exist or is not a font is a UsageError.
 */
export async function writeCharts(dir: string, charts: readonly Pick<Chart, 'name' | 'spec'>[], options: ChartFileOptions = {}): Promise<string[]> {
  const { font } = await loadRenderer();
  const choice = font.selectFont(options.font);
  const names: string[] = [];
  const missing = new Set<string>();
  let skipped = 0;
  for (const { name, spec } of charts) {
    const svg = await chartSvg(spec);
    await writeFile(join(dir, `${name}.vl.json`), JSON.stringify(spec, null, 2) + '\n');
    await writeFile(join(dir, `${name}.svg`), svg);
    names.push(`${name}.vl.json`, `${name}.svg`);
    const lacking = font.missingGlyphs(svg);
    if (lacking.length) {
      skipped++;
      for (const ch of lacking) missing.add(ch);
      continue;
    }
    const { png } = await chartPng(svg);
    await writeFile(join(dir, `${name}.png`), png);
    names.push(`${name}.png`);
  }
  if (skipped) options.onWarning?.(fontMessages.pngSkipped(skipped, choice?.regular, [...missing].slice(0, 8).join(''), process.platform));
  return names;
}
