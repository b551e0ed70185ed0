// A text XML cannot hold that reaches a chart anyway (validation refuses it in scenarios) is replaced, not a crash.
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { chartPng, chartSvg, xmlSafe } from '../../src/charts/files.js';
import { parseSvg } from './support.js';

const BAD = ['\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '\u0001', '\u000B'];

describe('characters XML cannot hold', () => {
  it('xmlSafe replaces each by U+FFFD and keeps everything else, whole surrogate pairs and line breaks included', () => {
    const kept = 'a\t\n\r巴中 \u{1F600} \uFFFD z';
    expect(xmlSafe(kept)).toBe(kept);
    for (const ch of BAD) expect(xmlSafe(`x${ch}y`)).toBe('x\uFFFDy');
  });

  it('a chart titled with them draws as SVG and PNG', async () => {
    const spec: TopLevelSpec = {
      title: `bad ${BAD.join(' ')} title`,
      data: { values: [{ x: 'a\uFFFF', y: 1 }] },
      mark: 'bar',
      encoding: { x: { field: 'x', type: 'nominal' }, y: { field: 'y', type: 'quantitative' } },
    };
    const svg = await chartSvg(spec);
    for (const ch of BAD) expect(svg).not.toContain(ch);
    expect(svg).toContain('bad \uFFFD');
    expect(() => parseSvg(svg)).not.toThrow();
    const { png } = await chartPng(svg);
    expect(png.length).toBeGreaterThan(0);
  });
});
