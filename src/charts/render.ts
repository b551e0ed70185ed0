// Renders a Vega-Lite spec headlessly: to SVG with vega, and to PNG with resvg using system fonts (CJK included) (Node only).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Font families tried for text, Chinese first so that 巴中 renders with real glyphs. */
export const FONT_FAMILY = 'Noto Sans CJK SC, Noto Sans SC, WenQuanYi Micro Hei, sans-serif';

/** Where Debian's fonts-noto-cjk puts its fonts; resvg also loads the system's fonts. */
const CJK_FONT_FILES = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'];

/** Whether a CJK font is installed (PNG text in Chinese needs one; `apt-get install fonts-noto-cjk`). */
export function hasCjkFont(): boolean {
  return CJK_FONT_FILES.some((f) => existsSync(f));
}

/** The SVG of a Vega-Lite spec, drawn by vega's headless renderer. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { spec: vegaSpec } = compile(spec);
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A PNG of an SVG at `scale` times its size (2 by default, for sharp text). */
export function renderPng(svg: string, scale = 2): { png: Buffer; width: number; height: number } {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, fontFiles: CJK_FONT_FILES.filter((f) => existsSync(f)), defaultFontFamily: 'Noto Sans CJK SC', sansSerifFamily: 'Noto Sans CJK SC' },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** Writes `<name>.vl.json`, `<name>.svg` and `<name>.png` into a folder; returns the file names. */
export async function writeChartFiles(dir: string, name: string, spec: TopLevelSpec): Promise<string[]> {
  const svg = await renderSvg(spec);
  const { png } = renderPng(svg);
  await writeFile(join(dir, `${name}.vl.json`), JSON.stringify(spec, null, 2) + '\n');
  await writeFile(join(dir, `${name}.svg`), svg);
  await writeFile(join(dir, `${name}.png`), png);
  return [`${name}.vl.json`, `${name}.svg`, `${name}.png`];
}
