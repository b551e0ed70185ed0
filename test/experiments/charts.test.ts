// The charts of sweeps and sensitivity analyses: valid Vega-Lite, every varied parameter named in words by a titled
// axis, legend or header, drawn (the SVG holds the titles), and the words in the language asked for.
import { describe, expect, it } from 'vitest';
import { chartSvg } from '../../src/charts/files.js';
import { morrisChart, sobolChart, sweepChart, tornadoChart, type ChartFactor, type SweepChartPoint } from '../../src/experiments/charts.js';
import { chartFactor, outcomeName, outcomeTitle } from '../../src/experiments/words.js';
import { fieldLabel } from '../../src/output/labels.js';
import { parseSvg, svgTexts, vegaLiteValidator } from '../charts/support.js';

const PATHS = ['utility.income.coefficient', 'utility.hometown.coefficient', 'taste.sd', 'locations.bazhong.wage.top'];
/** Names that differ from the paths, as fieldLabel gives them once its dictionary has an entry. */
const named = (k: number): ChartFactor => ({ name: `parameter ${k + 1} in words`, path: PATHS[k] });

/** Every combination of two values of each of `k` factors, with an outcome that depends on each. */
function gridPoints(k: number): SweepChartPoint[] {
  const points: SweepChartPoint[] = [];
  for (let i = 0; i < 2 ** k; i++) {
    const values = Array.from({ length: k }, (_, j) => ((i >> j) & 1) + 1 + 100 * j);
    const mean = values.reduce((sum, v, j) => sum + v * (j + 1), 0);
    points.push({ values, mean, p5: mean - 1, p95: mean + 1 });
  }
  return points;
}

const sweep = (k: number, design: 'grid' | 'lhs' = 'grid', lang: 'zh' | 'en' = 'en') =>
  sweepChart({ lang, title: 'title', outcome: 'the outcome', factors: PATHS.slice(0, k).map((_, j) => named(j)), design, points: gridPoints(k) });

const valid = (spec: object) => {
  const validate = vegaLiteValidator();
  expect(validate(spec), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
};

describe('the sweep chart', () => {
  it('names one parameter on the x axis and draws no legend', async () => {
    const spec = sweep(1) as { layer: { encoding: { x: { title: string }; color?: unknown } }[] };
    valid(spec);
    expect(spec.layer[1].encoding.x.title).toBe('parameter 1 in words');
    expect(spec.layer.every((l) => l.encoding.color === undefined)).toBe(true);
    expect(svgTexts(parseSvg(await chartSvg(sweep(1))))).toContain('parameter 1 in words');
  });

  it.each([2, 3, 4])('gives each of %i parameters a titled axis, legend or panel header, in that order, and draws every title', async (k) => {
    const spec = sweep(k) as Record<string, any>;
    valid(spec);
    const layer = (k > 2 ? spec.spec.layer : spec.layer) as { encoding: Record<string, { title?: string; field?: string }> }[];
    const titles = [layer[1].encoding.x.title, layer[1].encoding.color.title];
    if (k >= 3) titles.push(spec.facet.column.title);
    if (k >= 4) titles.push(spec.facet.row.title);
    expect(titles).toEqual(PATHS.slice(0, k).map((_, j) => named(j).name));
    // The band and the line share the colour scale: one legend, titled.
    expect(layer[0].encoding.color).toEqual(layer[1].encoding.color);
    const texts = svgTexts(parseSvg(await chartSvg(spec as never)));
    for (let j = 0; j < k; j++) expect(texts, `title of parameter ${j + 1}`).toContain(named(j).name);
    // The legend lists the second parameter's values in ascending order.
    expect(texts.filter((t) => t === '101' || t === '102')).toEqual(['101', '102']);
  });

  it('shows a sample (or a grid of more than four parameters) as one panel per parameter, headed by its name', () => {
    for (const spec of [
      sweep(3, 'lhs'),
      sweepChart({ lang: 'zh', title: 't', outcome: 'o', factors: [0, 1, 2, 3, 0].map(named), design: 'grid', points: [] }),
    ]) {
      valid(spec);
      const facet = (spec as { facet: { field: string; sort: string[] } }).facet;
      expect(facet.field).toBe('factor');
    }
    const spec = sweep(3, 'lhs') as { data: { values: { factor: string; path: string }[] } };
    expect(new Set(spec.data.values.map((v) => v.factor))).toEqual(new Set(PATHS.slice(0, 3).map((_, j) => named(j).name)));
    expect(new Set(spec.data.values.map((v) => v.path))).toEqual(new Set(PATHS.slice(0, 3)));
  });
});

describe('the words of the experiments', () => {
  it('names a parameter as fieldLabel does, and keeps its path', () => {
    for (const lang of ['zh', 'en'] as const)
      expect(chartFactor({ label: 'locations.bazhong.wage.top' }, lang)).toEqual({
        name: fieldLabel('locations.bazhong.wage.top', lang),
        path: 'locations.bazhong.wage.top',
      });
  });

  it('names the outcome with its year and unit in either language', () => {
    expect(outcomeTitle({ metric: 'residents', year: 2028 }, 'zh')).toBe('2028年常住人才（人）');
    expect(outcomeTitle({ metric: 'residents', year: 2028 }, 'en')).toBe('Resident talent (persons) in 2028');
    expect(outcomeTitle({ metric: 'netRetention', year: 2028 }, 'zh')).toBe('2028年净流入（迁入−迁出，人）');
    expect(outcomeName({ metric: 'residents', year: 2028 }, 'en')).toBe('resident talent in 2028');
  });

  it('draws a tornado and a Morris chart with their words in the language asked for', async () => {
    const parameter = named(0);
    for (const lang of ['zh', 'en'] as const) {
      const tornado = tornadoChart({
        lang,
        title: 't',
        outcome: 'o',
        base: 10,
        bars: [{ parameter, low: 1, high: 2, outcomeLow: 8, outcomeHigh: 13 }],
      });
      valid(tornado);
      const texts = svgTexts(parseSvg(await chartSvg(tornado)));
      expect(texts).toContain(`${parameter.name} [1, 2]`);
      expect(texts).toContain(lang === 'zh' ? '参数取区间下限' : 'parameter at its low end');
      const morris = morrisChart({ lang, title: 't', outcome: 'o', effects: [{ parameter, muStar: 3, sigma: 1, rank: 1 }] });
      valid(morris);
      const morrisTexts = svgTexts(parseSvg(await chartSvg(morris)));
      expect(morrisTexts).toContain(parameter.name);
      expect(morrisTexts).toContain(lang === 'zh' ? 'σ（基本效应的标准差）' : 'σ (standard deviation of the elementary effects)');
    }
  });

  it("draws Sobol' indices: S1 and ST bars per parameter in the order given, whiskers over their intervals, NaN left out", async () => {
    for (const lang of ['zh', 'en'] as const) {
      const sobol = sobolChart({
        lang,
        title: 't',
        outcome: 'o',
        confidence: 0.95,
        bars: [
          { parameter: named(1), S1: 0.5, S1_conf: 0.1, ST: 0.7, ST_conf: 0.05 },
          { parameter: named(0), S1: 0.1, S1_conf: 0.02, ST: 0.2, ST_conf: 0.03 },
          { parameter: named(2), S1: NaN, S1_conf: NaN, ST: NaN, ST_conf: NaN },
        ],
      });
      valid(sobol);
      const spec = sobol as unknown as { encoding: { y: { scale: { domain: string[] } } }; data: { values: { value: number; low: number; high: number }[] } };
      expect(spec.encoding.y.scale.domain).toEqual([named(1).name, named(0).name, named(2).name]);
      const expected = [
        [0.5, 0.5 - 0.1, 0.5 + 0.1],
        [0.7, 0.7 - 0.05, 0.7 + 0.05],
        [0.1, 0.1 - 0.02, 0.1 + 0.02],
        [0.2, 0.2 - 0.03, 0.2 + 0.03],
      ];
      expect(spec.data.values.map((d) => [d.value, d.low, d.high])).toEqual(expected);
      const texts = svgTexts(parseSvg(await chartSvg(sobol)));
      expect(texts).toContain(named(1).name);
      expect(texts).toContain(lang === 'zh' ? '总指数 ST（含交互作用）' : 'total ST (with interactions)');
    }
  });
});
