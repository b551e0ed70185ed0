// The CJK font in use (font-lookup.test.ts tests which one) read with fontkit: widths for vega's layout, and glyph
// outlines that draw text as resvg itself would.
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { cjkFont, fontChoice, textToPaths, textWidth } from '../../src/charts/font.js';
import { chartSvg } from '../../src/charts/files.js';
import { parseSvg, svgSize } from './support.js';

const hasFont = cjkFont() !== undefined;
if (!hasFont) {
  const message = 'no CJK font found (fonts-noto-cjk is not installed): the font tests are skipped (apt-get install fonts-noto-cjk)';
  if (process.env.CI) throw new Error(message);
  console.warn(`\n*** ${message} ***\n`);
}

describe.runIf(hasFont)('the CJK font', () => {
  it('measures Chinese characters one em wide and Latin text narrower', () => {
    expect(textWidth('巴中', 10)).toBeCloseTo(20, 5);
    const latin = textWidth('Bazhong', 10)!;
    expect(latin).toBeGreaterThan(30);
    expect(latin).toBeLessThan(50);
    expect(textWidth('2024', 10, true)!).toBeGreaterThanOrEqual(textWidth('2024', 10)!);
  });

  it('turns every text element into a path, and draws the same pixels as resvg with the font', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="90" viewBox="0 0 300 90"><rect width="300" height="90" fill="white"/>' +
      '<text x="10" y="30" font-family="Noto Sans CJK SC" font-size="20px" fill="#000">巴中人才 Bazhong 2024 &amp; −5 %</text>' +
      '<text text-anchor="middle" transform="translate(150,60)" font-family="Noto Sans CJK SC" font-size="14px" font-weight="bold" fill="#333">成都 → 重庆（人）AVAWAY To</text>' +
      '<text transform="translate(20,80)" font-size="11px"><tspan>其他地区</tspan><tspan x="0" dy="0">Elsewhere</tspan></text>' +
      '<text transform="translate(0,0)" font-size="11px"/></svg>';
    const paths = textToPaths(svg);
    expect(paths).not.toMatch(/<text/);
    expect(paths.match(/<path /g)).toHaveLength(3);
    const ours = PNG.sync.read(new Resvg(paths, { font: { loadSystemFonts: false } }).render().asPng());
    const { regular, bold } = fontChoice()!;
    const files = bold ? [regular, bold] : [regular];
    const theirs = PNG.sync.read(
      new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: files, defaultFontFamily: 'Noto Sans CJK SC' } }).render().asPng(),
    );
    expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
    let differ = 0;
    let ink = 0;
    for (let i = 0; i < ours.data.length; i += 4) {
      if (theirs.data[i] < 128) ink++;
      if (Math.abs(ours.data[i] - theirs.data[i]) > 96) differ++;
    }
    expect(ink).toBeGreaterThan(1000);
    // Same glyphs in the same places (kerned as resvg kerns them, here the centred Latin): only antialiasing differs.
    expect(differ / ink).toBeLessThan(0.1);
  });

  it('lets vega lay out a Chinese title at its real width', async () => {
    const title = '巴中人才净流入（迁入减迁出）逐年变化，均值与区间';
    const svg = await chartSvg({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: title, fontSize: 20 },
      width: 50,
      height: 50,
      data: { values: [{ x: 1 }] },
      mark: 'point',
      encoding: { x: { field: 'x', type: 'quantitative' } },
    });
    const { width } = svgSize(parseSvg(svg));
    // vega's own estimate (0.8 em a character) would make the figure too narrow for its title.
    expect(width).toBeGreaterThanOrEqual(textWidth(title, 20, true)!);
  });
});
