// Vega-Lite specs for an experiment's charts: the outcome over swept values, a tornado chart, a Morris μ*–σ plot,
// Sobol' indices as bars with their intervals.
// Pure: data in, spec out (src/charts/files.ts draws them), in Chinese or English. Field names in the data are plain
// words, never paths with dots, which Vega-Lite would read as nested fields; parameters are named in words (their
// fieldLabel) in titles, legends and headers, their paths only in tooltips.
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from '../charts/specs.js';
import { formatSignificant, type Lang } from '../output/format.js';
import { correlation } from './correlation.js';

const config = {
  font: CHART_FONT,
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 400, titleLimit: 400 },
  title: { fontSize: 14, anchor: 'start' },
};

/** A parameter as a chart names it: in words (fieldLabel) for the reader, its field path in the tooltip. */
export interface ChartFactor {
  /** The name in words, e.g. 巴中 · 工资 · 高层次人才. */
  name: string;
  /** The canonical field path, e.g. locations.bazhong.wage.top. */
  path: string;
}

export interface SweepChartPoint {
  /** The point's factor values, in the order of `factors`. */
  values: number[];
  mean: number;
  p5: number;
  p95: number;
}

export interface SweepChartInput {
  lang: Lang;
  title: string;
  subtitle?: string | string[];
  /** Axis title of the outcome, e.g. "2028年净流入（迁入−迁出，人）". */
  outcome: string;
  factors: ChartFactor[];
  /**
   * A full grid (lines over the first factor; colour for the second, columns for the third, rows for the fourth) or a
   * sample (scatter per factor).
   */
  design: 'grid' | 'lhs';
  points: SweepChartPoint[];
  /** Panels at most in a scatter per factor: the factors most correlated with the outcome are shown. */
  maxPanels?: number;
}

const TEXT = {
  zh: {
    value: '参数取值',
    mean: '均值',
    band: (p: number) => `${p} % 分位`,
    mostCorrelated: (shown: number, all: number) => `图中为与结果相关性最强的 ${shown} 个参数（共 ${all} 个）`,
    low: '参数取区间下限',
    high: '参数取区间上限',
    range: '区间',
    parameter: '参数',
    path: '字段路径',
    rank: '排名',
    muStar: (outcome: string) => `μ*（基本效应绝对值的均值）：${outcome}`,
    sigma: 'σ（基本效应的标准差）',
    index: (outcome: string) => `Sobol 指数（所解释的方差比例）：${outcome}`,
    first: '一阶指数 S1（单独作用）',
    total: '总指数 ST（含交互作用）',
    interval: (level: number) => `${level} % 置信区间`,
  },
  en: {
    value: 'value of the parameter',
    mean: 'mean',
    band: (p: number) => `${p} % quantile`,
    mostCorrelated: (shown: number, all: number) => `the ${shown} of ${all} parameters most correlated with the outcome`,
    low: 'parameter at its low end',
    high: 'parameter at its high end',
    range: 'range',
    parameter: 'parameter',
    path: 'field path',
    rank: 'rank',
    muStar: (outcome: string) => `μ* (mean |elementary effect|) of ${outcome}`,
    sigma: 'σ (standard deviation of the elementary effects)',
    index: (outcome: string) => `Sobol' index (share of the variance) of ${outcome}`,
    first: 'first order S1 (alone)',
    total: 'total ST (with interactions)',
    interval: (level: number) => `${level} % interval`,
  },
} as const;

/** A parameter's name for a tooltip: its name in words and, when that is not the path itself, its path. */
const withPath = (f: ChartFactor) => (f.name === f.path ? f.path : `${f.name} (${f.path})`);

/** The channels a grid sweep gives its factors after the x axis: colour, then columns, then rows of panels. */
const GRID_CHANNELS = ['color', 'column', 'row'] as const;

/**
 * The outcome over the swept values. A grid of up to four factors: the mean over runs as a line over the first
 * factor, with the 5–95 % band over runs; the second factor in colour (its own titled legend), the third in columns
 * and the fourth in rows of panels (each with a titled header). Otherwise (more factors, or a sample): one scatter
 * panel per factor, headed by its name, the outcome against the factor's value.
 */
export function sweepChart(input: SweepChartInput): TopLevelSpec {
  const t = TEXT[input.lang];
  const finite = input.points.filter((p) => Number.isFinite(p.mean));
  const title = { text: input.title, subtitle: input.subtitle };
  const [first, ...others] = input.factors;
  if (input.design === 'grid' && input.factors.length <= 1 + GRID_CHANNELS.length) {
    const label = (v: number) => formatSignificant(v);
    const data = finite.map((p) => ({
      x: p.values[0],
      ...Object.fromEntries(others.map((_, k) => [GRID_CHANNELS[k], label(p.values[k + 1])])),
      mean: p.mean,
      p5: p.p5,
      p95: p.p95,
    }));
    // Each factor's values in ascending order, as labels: the order of a legend or of the panels.
    const levels = others.map((_, k) => [...new Set(finite.map((p) => p.values[k + 1]))].sort((a, b) => a - b).map(label));
    const x = { field: 'x', type: 'quantitative', title: first.name, scale: { zero: false } };
    const color =
      others.length > 0
        ? {
            field: 'color',
            type: 'nominal',
            title: others[0].name,
            scale: { domain: levels[0], scheme: 'tableau10' },
            legend: { orient: 'right', symbolOpacity: 1 },
          }
        : undefined;
    const tooltip = [
      { field: 'x', title: withPath(first) },
      ...others.map((f, k) => ({ field: GRID_CHANNELS[k], title: withPath(f) })),
      { field: 'mean', title: t.mean, format: ',.1f' },
      { field: 'p5', title: t.band(5), format: ',.1f' },
      { field: 'p95', title: t.band(95), format: ',.1f' },
    ];
    const layer = [
      {
        mark: { type: 'area', opacity: color ? 0.12 : 0.2, ...(color ? {} : { color: '#4c78a8' }) },
        encoding: {
          x,
          y: { field: 'p5', type: 'quantitative', title: input.outcome, scale: { zero: false } },
          y2: { field: 'p95' },
          ...(color ? { color } : {}),
        },
      },
      {
        mark: { type: 'line', point: true, ...(color ? {} : { color: '#4c78a8' }) },
        encoding: { x, y: { field: 'mean', type: 'quantitative' }, ...(color ? { color } : {}), tooltip },
      },
    ];
    const panels = others
      .slice(1)
      .map((f, k) => [
        GRID_CHANNELS[k + 1],
        { field: GRID_CHANNELS[k + 1], type: 'nominal', title: f.name, sort: levels[k + 1], header: { titleFontSize: 12, labelFontSize: 11 } },
      ]);
    const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, data: { values: data }, config };
    if (!panels.length) return { ...base, width: 520, height: 320, layer } as TopLevelSpec;
    return { ...base, facet: Object.fromEntries(panels), spec: { width: 260, height: 200, layer } } as TopLevelSpec;
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
  const data = shown.flatMap((j) => finite.map((p) => ({ factor: input.factors[j].name, path: input.factors[j].path, x: p.values[j], mean: p.mean })));
  const more = input.factors.length > shown.length ? t.mostCorrelated(shown.length, input.factors.length) : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: more ? [...[input.subtitle ?? []].flat(), more] : input.subtitle },
    data: { values: data },
    facet: {
      field: 'factor',
      type: 'nominal',
      title: null,
      sort: shown.map((j) => input.factors[j].name),
      header: { labelFontSize: 11, labelLimit: 300 },
    },
    columns: Math.min(3, shown.length),
    spec: {
      width: 220,
      height: 160,
      mark: { type: 'point', filled: true, opacity: 0.7, color: '#4c78a8' },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: t.value, scale: { zero: false } },
        y: { field: 'mean', type: 'quantitative', title: input.outcome, scale: { zero: false } },
        tooltip: [
          { field: 'factor', title: t.parameter },
          { field: 'path', title: t.path },
          { field: 'x', title: t.value, format: ',' },
          { field: 'mean', title: t.mean, format: ',.1f' },
        ],
      },
    },
    resolve: { scale: { x: 'independent' } },
    config,
  } as TopLevelSpec;
}

export interface TornadoBar {
  /** The parameter: its name in words and its path. */
  parameter: ChartFactor;
  low: number;
  high: number;
  outcomeLow: number;
  outcomeHigh: number;
}

/**
 * A tornado chart: per parameter, a bar from the base outcome to the outcome with the parameter at the low end of
 * its range and one to the outcome at its high end; the largest swing on top. `bars` come sorted by swing.
 */
export function tornadoChart(input: {
  lang: Lang;
  title: string;
  subtitle?: string | string[];
  outcome: string;
  base: number;
  bars: TornadoBar[];
}): TopLevelSpec {
  const t = TEXT[input.lang];
  const name = (b: TornadoBar) => `${b.parameter.name} [${formatSignificant(b.low)}, ${formatSignificant(b.high)}]`;
  const data = input.bars.flatMap((b) => [
    { parameter: name(b), path: b.parameter.path, end: t.low, setting: b.low, outcome: b.outcomeLow, base: input.base },
    { parameter: name(b), path: b.parameter.path, end: t.high, setting: b.high, outcome: b.outcomeHigh, base: input.base },
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
            scale: { domain: [t.low, t.high], range: ['#4c78a8', '#e45756'] },
            legend: { orient: 'bottom' },
          },
          tooltip: [
            { field: 'parameter', title: t.parameter },
            { field: 'path', title: t.path },
            { field: 'end', title: t.range },
            { field: 'setting', title: t.value, format: ',' },
            { field: 'outcome', title: input.outcome, format: ',.1f' },
          ],
        },
      },
      { mark: { type: 'rule', color: 'black' }, encoding: { x: { datum: input.base, type: 'quantitative' } } },
    ],
    config,
  } as TopLevelSpec;
}

export interface MorrisMark {
  parameter: ChartFactor;
  muStar: number;
  sigma: number;
  rank: number;
}

/** Morris screening: μ* (overall influence) against σ (interactions, non-linearity, noise), the top `labelled` named. */
export function morrisChart(input: {
  lang: Lang;
  title: string;
  subtitle?: string | string[];
  outcome: string;
  effects: MorrisMark[];
  labelled?: number;
}): TopLevelSpec {
  const t = TEXT[input.lang];
  const labelled = input.labelled ?? 15;
  const data = input.effects
    .filter((e) => Number.isFinite(e.muStar))
    .map((e) => ({
      parameter: e.parameter.name,
      path: e.parameter.path,
      muStar: e.muStar,
      sigma: Number.isFinite(e.sigma) ? e.sigma : 0,
      rank: e.rank,
      label: e.rank <= labelled ? e.parameter.name : '',
    }));
  const x = { field: 'muStar', type: 'quantitative', title: t.muStar(input.outcome) };
  const y = { field: 'sigma', type: 'quantitative', title: t.sigma };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: input.subtitle },
    width: 560,
    height: 400,
    data: { values: data },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 50, color: '#4c78a8' },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'parameter', title: t.parameter },
            { field: 'path', title: t.path },
            { field: 'rank', title: t.rank },
            { field: 'muStar', title: 'μ*', format: ',.1f' },
            { field: 'sigma', title: 'σ', format: ',.1f' },
          ],
        },
      },
      { mark: { type: 'text', align: 'left', dx: 6, dy: -4, fontSize: 10 }, encoding: { x, y, text: { field: 'label' } } },
    ],
    config,
  } as TopLevelSpec;
}

export interface SobolBar {
  parameter: ChartFactor;
  S1: number;
  S1_conf: number;
  ST: number;
  ST_conf: number;
}

/**
 * Sobol' indices: for each parameter (in the order given: largest ST first), a bar of its first-order index S1 and
 * one of its total index ST, each with a whisker over its confidence interval (index ± conf). NaN indices are left out.
 */
export function sobolChart(input: {
  lang: Lang;
  title: string;
  subtitle?: string | string[];
  outcome: string;
  /** The confidence level of the intervals, e.g. 0.95. */
  confidence: number;
  bars: SobolBar[];
}): TopLevelSpec {
  const t = TEXT[input.lang];
  const level = Math.round(input.confidence * 100);
  const data = input.bars.flatMap((b) =>
    [
      { index: t.first, value: b.S1, conf: b.S1_conf },
      { index: t.total, value: b.ST, conf: b.ST_conf },
    ]
      .filter((x) => Number.isFinite(x.value))
      .map((x) => ({
        parameter: b.parameter.name,
        path: b.parameter.path,
        index: x.index,
        value: x.value,
        low: Number.isFinite(x.conf) ? x.value - x.conf : x.value,
        high: Number.isFinite(x.conf) ? x.value + x.conf : x.value,
      })),
  );
  const names = [...new Set(input.bars.map((b) => b.parameter.name))];
  // An explicit domain orders the parameters (see tornadoChart); the offset puts S1 above ST within a parameter's band.
  const y = { field: 'parameter', type: 'nominal', scale: { domain: names }, title: null, axis: { labelLimit: 640 } };
  const yOffset = { field: 'index', type: 'nominal', scale: { domain: [t.first, t.total] } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: input.subtitle },
    width: 460,
    height: { step: 14 },
    data: { values: data },
    encoding: { y, yOffset },
    layer: [
      {
        mark: { type: 'bar', opacity: 0.85 },
        encoding: {
          x: { field: 'value', type: 'quantitative', title: t.index(input.outcome) },
          color: {
            field: 'index',
            type: 'nominal',
            title: null,
            scale: { domain: [t.first, t.total], range: ['#4c78a8', '#f58518'] },
            legend: { orient: 'bottom' },
          },
          tooltip: [
            { field: 'parameter', title: t.parameter },
            { field: 'path', title: t.path },
            { field: 'index', title: t.index(input.outcome) },
            { field: 'value', title: input.lang === 'zh' ? '估计值' : 'estimate', format: '.3f' },
            { field: 'low', title: `${t.interval(level)} ↓`, format: '.3f' },
            { field: 'high', title: `${t.interval(level)} ↑`, format: '.3f' },
          ],
        },
      },
      // A rule sits at the start of its offset band: moved down by half a band, it runs through the middle of its bar.
      {
        mark: { type: 'rule', color: 'black', yOffset: { expr: "bandwidth('yOffset') / 2" } },
        encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
      },
    ],
    config,
  } as TopLevelSpec;
}
