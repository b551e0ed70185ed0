// Writes charts as files: the Vega-Lite spec (.vl.json), its SVG drawn by vega and a PNG drawn by resvg (Node only).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { cjkFont, textToPaths, useFontMetrics } from './font.js';
import { renderPng, renderSvg } from './render.js';

/** One chart: its file stem (e.g. "retention"), the title shown in the report, and its spec. */
export interface Chart {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/** PNGs are drawn at twice the SVG's size, for sharp text. */
export const PNG_SCALE = 2;

let metricsInstalled = false;

/** The SVG of a chart, laid out with the CJK font's real text widths when the font is installed. */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  if (!metricsInstalled) {
    useFontMetrics(vega as unknown as Parameters<typeof useFontMetrics>[0]);
    metricsInstalled = true;
  }
  return renderSvg(spec);
}

/**
 * A PNG of a chart's SVG at `scale` times its size. With the CJK font installed, text is first turned into glyph
 * outlines (fast: resvg need not load fonts); without it, render.ts's renderPng draws text with the system's fonts.
 */
export function chartPng(svg: string, scale = PNG_SCALE): { png: Buffer; width: number; height: number } {
  if (!cjkFont()) return renderPng(svg, scale);
  const image = new Resvg(textToPaths(svg), { fitTo: { mode: 'zoom', value: scale }, background: 'white', font: { loadSystemFonts: false } }).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** Writes `<name>.vl.json`, `<name>.svg` and `<name>.png` for each chart into `dir`; returns the file names in order. */
export async function writeCharts(dir: string, charts: readonly Chart[]): Promise<string[]> {
  const names: string[] = [];
  for (const { name, spec } of charts) {
    const svg = await chartSvg(spec);
    const { png } = chartPng(svg);
    await writeFile(join(dir, `${name}.vl.json`), JSON.stringify(spec, null, 2) + '\n');
    await writeFile(join(dir, `${name}.svg`), svg);
    await writeFile(join(dir, `${name}.png`), png);
    names.push(`${name}.vl.json`, `${name}.svg`, `${name}.png`);
  }
  return names;
}
