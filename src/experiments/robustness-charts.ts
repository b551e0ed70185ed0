// Vega-Lite specs of a robustness analysis: each policy's effect across the futures (box and strip), its regret, and
// PRIM's peeling trajectory (coverage against density). Pure: data in, spec out, in Chinese or English; policies are
// named by their titles, parameters in words.
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from '../charts/specs.js';
import type { Lang } from '../output/format.js';

const config = {
  font: CHART_FONT,
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 400, titleLimit: 400 },
  title: { fontSize: 14, anchor: 'start' },
};

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

const TEXT = {
  zh: {
    policy: '政策',
    future: '未来情景',
    effect: '效应',
    regretMean: '平均遗憾',
    regretMax: '最大遗憾',
    regret: (outcome: string) => `遗憾（各未来情景中最佳政策的效应 − 本政策的效应）：${outcome}`,
    coverage: '覆盖率（失败的未来情景中落在框内的比例）',
    density: '密度（框内未来情景中失败的比例）',
    support: '支撑（框内未来情景的比例）',
    step: '剥离步',
    chosen: '选定的框',
    box: '框',
  },
  en: {
    policy: 'policy',
    future: 'future',
    effect: 'effect',
    regretMean: 'mean regret',
    regretMax: 'largest regret',
    regret: (outcome: string) => `regret (best policy's effect − this policy's, per future): ${outcome}`,
    coverage: 'coverage (share of the failures inside the box)',
    density: 'density (share of the futures in the box that fail)',
    support: 'support (share of the futures in the box)',
    step: 'peeling step',
    chosen: 'chosen box',
    box: 'box',
  },
} as const;

export interface EffectsChartInput {
  lang: Lang;
  title: string;
  subtitle?: string | string[];
  /** Axis title of the effect, e.g. "2033年有效人才（人）相对基线的差". */
  outcome: string;
  /** Policies in the order shown (ranked), each with its effect in every future (NaN left out). */
  policies: { title: string; name: string; effects: number[] }[];
}

/** Each policy's effect across the futures: a box plot (quartiles, whiskers to the extremes) over a strip of the futures, a rule at 0. */
export function effectsChart(input: EffectsChartInput): TopLevelSpec {
  const t = TEXT[input.lang];
  const order = input.policies.map((p) => p.title);
  const data = input.policies.flatMap((p) =>
    p.effects.flatMap((effect, future) => (Number.isFinite(effect) ? [{ policy: p.title, name: p.name, future, effect }] : [])),
  );
  const y = { field: 'policy', type: 'nominal', title: null, scale: { domain: order }, axis: { labelLimit: 320 } };
  const x = { field: 'effect', type: 'quantitative', title: input.outcome };
  return {
    $schema: SCHEMA,
    title: { text: input.title, subtitle: input.subtitle },
    width: 480,
    height: Math.max(80, 34 * input.policies.length),
    data: { values: data },
    layer: [
      { mark: { type: 'boxplot', extent: 'min-max', size: 18, opacity: 0.35, color: '#4c78a8' }, encoding: { y, x } },
      {
        mark: { type: 'tick', thickness: 1, size: 12, opacity: 0.6, color: '#1f3b57' },
        encoding: {
          y,
          x,
          tooltip: [
            { field: 'policy', title: t.policy },
            { field: 'future', title: t.future },
            { field: 'effect', title: t.effect, format: ',.1f' },
          ],
        },
      },
      { mark: { type: 'rule', color: 'black', strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
    ],
    config,
  } as TopLevelSpec;
}

export interface RegretChartInput {
  lang: Lang;
  title: string;
  subtitle?: string | string[];
  outcome: string;
  policies: { title: string; name: string; regretMean: number; regretMax: number }[];
}

/** Mean regret per policy as a bar, the largest regret as a tick beside it; the smallest mean regret on top. */
export function regretChart(input: RegretChartInput): TopLevelSpec {
  const t = TEXT[input.lang];
  const data = input.policies
    .filter((p) => Number.isFinite(p.regretMean))
    .map((p) => ({ policy: p.title, name: p.name, mean: p.regretMean, max: p.regretMax }));
  const y = { field: 'policy', type: 'nominal', title: null, scale: { domain: data.map((d) => d.policy) }, axis: { labelLimit: 320 } };
  const tooltip = [
    { field: 'policy', title: t.policy },
    { field: 'mean', title: t.regretMean, format: ',.1f' },
    { field: 'max', title: t.regretMax, format: ',.1f' },
  ];
  return {
    $schema: SCHEMA,
    title: { text: input.title, subtitle: input.subtitle },
    width: 480,
    height: Math.max(80, 26 * data.length),
    data: { values: data },
    layer: [
      {
        mark: { type: 'bar', color: '#e45756', opacity: 0.8, height: { band: 0.6 } },
        encoding: { y, x: { field: 'mean', type: 'quantitative', title: t.regret(input.outcome) }, tooltip },
      },
      { mark: { type: 'tick', color: 'black', thickness: 2, size: 16 }, encoding: { y, x: { field: 'max', type: 'quantitative' }, tooltip } },
    ],
    config,
  } as TopLevelSpec;
}

export interface TrajectoryChartInput {
  lang: Lang;
  title: string;
  subtitle?: string | string[];
  /** One trajectory per policy explained: its steps, which one is chosen, and each step's box in words. */
  trajectories: { title: string; steps: { step: number; coverage: number; density: number; support: number; box: string }[]; chosen: number }[];
}

/** PRIM's peeling trajectories: density against coverage, one line per policy, the chosen box ringed. */
export function trajectoryChart(input: TrajectoryChartInput): TopLevelSpec {
  const t = TEXT[input.lang];
  const data = input.trajectories.flatMap((tr) => tr.steps.map((s) => ({ policy: tr.title, ...s, chosen: s.step === tr.chosen })));
  const x = { field: 'coverage', type: 'quantitative', title: t.coverage, scale: { domain: [0, 1] } };
  const y = { field: 'density', type: 'quantitative', title: t.density, scale: { domain: [0, 1] } };
  const color = {
    field: 'policy',
    type: 'nominal',
    title: t.policy,
    scale: { domain: input.trajectories.map((tr) => tr.title), scheme: 'tableau10' },
    legend: { orient: 'bottom', columns: 2 },
  };
  const tooltip = [
    { field: 'policy', title: t.policy },
    { field: 'step', title: t.step },
    { field: 'coverage', title: t.coverage, format: '.2f' },
    { field: 'density', title: t.density, format: '.2f' },
    { field: 'support', title: t.support, format: '.2f' },
    { field: 'box', title: t.box },
  ];
  return {
    $schema: SCHEMA,
    title: { text: input.title, subtitle: input.subtitle },
    width: 460,
    height: 360,
    data: { values: data },
    layer: [
      { mark: { type: 'line', point: { size: 24 }, opacity: 0.8 }, encoding: { x, y, color, order: { field: 'step' }, tooltip } },
      {
        transform: [{ filter: 'datum.chosen' }],
        mark: { type: 'point', size: 220, strokeWidth: 2.5, filled: false },
        encoding: { x, y, color, tooltip },
      },
    ],
    config,
  } as TopLevelSpec;
}
