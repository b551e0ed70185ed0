// Writes charts as files: the Vega-Lite spec (.vl.json), its SVG drawn by vega and a PNG drawn by resvg (Node only).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { cjkFont, textToPaths, useFontMetrics } from './font.js';

/*
 * vega, vega-lite and resvg are imported on first use, so that loading the library (and every `sim` command) does
 * not pay for them; only writing charts does.
 */

/** One chart: its file stem (e.g. "retention"), the title shown in the report, and its spec. */
export interface Chart {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/** PNGs are drawn at twice the SVG's size, for sharp text. */
export const PNG_SCALE = 2;

let renderer: Promise<typeof import('./render.js')> | undefined;

/** render.ts, with vega measuring text by the CJK font's own widths (when it is installed). */
function loadRenderer(): Promise<typeof import('./render.js')> {
  renderer ??= (async () => {
    const [vega, render] = await Promise.all([import('vega'), import('./render.js')]);
    useFontMetrics(vega as unknown as Parameters<typeof useFontMetrics>[0]);
    return render;
  })();
  return renderer;
}

/** The SVG of a chart, drawn by vega's headless renderer, its layout made with the CJK font's real text widths. */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const { renderSvg } = await loadRenderer();
  return renderSvg(spec);
}

/**
 * A PNG of a chart's SVG at `scale` times its size. With the CJK font installed, text is first turned into glyph
 * outlines, so resvg needs no fonts (about 30 ms a chart instead of 25 ms for every text element); without it,
 * render.ts's renderPng draws the text with whatever fonts the system has.
 */
export async function chartPng(svg: string, scale = PNG_SCALE): Promise<{ png: Buffer; width: number; height: number }> {
  const { renderPng } = await loadRenderer();
  if (!cjkFont()) return renderPng(svg, scale);
  const { Resvg } = await import('@resvg/resvg-js');
  const image = new Resvg(textToPaths(svg), { fitTo: { mode: 'zoom', value: scale }, background: 'white', font: { loadSystemFonts: false } }).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** Writes `<name>.vl.json`, `<name>.svg` and `<name>.png` for each chart into `dir`; returns the file names in order. */
export async function writeCharts(dir: string, charts: readonly Chart[]): Promise<string[]> {
  const names: string[] = [];
  for (const { name, spec } of charts) {
    const svg = await chartSvg(spec);
    const { png } = await chartPng(svg);
    await writeFile(join(dir, `${name}.vl.json`), JSON.stringify(spec, null, 2) + '\n');
    await writeFile(join(dir, `${name}.svg`), svg);
    await writeFile(join(dir, `${name}.png`), png);
    names.push(`${name}.vl.json`, `${name}.svg`, `${name}.png`);
  }
  return names;
}
