// Every chart of a run and of a comparison: its spec validates against vega-lite's own JSON Schema, its SVG parses and
// holds the marks its data implies, its PNG has the SVG's size × the scale, and its labels are in the language asked.
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { comparisonCharts } from '../../src/charts/compare-extras.js';
import { chartPng, chartSvg, PNG_SCALE, type Chart } from '../../src/charts/files.js';
import { cjkFont } from '../../src/charts/font.js';
import { runCharts } from '../../src/charts/run-extras.js';
import { BASELINE_COLOR, PALETTE, scenarioColors, symlogTicks } from '../../src/charts/specs.js';
import { orderedScenarios } from '../../src/compare/answer.js';
import { flowRows, policySummaryRows, summaryRows } from '../../src/core/rows.js';
import type { ComparisonData } from '../../src/compare/types.js';
import { markItems, parseSvg, svgSize, svgTexts, tinyComparison, tinyRun, vegaLiteValidator } from './support.js';
import type { Document } from '@xmldom/xmldom';

interface Drawn {
  chart: Chart;
  svg: string;
  doc: Document;
  png: Buffer;
}

async function draw(charts: Chart[]): Promise<Map<string, Drawn>> {
  const out = new Map<string, Drawn>();
  for (const chart of charts) {
    const svg = await chartSvg(chart.spec);
    out.set(chart.name, { chart, svg, doc: parseSvg(svg), png: (await chartPng(svg)).png });
  }
  return out;
}

const hasFont = cjkFont() !== undefined;
if (!hasFont) {
  const message = 'fonts-noto-cjk is not installed: PNG text will not be checked (apt-get install fonts-noto-cjk)';
  if (process.env.CI) throw new Error(message);
  console.warn(`\n*** ${message} ***\n`);
}

let single: Awaited<ReturnType<typeof tinyRun>>;
let singleZh: Map<string, Drawn>;
let singleEn: Map<string, Drawn>;
let data: Awaited<ReturnType<typeof tinyComparison>>;
let compareZh: Map<string, Drawn>;
let compareEn: Map<string, Drawn>;

beforeAll(async () => {
  single = await tinyRun('tiny-policies', true);
  singleZh = await draw(runCharts(single.loaded, single.outcome, 'zh'));
  singleEn = await draw(runCharts(single.loaded, single.outcome, 'en'));
  data = await tinyComparison('/nowhere', 'zh');
  compareZh = await draw(comparisonCharts(data));
  compareEn = await draw(comparisonCharts({ ...data, lang: 'en' }));
});

const all = () => [...singleZh.values(), ...singleEn.values(), ...compareZh.values(), ...compareEn.values()];

describe('chart specs', () => {
  it('a run draws what applies to it; a comparison adds the difference and cost-effectiveness charts', () => {
    expect([...singleZh.keys()]).toEqual(['retention', 'effective-talent', 'flows', 'stock-by-tier', 'spending']);
    expect([...compareZh.keys()]).toEqual(['retention', 'effective-talent', 'difference', 'cost-effect', 'flows', 'stock-by-tier']);
  });

  it('validate against the Vega-Lite JSON Schema of the installed vega-lite', () => {
    const validate = vegaLiteValidator();
    for (const { chart } of all()) {
      const ok = validate(JSON.parse(JSON.stringify(chart.spec)));
      expect(ok, `${chart.name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
  });

  it('the validator does reject a broken spec', () => {
    const validate = vegaLiteValidator();
    const spec = JSON.parse(JSON.stringify(singleZh.get('retention')!.chart.spec));
    spec.layer[0].mark.type = 'lines';
    expect(validate(spec)).toBe(false);
    expect(validate({ ...spec, layer: undefined, widht: 3 })).toBe(false);
  });

  it('have a title and axis titles with units', () => {
    const retention = svgTexts(singleZh.get('retention')!.doc);
    expect(retention).toContain('净流入（人）');
    expect(retention).toContain('年份');
    expect(svgTexts(singleEn.get('retention')!.doc)).toContain('Net retention (persons)');
    expect(svgTexts(compareZh.get('cost-effect')!.doc).some((t) => t.includes('百万元'))).toBe(true);
    expect(svgTexts(compareEn.get('cost-effect')!.doc).some((t) => t.includes('million CNY'))).toBe(true);
    expect(svgTexts(compareEn.get('difference')!.doc).some((t) => /\(.*persons\)/.test(t))).toBe(true);
    for (const { chart, doc } of all()) expect(svgTexts(doc), chart.name).toContain(chart.title);
  });
});

describe('SVG', () => {
  it('every chart parses and has its size on the root element', () => {
    for (const { chart, doc } of all()) {
      const { width, height } = svgSize(doc);
      expect(width, chart.name).toBeGreaterThan(200);
      expect(height, chart.name).toBeGreaterThan(100);
    }
  });

  it('a run: one line and band of net retention, three talent lines (effective, residents, the index), one cell per flow, one bar per year and tier or policy', () => {
    const { resolved } = single.loaded;
    const years = single.outcome.settings.years;
    const retention = singleZh.get('retention')!.doc;
    expect(markItems(retention, 'line')).toHaveLength(1);
    expect(markItems(retention, 'band')).toHaveLength(1);
    expect(markItems(retention, 'points')).toHaveLength(years);

    const effective = singleZh.get('effective-talent')!.doc;
    expect(markItems(effective, 'talent_line')).toHaveLength(3);
    // The policies put flexible and enclave FTE to work for Bazhong: one bar segment per year and part present.
    const summary = summaryRows(single.outcome.results, resolved);
    const parts = ['flexibleFte', 'enclaveFte', 'remoteFte'].filter((m) => summary.some((r) => r.metric === m && r.mean > 0));
    expect(parts.length).toBeGreaterThan(0);
    expect(markItems(effective, 'fte_bars')).toHaveLength(parts.length * years);

    const pairs = new Set(flowRows(single.outcome.results, resolved).map((r) => `${r.origin}>${r.destination}`));
    const flows = singleZh.get('flows')!.doc;
    expect(markItems(flows, 'cells')).toHaveLength(pairs.size);
    expect(markItems(flows, 'values')).toHaveLength(pairs.size);

    expect(markItems(singleZh.get('stock-by-tier')!.doc, 'bars')).toHaveLength(years * resolved.tiers.length);
    const policies = new Set(policySummaryRows(single.outcome.results, resolved).map((r) => r.policy));
    expect(markItems(singleZh.get('spending')!.doc, 'bars')).toHaveLength(years * policies.size);
  });

  it('a comparison: a line and band per scenario, a bar per scenario and metric, a point per scenario', () => {
    const n = data.runs.length;
    const retention = compareZh.get('retention')!.doc;
    expect(markItems(retention, 'line')).toHaveLength(n);
    expect(markItems(retention, 'band')).toHaveLength(n);
    expect(markItems(retention, 'reference')).toHaveLength(n - 1);

    const dumbbell = compareZh.get('effective-talent')!.doc;
    for (const layer of ['gap', 'residents', 'effective']) expect(markItems(dumbbell, layer), layer).toHaveLength(n);

    const difference = compareZh.get('difference')!.doc;
    // Effective talent, the talent index, residents and net retention.
    expect(markItems(difference, 'bars')).toHaveLength((n - 1) * 4);
    expect(markItems(difference, 'errors')).toHaveLength((n - 1) * 4);
    // Its symmetric log axes are ticked at 0 and ± powers of ten only (1, 10, 100, 1k …), within each panel's domain.
    const ticks = svgTexts(difference).filter((t) => /^[−-]?[\d.,]+[kM]?$/.test(t));
    expect(ticks.length).toBeGreaterThanOrEqual(4 * 2);
    for (const t of ticks) expect(t).toMatch(/^(0|[−-]?(1|10|100)[kM]?)$/);

    // The baseline costs nothing and is left off the log cost axis; every label that has room is drawn.
    expect(markItems(compareZh.get('cost-effect')!.doc, 'points')).toHaveLength(n - 1);
    expect(markItems(compareZh.get('cost-effect')!.doc, 'labels').length).toBeGreaterThan(0);
    expect(markItems(compareZh.get('cost-effect')!.doc, 'labels').length).toBeLessThanOrEqual(n - 1);

    const base = data.runs[0];
    const basePairs = new Set(flowRows(base.outcome.results, base.loaded.resolved).map((r) => `${r.origin}>${r.destination}`));
    const allPairs = (k: number) =>
      new Set([...basePairs, ...flowRows(data.runs[k].outcome.results, data.runs[k].loaded.resolved).map((r) => `${r.origin}>${r.destination}`)]);
    const flows = compareZh.get('flows')!.doc;
    expect(markItems(flows, 'base_cells')).toHaveLength(basePairs.size);
    expect(markItems(flows, 'diff_cells')).toHaveLength(allPairs(1).size + allPairs(2).size);

    expect(markItems(compareZh.get('stock-by-tier')!.doc, 'points')).toHaveLength(n * base.loaded.resolved.tiers.length);
  });

  it('keeps one colour per scenario across charts: by position in the order by effect, the baseline grey', () => {
    const names = orderedScenarios(
      data.runs.map((r) => r.loaded.resolved.name),
      'tiny',
      data.ranking,
    );
    expect(scenarioColors(names, 'tiny')).toEqual([BASELINE_COLOR, PALETTE[0], PALETTE[1]]);
    expect(scenarioColors(['a', 'b'], undefined)).toEqual([PALETTE[0], PALETTE[1]]);
    const colour = new Map(names.map((name, k) => [name, scenarioColors(names, 'tiny')[k]]));
    // vega labels each item with its data (aria-label "…; scenario: NAME; …"): its colour must be its scenario's.
    const check = (chart: string, layer: string, attribute: 'fill' | 'stroke', count: number) => {
      const items = markItems(compareZh.get(chart)!.doc, layer);
      expect(items, `${chart}/${layer}`).toHaveLength(count);
      for (const item of items) {
        const scenario = /scenario: ([^;]+)/.exec(item.getAttribute('aria-label') ?? '')?.[1];
        expect(scenario && colour.get(scenario), `${chart}/${layer}: ${item.getAttribute('aria-label')}`).toBe(item.getAttribute(attribute));
      }
    };
    check('retention', 'points', 'fill', 3 * data.runs[0].outcome.settings.years);
    check('cost-effect', 'points', 'fill', 2);
    check('effective-talent', 'effective', 'fill', 3);
    check('stock-by-tier', 'points', 'fill', 3 * data.runs[0].loaded.resolved.tiers.length);
    // The difference chart leaves the baseline out but keeps the others' colours.
    check('difference', 'bars', 'fill', 2 * 4);
    const strokes = new Set(markItems(compareZh.get('retention')!.doc, 'line').map((p) => p.getAttribute('stroke')));
    expect(strokes).toEqual(new Set([BASELINE_COLOR, PALETTE[0], PALETTE[1]]));
  });

  it('holds Chinese text as text, with place names in Chinese in both languages', () => {
    const zh = svgTexts(compareZh.get('flows')!.doc);
    expect(zh).toEqual(expect.arrayContaining(['巴中', '成都', '重庆', '其他地区']));
    expect(zh.join(' ')).not.toMatch(/Bazhong/);
    const en = compareEn.get('flows')!.svg;
    // English: "巴中 Bazhong" (the column labels break it over two lines).
    expect(svgTexts(compareEn.get('flows')!.doc)).toContain('巴中 Bazhong');
    expect(en).toMatch(/<tspan>巴中<\/tspan><tspan[^>]*>Bazhong<\/tspan>/);
    expect(svgTexts(singleZh.get('retention')!.doc).some((t) => t.startsWith('巴中人才净流入'))).toBe(true);
    expect(svgTexts(singleEn.get('retention')!.doc).some((t) => t.includes('in 巴中 Bazhong'))).toBe(true);
  });
});

describe('PNG', () => {
  it('is a non-empty image of the SVG size × the scale', () => {
    for (const { chart, doc, png } of all()) {
      const image = PNG.sync.read(png);
      const { width, height } = svgSize(doc);
      expect(image.width, chart.name).toBe(Math.round(width * PNG_SCALE));
      expect(image.height, chart.name).toBe(Math.round(height * PNG_SCALE));
      let ink = 0;
      for (let i = 0; i < image.data.length; i += 4) if (image.data[i] < 200 || image.data[i + 1] < 200 || image.data[i + 2] < 200) ink++;
      expect(ink / (image.width * image.height), chart.name).toBeGreaterThan(0.01);
    }
  });

  it.runIf(hasFont)('draws the title text (dark pixels in the title band)', () => {
    const image = PNG.sync.read(compareZh.get('retention')!.png);
    // The title sits in the top 30 px (60 at scale 2), left-aligned.
    let dark = 0;
    for (let y = 0; y < 60; y++)
      for (let x = 0; x < Math.min(image.width, 600); x++) {
        const i = (y * image.width + x) * 4;
        if (image.data[i] < 80 && image.data[i + 1] < 80 && image.data[i + 2] < 80) dark++;
      }
    expect(dark).toBeGreaterThan(500);
  });
});

describe('symlogTicks', () => {
  it('gives 0 and ± each power of ten up to the first beyond the largest magnitude', () => {
    expect(symlogTicks([-530, 8700, 95])).toEqual([-10000, -1000, -100, -10, -1, 0, 1, 10, 100, 1000, 10000]);
    expect(symlogTicks([0.2, -0.5])).toEqual([-1, 0, 1]);
    expect(symlogTicks([NaN, 100])).toEqual([-100, -10, -1, 0, 1, 10, 100]);
  });
});
