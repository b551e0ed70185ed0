// The explorer's charts (Vega-Lite specs, sized to their container): the difference from the baseline with its band,
// effective talent and net retention against the baseline, spending, and cost per extra talent-year. Browser-safe.
import type { SummaryMetric, SummaryRow } from '../core/rows.js';
import { SUMMARY_METRICS } from '../core/rows.js';
import type { Lang } from '../output/format.js';
import type { ExploreView } from './engine.js';
import { BASELINE_COLOR, PALETTE } from '../charts/specs.js';

export interface ExploreChart {
  id: string;
  title: string;
  spec: Record<string, unknown>;
}

// The reports' colours: the scenario and a second series from the scenario palette, the baseline's grey.
const [SCENARIO_COLOR, SECOND_COLOR] = PALETTE;

const words = {
  zh: {
    scenario: '本情景',
    baseline: '基线',
    year: '年份',
    persons: '人',
    difference: '与基线之差（人，5–95%区间）',
    talent: '有效人才（FTE）：本情景与基线',
    retention: '净流入（迁入−迁出）：本情景与基线',
    spending: '当年政策支出（百万元）',
    perYear: '每增加一个有效人才年的累计成本（元）',
    cny: '元',
    mcny: '百万元',
  },
  en: {
    scenario: 'this scenario',
    baseline: 'baseline',
    year: 'year',
    persons: 'persons',
    difference: 'Difference from the baseline (persons, 5–95 % band)',
    talent: 'Effective talent (FTE): this scenario and the baseline',
    retention: 'Net retention (movers in − out): this scenario and the baseline',
    spending: 'Policy spending in the year (million CNY)',
    perYear: 'Cumulative CNY per extra effective talent-year',
    cny: 'CNY',
    mcny: 'million CNY',
  },
} as const;

const finite = (r: { mean: number; p5: number; p95: number }) => Number.isFinite(r.mean) && Number.isFinite(r.p5) && Number.isFinite(r.p95);

/** A chart that fills its container's width. */
function sized(title: string, spec: Record<string, unknown>): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, anchor: 'start', fontSize: 14 },
    width: 'container',
    height: 220,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: { font: 'Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif', view: { stroke: null } },
    ...spec,
  };
}

/** Lines with bands by series over the years. */
function bands(rows: { year: number; series: string; mean: number; p5: number; p95: number }[], order: string[], colors: string[], lang: Lang) {
  const x = { field: 'year', type: 'quantitative', title: words[lang].year, axis: { format: 'd', tickMinStep: 1 } };
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: order, range: colors }, legend: { orient: 'top' } };
  return {
    data: { values: rows },
    layer: [
      { mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: { field: 'p5', type: 'quantitative', title: null }, y2: { field: 'p95' }, color } },
      {
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative', title: null, scale: { zero: false }, axis: { format: ',~s' } },
          color,
          tooltip: [
            { field: 'series', title: ' ' },
            { field: 'year', title: words[lang].year },
            { field: 'mean', format: ',.0f', title: lang === 'zh' ? '均值' : 'mean' },
            { field: 'p5', format: ',.0f', title: '5%' },
            { field: 'p95', format: ',.0f', title: '95%' },
          ],
        },
      },
    ],
  };
}

const pick = (rows: readonly SummaryRow[], metric: SummaryMetric, series: string) =>
  rows.filter((r) => r.metric === metric && finite(r)).map((r) => ({ year: r.year, series, mean: r.mean, p5: r.p5, p95: r.p95 }));

/** The page's charts for the replications done so far. */
export function chartSpecs(view: ExploreView, lang: Lang, startYear: number): ExploreChart[] {
  const w = words[lang];
  const name = (m: SummaryMetric) => SUMMARY_METRICS[m][lang];
  const charts: ExploreChart[] = [];

  const diff = (['effectiveTalent', 'talentIndex'] as const).flatMap((m) =>
    view.difference
      .filter((r) => r.metric === m && r.year >= startYear && Number.isFinite(r.diffMean))
      .map((r) => ({ year: r.year, series: name(m), mean: r.diffMean, p5: r.diffP5, p95: r.diffP95 })),
  );
  const zero = { mark: { type: 'rule', color: '#444444' }, encoding: { y: { datum: 0 } } };
  const difference = bands(diff, [name('effectiveTalent'), name('talentIndex')], [SCENARIO_COLOR, SECOND_COLOR], lang);
  charts.push({ id: 'difference', title: w.difference, spec: sized(w.difference, { ...difference, layer: [...difference.layer, zero] }) });

  const talent = [...pick(view.summary, 'effectiveTalent', w.scenario), ...pick(view.baseline, 'effectiveTalent', w.baseline)];
  charts.push({ id: 'talent', title: w.talent, spec: sized(w.talent, bands(talent, [w.scenario, w.baseline], [SCENARIO_COLOR, BASELINE_COLOR], lang)) });

  const retention = [...pick(view.summary, 'netRetention', w.scenario), ...pick(view.baseline, 'netRetention', w.baseline)];
  charts.push({
    id: 'retention',
    title: w.retention,
    spec: sized(w.retention, bands(retention, [w.scenario, w.baseline], [SCENARIO_COLOR, BASELINE_COLOR], lang)),
  });

  const spending = view.summary.filter((r) => r.metric === 'cost' && Number.isFinite(r.mean)).map((r) => ({ year: r.year, mcny: r.mean / 1e6 }));
  charts.push({
    id: 'spending',
    title: w.spending,
    spec: sized(w.spending, {
      data: { values: spending },
      mark: { type: 'bar', color: SCENARIO_COLOR },
      encoding: {
        x: { field: 'year', type: 'ordinal', title: w.year },
        y: { field: 'mcny', type: 'quantitative', title: w.mcny },
        tooltip: [
          { field: 'year', title: w.year },
          { field: 'mcny', format: ',.1f', title: w.mcny },
        ],
      },
    }),
  });

  const perYear = view.difference
    .filter((r) => r.metric === 'effectiveTalent' && r.year >= startYear && Number.isFinite(r.costPerEffectiveTalentYear))
    .map((r) => ({ year: r.year, cny: r.costPerEffectiveTalentYear }));
  charts.push({
    id: 'cost-per-talent-year',
    title: w.perYear,
    spec: sized(w.perYear, {
      data: { values: perYear },
      mark: { type: 'line', point: true, color: SCENARIO_COLOR },
      encoding: {
        x: { field: 'year', type: 'quantitative', title: w.year, axis: { format: 'd', tickMinStep: 1 } },
        y: { field: 'cny', type: 'quantitative', title: w.cny, scale: { type: 'log' }, axis: { format: ',~s' } },
        tooltip: [
          { field: 'year', title: w.year },
          { field: 'cny', format: ',.0f', title: w.cny },
        ],
      },
    }),
  });
  return charts;
}
