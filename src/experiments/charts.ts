// Vega-Lite specs for an experiment's charts: the outcome over swept values, a tornado chart, a Morris μ*–σ plot.
// Pure: data in, spec out (src/charts/files.ts draws them). Field names in the data are plain words, never paths
// with dots, which Vega-Lite would read as nested fields; the parameter paths appear only as values and titles.
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from '../charts/specs.js';
import { formatSignificant } from '../output/format.js';

const config = {
  font: CHART_FONT,
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 400, titleLimit: 400 },
  title: { fontSize: 14, anchor: 'start' },
};

export interface SweepChartPoint {
  /** The point's factor values, in the order of `factors`. */
  values: number[];
  mean: number;
  p5: number;
  p95: number;
}

export interface SweepChartInput {
  title: string;
  subtitle?: string | string[];
  /** Axis title of the outcome, e.g. "netRetention in 2028 (persons)". */
  outcome: string;
  factors: string[];
  /** A full grid (lines over the first factor, one per value of the second) or a sample (scatter per factor). */
  design: 'grid' | 'lhs';
  points: SweepChartPoint[];
  /** Panels at most in a scatter per factor: the factors most correlated with the outcome are shown. */
  maxPanels?: number;
}

/**
 * The outcome over the swept values. One factor: the mean over runs as a line, with the 5–95 % band over runs.
 * Two factors in a grid: a line over the first per value of the second. Otherwise (more factors, or a sample):
 * one scatter panel per factor, outcome against the factor's value.
 */
export function sweepChart(input: SweepChartInput): TopLevelSpec {
  const finite = input.points.filter((p) => Number.isFinite(p.mean));
  const title = { text: input.title, subtitle: input.subtitle };
  if (input.design === 'grid' && input.factors.length === 1) {
    const data = finite.map((p) => ({ x: p.values[0], mean: p.mean, p5: p.p5, p95: p.p95 }));
    const x = { field: 'x', type: 'quantitative', title: input.factors[0], scale: { zero: false } };
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title,
      width: 520,
      height: 320,
      data: { values: data },
      layer: [
        {
          mark: { type: 'area', opacity: 0.2, color: '#4c78a8' },
          encoding: { x, y: { field: 'p5', type: 'quantitative', title: input.outcome, scale: { zero: false } }, y2: { field: 'p95' } },
        },
        {
          mark: { type: 'line', point: true, color: '#4c78a8' },
          encoding: {
            x,
            y: { field: 'mean', type: 'quantitative' },
            tooltip: [
              { field: 'x', title: input.factors[0] },
              { field: 'mean', format: ',.1f' },
              { field: 'p5', format: ',.1f' },
              { field: 'p95', format: ',.1f' },
            ],
          },
        },
      ],
      config,
    } as TopLevelSpec;
  }
  if (input.design === 'grid' && input.factors.length === 2) {
    const data = finite.map((p) => ({ x: p.values[0], series: String(p.values[1]), order: p.values[1], mean: p.mean, p5: p.p5, p95: p.p95 }));
    const x = { field: 'x', type: 'quantitative', title: input.factors[0], scale: { zero: false } };
    const color = { field: 'series', type: 'nominal', title: input.factors[1], sort: { field: 'order' }, scale: { scheme: 'tableau10' } };
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title,
      width: 520,
      height: 320,
      data: { values: data },
      layer: [
        {
          mark: { type: 'area', opacity: 0.12 },
          encoding: {
            x,
            y: { field: 'p5', type: 'quantitative', title: input.outcome, scale: { zero: false } },
            y2: { field: 'p95' },
            color: { ...color, legend: null },
          },
        },
        { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, color } },
      ],
      config,
    } as TopLevelSpec;
  }
  // One panel per factor, the most influential first (by |correlation| of the factor's values with the outcome).
  const strength = input.factors.map((_, j) =>
    Math.abs(
      correlation(
        finite.map((p) => p.values[j]),
        finite.map((p) => p.mean),
      ),
    ),
  );
  const order = input.factors
    .map((_, j) => j)
    .sort((a, b) => (Number.isNaN(strength[b]) ? -1 : Number.isNaN(strength[a]) ? 1 : strength[b] - strength[a] || a - b));
  const shown = order.slice(0, input.maxPanels ?? 12);
  const data = shown.flatMap((j) => finite.map((p) => ({ factor: input.factors[j], x: p.values[j], mean: p.mean })));
  const more = input.factors.length > shown.length ? `the ${shown.length} of ${input.factors.length} parameters most correlated with the outcome` : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: more ? [...[input.subtitle ?? []].flat(), more.trim()] : input.subtitle },
    data: { values: data },
    facet: { field: 'factor', type: 'nominal', title: null, sort: shown.map((j) => input.factors[j]), header: { labelFontSize: 11, labelLimit: 300 } },
    columns: Math.min(3, shown.length),
    spec: {
      width: 220,
      height: 160,
      mark: { type: 'point', filled: true, opacity: 0.7, color: '#4c78a8' },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: 'value', scale: { zero: false } },
        y: { field: 'mean', type: 'quantitative', title: input.outcome, scale: { zero: false } },
      },
    },
    resolve: { scale: { x: 'independent' } },
    config,
  } as TopLevelSpec;
}

/** Pearson correlation; NaN when either side does not vary. */
export function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n < 2) return NaN;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

export interface TornadoBar {
  /** The parameter, e.g. "locations.bazhong.wage.top". */
  parameter: string;
  low: number;
  high: number;
  outcomeLow: number;
  outcomeHigh: number;
}

/**
 * A tornado chart: per parameter, a bar from the base outcome to the outcome with the parameter at the low end of
 * its range and one to the outcome at its high end; the largest swing on top. `bars` come sorted by swing.
 */
export function tornadoChart(input: { title: string; subtitle?: string | string[]; outcome: string; base: number; bars: TornadoBar[] }): TopLevelSpec {
  const name = (b: TornadoBar) => `${b.parameter} [${formatSignificant(b.low)}, ${formatSignificant(b.high)}]`;
  const data = input.bars.flatMap((b) => [
    { parameter: name(b), end: 'parameter at its low end', setting: b.low, outcome: b.outcomeLow, base: input.base },
    { parameter: name(b), end: 'parameter at its high end', setting: b.high, outcome: b.outcomeHigh, base: input.base },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: input.subtitle },
    width: 460,
    height: Math.max(60, 22 * input.bars.length),
    data: { values: data },
    layer: [
      {
        mark: { type: 'bar', opacity: 0.85, height: { band: 0.7 } },
        encoding: {
          // An explicit domain, not a sort list, orders the bars: vega-lite compiles a sort list into one nested
          // expression that overflows vega's parser past about 700 values (see withOrder in src/charts/specs.ts).
          y: { field: 'parameter', type: 'nominal', scale: { domain: input.bars.map(name) }, title: null, axis: { labelLimit: 640 } },
          x: { field: 'outcome', type: 'quantitative', title: input.outcome, scale: { zero: false } },
          x2: { field: 'base' },
          color: {
            field: 'end',
            type: 'nominal',
            title: null,
            scale: { domain: ['parameter at its low end', 'parameter at its high end'], range: ['#4c78a8', '#e45756'] },
            legend: { orient: 'bottom' },
          },
          tooltip: [{ field: 'parameter' }, { field: 'end' }, { field: 'setting', format: ',' }, { field: 'outcome', format: ',.1f' }],
        },
      },
      { mark: { type: 'rule', color: 'black' }, encoding: { x: { datum: input.base, type: 'quantitative' } } },
    ],
    config,
  } as TopLevelSpec;
}

export interface MorrisMark {
  parameter: string;
  muStar: number;
  sigma: number;
  rank: number;
}

/** Morris screening: μ* (overall influence) against σ (interactions, non-linearity, noise), the top `labelled` named. */
export function morrisChart(input: { title: string; subtitle?: string | string[]; outcome: string; effects: MorrisMark[]; labelled?: number }): TopLevelSpec {
  const labelled = input.labelled ?? 15;
  const data = input.effects
    .filter((e) => Number.isFinite(e.muStar))
    .map((e) => ({
      parameter: e.parameter,
      muStar: e.muStar,
      sigma: Number.isFinite(e.sigma) ? e.sigma : 0,
      rank: e.rank,
      label: e.rank <= labelled ? e.parameter : '',
    }));
  const x = { field: 'muStar', type: 'quantitative', title: `μ* (mean |elementary effect|) of ${input.outcome}` };
  const y = { field: 'sigma', type: 'quantitative', title: 'σ (standard deviation of the elementary effects)' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: input.subtitle },
    width: 560,
    height: 400,
    data: { values: data },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 50, color: '#4c78a8' },
        encoding: { x, y, tooltip: [{ field: 'parameter' }, { field: 'rank' }, { field: 'muStar', format: ',.1f' }, { field: 'sigma', format: ',.1f' }] },
      },
      { mark: { type: 'text', align: 'left', dx: 6, dy: -4, fontSize: 10 }, encoding: { x, y, text: { field: 'label' } } },
    ],
    config,
  } as TopLevelSpec;
}
