// Charts and report.html for a comparison of scenarios, written into its output folder (Node only).
import { writeFileSync } from 'node:fs';
import { counted } from '../core/messages.js';
import { basename, join } from 'node:path';
import { summaryRunRows, SUMMARY_METRIC_NAMES, type SummaryRow } from '../core/rows.js';
import { meanAndBand } from '../core/stats.js';
import type { ComparedScenario, ComparisonData, CompareRow } from '../compare/types.js';
import { orderStatistic, probabilityBasis, robustnessText, RunTable } from '../compare/compare.js';
import { answerOf, orderedScenarios, packageOf } from '../compare/answer.js';
import { withDisplayTitles } from '../compare/display.js';
import type { RunOutcome } from '../runner/run.js';
import { fewRunsWarning, RUNS_FOR_BAND } from '../runner/uncertainty.js';
import type { LoadedScenario } from '../scenario/load.js';
import { chartContext, flowCellRows, tierStockRows } from './data.js';
import { writeCharts, type Chart, type ChartFileOptions } from './files.js';
import { formatChance, formatMillions, formatSigned, formatSignificant, formatWhole, metricLabel } from '../output/format.js';
import { reportHtml, scenarioInfo, type ReportInput, type ReportTable } from './report.js';
import { figure, metricWithUnit, titleOf } from './run-extras.js';
import {
  costEffectSpec,
  differenceSpec,
  effectiveDumbbellSpec,
  flowsSpec,
  placeName,
  retentionSpec,
  scenarioColors,
  stockByTierCompareSpec,
  type BandRow,
  type CostEffectRow,
  type DiffRow,
  type TalentRow,
} from './specs.js';

/**
 * What a comparison's tables, charts, report and run.json need of one scenario's runs, computed once from them: its
 * per-run headline figures, the flows and tier stocks its charts draw, and what run.json records of the runs.
 */
export function comparedScenario({ loaded, outcome }: { loaded: LoadedScenario; outcome: RunOutcome }): ComparedScenario {
  const { results } = outcome;
  return {
    loaded,
    runRows: summaryRunRows(results, loaded.resolved),
    flows: flowCellRows(results, loaded.resolved, '').map(({ origin, destination, moves }) => ({ origin, destination, moves })),
    tierStocks: tierStockRows(results, loaded.resolved, '').map(({ year, tier, mean, p5, p95 }) => ({ year, tier, mean, p5, p95 })),
    agents: results.map((r) => r.agents),
    threads: outcome.threads,
    wallMs: outcome.wallMs,
  };
}

/** A scenario's headline figures across runs (summaryRows's rows: by year, then metric) from its per-run rows. */
function summaryOf(scenario: ComparedScenario): SummaryRow[] {
  const values = new Map<string, number[]>();
  for (const r of scenario.runRows) {
    const key = `${r.year}\u0000${r.metric}`;
    const list = values.get(key) ?? [];
    list.push(r.value);
    values.set(key, list);
  }
  const years = [...new Set(scenario.runRows.map((r) => r.year))].sort((a, b) => a - b);
  return years.flatMap((year) => SUMMARY_METRIC_NAMES.map((metric) => ({ year, metric, ...meanAndBand(values.get(`${year}\u0000${metric}`) ?? []) })));
}

/** The metrics of the difference chart: the ranking's metric, then effective talent, the talent index, residents and net retention. */
const DIFFERENCE_METRICS = ['effectiveTalent', 'talentIndex', 'residents', 'netRetention'];

/** What the charts and table read from a comparison, with fallbacks when its rows leave a metric out. */
class ComparisonView {
  readonly names: string[];
  readonly horizon: number;
  readonly metric: string;
  readonly firstYear: number;
  readonly lastYear: number;
  private readonly summaries = new Map<string, SummaryRow[]>();

  constructor(readonly data: ComparisonData) {
    // Every chart and table: the baseline first, then by effect (the ranking's order).
    this.names = orderedScenarios(
      data.scenarios.map((s) => s.loaded.resolved.name),
      data.baseline,
      data.ranking,
    );
    const years = data.rows.length ? data.rows.map((r) => r.year) : [data.settings.startYear, data.settings.startYear + data.settings.years - 1];
    this.firstYear = Math.min(...years);
    this.lastYear = Math.max(...years);
    this.horizon = data.ranking[0]?.horizonYear ?? this.lastYear;
    this.metric = data.ranking[0]?.metric ?? 'effectiveTalent';
  }

  /** A scenario's row of a metric in a year; computed from its runs if the comparison's rows lack it (no difference then). */
  row(scenario: string, metric: string, year: number): (Pick<CompareRow, 'mean' | 'p5' | 'p95'> & Partial<CompareRow>) | undefined {
    const found = this.data.rows.find((r) => r.scenario === scenario && r.metric === metric && r.year === year);
    if (found) return found;
    return this.summary(scenario).find((r) => r.metric === metric && r.year === year);
  }

  /** A scenario's band rows of a metric over the years. */
  series(scenario: string, metric: string): BandRow[] {
    const rows = this.data.rows.filter((r) => r.scenario === scenario && r.metric === metric);
    const source = rows.length ? rows : this.summary(scenario).filter((r) => r.metric === metric);
    return source.map(({ year, mean, p5, p95 }) => ({ scenario, year, mean, p5, p95 })).sort((a, b) => a.year - b.year);
  }

  private summary(scenario: string): SummaryRow[] {
    let rows = this.summaries.get(scenario);
    if (!rows) {
      const found = this.data.scenarios.find((s) => s.loaded.resolved.name === scenario);
      rows = found ? summaryOf(found) : [];
      this.summaries.set(scenario, rows);
    }
    return rows;
  }
}

/**
 * The comparison's charts: net retention over time per scenario with bands; effective talent against residents at
 * the horizon; the paired difference against the baseline with error bars; cost against effect; flows between places
 * per scenario; the home city's stock by tier at the horizon.
 */
export function comparisonCharts(data: ComparisonData): Chart[] {
  const view = new ComparisonView(data);
  const { names, horizon } = view;
  const base = data.scenarios.find((s) => s.loaded.resolved.name === data.baseline) ?? data.scenarios[0];
  const ctx = chartContext(base.loaded.resolved, data.lang, names, data.settings.runs, data.baseline);
  const charts: Chart[] = [];
  const add = (name: string, spec: Chart['spec']) => charts.push({ name, spec, title: titleOf(spec) });

  add(
    'retention',
    retentionSpec(
      names.flatMap((s) => view.series(s, 'netRetention')),
      ctx,
    ),
  );

  const talent: TalentRow[] = names.flatMap((scenario) =>
    (['effectiveTalent', 'residents'] as const).flatMap((measure) => {
      const r = view.row(scenario, measure, horizon);
      return r ? [{ scenario, measure, year: horizon, mean: r.mean, p5: r.p5, p95: r.p95 }] : [];
    }),
  );
  add('effective-talent', effectiveDumbbellSpec(talent, ctx, horizon));

  if (names.length > 1) {
    const metrics = [...new Set([view.metric, ...DIFFERENCE_METRICS])];
    const diffs: DiffRow[] = names.flatMap((scenario) =>
      metrics.flatMap((metric) => {
        const r = data.rows.find((x) => x.scenario === scenario && x.metric === metric && x.year === horizon);
        return r ? [{ scenario, metric, mean: r.diffMean, p5: r.diffP5, p95: r.diffP95 }] : [];
      }),
    );
    add('difference', differenceSpec(diffs, ctx, horizon));

    const ranking = new Map(data.ranking.map((r) => [r.scenario, r]));
    const talentYears = extraTalentYears(data, horizon);
    const points: CostEffectRow[] = names.flatMap((scenario) => {
      const r = data.rows.find((x) => x.scenario === scenario && x.metric === view.metric && x.year === horizon);
      const ty = talentYears.get(scenario);
      if (!r || !ty) return [];
      const ranked = ranking.get(scenario);
      return [
        {
          scenario,
          cost: r.costCumulative,
          effect: r.diffMean,
          effectP5: r.diffP5,
          effectP95: r.diffP95,
          talentYears: ty.mean,
          talentYearsP5: ty.p5,
          talentYearsP95: ty.p95,
          costPerTalentYear: ranked?.costPerEffectiveTalentYear ?? r.costPerEffectiveTalentYear,
        },
      ];
    });
    add('cost-effect', costEffectSpec(points, ctx, horizon));
  }

  const years = { first: data.settings.startYear, last: data.settings.startYear + data.settings.years - 1 };
  add(
    'flows',
    flowsSpec(
      data.scenarios.flatMap((s) => s.flows.map((cell) => ({ scenario: s.loaded.resolved.name, ...cell }))),
      ctx,
      years,
    ),
  );
  add(
    'stock-by-tier',
    stockByTierCompareSpec(
      data.scenarios.flatMap((s) => s.tierStocks.map((row) => ({ scenario: s.loaded.resolved.name, ...row }))),
      ctx,
      horizon,
    ),
  );
  return charts;
}

/** Per scenario: the additional effective talent-years through `year` against the baseline, paired by run (mean and 5–95 %). */
export function extraTalentYears(data: ComparisonData, year: number): Map<string, { mean: number; p5: number; p95: number }> {
  const tables = data.scenarios.map((s) => new RunTable(s.loaded.resolved.name, s.runRows));
  const base = tables.find((t) => t.scenario === data.baseline);
  const out = new Map<string, { mean: number; p5: number; p95: number }>();
  if (!base) return out;
  const baseYears = base.cumulative('effectiveTalent', year);
  for (const t of tables) {
    const extra = t.cumulative('effectiveTalent', year).map((v, k) => v - baseYears[k]);
    if (extra.length === 0 || extra.some((v) => !Number.isFinite(v))) continue;
    out.set(t.scenario, { mean: extra.reduce((a, b) => a + b, 0) / extra.length, p5: orderStatistic(extra, 0.05), p95: orderStatistic(extra, 0.95) });
  }
  return out;
}

/** The comparison table: every scenario at the horizon year, with its differences, cost and ranks. */
export function comparisonTable(data: ComparisonData): ReportTable {
  const view = new ComparisonView(data);
  const { horizon, metric, names } = view;
  const zh = data.lang === 'zh';
  const band = (m: string, r: { p5: number; p95: number } | undefined) => (r && r.p5 !== r.p95 ? `\n[${figure(m, r.p5)} – ${figure(m, r.p95)}]` : '');
  const value = (m: string, r: { mean: number; p5: number; p95: number } | undefined) => (r ? figure(m, r.mean) + band(m, r) : '—');
  const diff = (scenario: string, m: string) => {
    if (scenario === data.baseline) return '0';
    const r = data.rows.find((x) => x.scenario === scenario && x.metric === m && x.year === horizon);
    if (!r) return '—';
    const sign = (x: number) => formatSigned(x, (magnitude) => figure(m, magnitude));
    return sign(r.diffMean) + (r.diffP5 !== r.diffP95 ? `\n[${sign(r.diffP5)} – ${sign(r.diffP95)}]` : '');
  };
  const ranking = new Map(data.ranking.map((r) => [r.scenario, r]));
  const metrics = [...new Set([metric, 'effectiveTalent', 'talentIndex', 'residents'])];
  const delta = (m: string) => (zh ? `${metricLabel(m, 'zh')}与基线之差` : `${metricLabel(m, 'en')} − baseline`);
  const head = [
    zh ? '情景' : 'scenario',
    ...metrics.flatMap((m) => [metricWithUnit(m, data.lang), delta(m)]),
    metricWithUnit('netRetention', data.lang),
    zh ? `到${horizon}年累计成本（百万元）` : `cost to ${horizon} (million CNY)`,
    zh ? '每增加一个有效人才年的成本（元）' : 'CNY per extra effective talent-year',
    zh ? `效果排名（${metricLabel(metric, 'zh')}）` : `rank by effect (${metricLabel(metric, 'en')})`,
    zh ? '成本效益排名' : 'rank by cost-effectiveness',
    zh ? '优于基线的概率' : 'probability of beating the baseline',
    zh ? '成本效益最佳的概率' : 'probability of being the most cost-effective',
    zh ? '各次重复的效果排名（5–95%）' : 'rank by effect run by run (5–95 %)',
  ];
  const rows = names.map((scenario) => {
    const r = ranking.get(scenario);
    const costRow =
      data.rows.find((x) => x.scenario === scenario && x.metric === metric && x.year === horizon) ??
      data.rows.find((x) => x.scenario === scenario && x.year === horizon);
    const perYear = r?.costPerEffectiveTalentYear ?? costRow?.costPerEffectiveTalentYear ?? NaN;
    const perYearBand =
      r && Number.isFinite(perYear) ? `\n[${formatWhole(r.costPerEffectiveTalentYearP5)} – ${formatWhole(r.costPerEffectiveTalentYearP95)}]` : '';
    return [
      scenario === data.baseline ? baselineMarked(scenario, data.lang) : scenario,
      ...metrics.flatMap((m) => [value(m, view.row(scenario, m, horizon)), diff(scenario, m)]),
      value('netRetention', view.row(scenario, 'netRetention', horizon)),
      costRow ? formatMillions(costRow.costCumulative) : '—',
      formatWhole(perYear) + perYearBand,
      r && Number.isFinite(r.rankByEffect) && scenario !== data.baseline ? String(r.rankByEffect) : '—',
      r && Number.isFinite(r.rankByCost) && scenario !== data.baseline ? String(r.rankByCost) : '—',
      r && scenario !== data.baseline ? formatChance(r.probBeatsBaseline).replace('–', '—') : '—',
      r && scenario !== data.baseline ? formatChance(r.probMostCostEffective).replace('–', '—') : '—',
      r && scenario !== data.baseline && !Number.isNaN(r.rankP5) ? (r.rankP5 === r.rankP95 ? String(r.rankP5) : `${r.rankP5}–${r.rankP95}`) : '—',
    ];
  });
  const lang = zh ? 'zh' : 'en';
  const robustness = robustnessText(data.swaps ?? [], lang);
  const basis = probabilityBasis(data.uncertainty, lang);
  const few = fewRunsWarning(runsOf(data))
    ? zh
      ? `注意：5–95%区间只基于${runsOf(data)}次重复，至少需要${RUNS_FOR_BAND}次才能可靠估计第5和第95百分位。`
      : `Note: ${fewRunsWarning(runsOf(data))}.`
    : '';
  const runs = runsOf(data);
  return {
    caption: zh
      ? `${horizon}年的比较（${runs}次配对重复的均值，方括号内为5–95%区间）`
      : `The scenarios in ${horizon} (mean over ${runs} paired runs; 5–95 % band in brackets)`,
    head,
    rows,
    numeric: 1,
    note: zh
      ? `差值按重复配对计算（情景第k次重复减基线第k次重复）。每增加一个有效人才年的成本 = 累计新增成本 ÷ 累计新增有效人才年；不增加人才或不花钱时为空。${basis}${robustness}${few}完整数据见 compare.csv、ranking.csv 与 runs.csv。`
      : `Differences are paired by run (run k of the scenario minus run k of the baseline). CNY per extra effective talent-year = additional cumulative cost ÷ additional effective talent-years; empty when the scenario adds no talent or spends nothing. ${basis} ${robustness ? robustness + ' ' : ''}${few ? few + ' ' : ''}The full figures are in compare.csv, ranking.csv and runs.csv.`,
  };
}

/** The answer the page opens with (see compare/answer.ts), its table with the package marked. */
function answerTable(data: ComparisonData): ReportInput['answer'] {
  if (data.ranking.length === 0) return undefined;
  const answer = answerOf(data);
  const zh = data.lang === 'zh';
  const pkg = packageOf(data);
  return {
    sentences: answer.sentences,
    table: {
      caption: zh
        ? `效果最大与每元效果最好的建议${pkg ? '，以及一揽子方案' : ''}（按效果排序）`
        : `The recommendations with the largest effect and the most per yuan${pkg ? ', and the whole package' : ''} (by effect)`,
      head: answer.head,
      rows: answer.rows,
      numeric: 1,
    },
  };
}

/** The baseline's title with "(baseline)" after it, unless it says so already. */
function baselineMarked(title: string, lang: 'zh' | 'en'): string {
  const word = lang === 'zh' ? '基线' : 'baseline';
  if (title.toLowerCase().includes(word)) return title;
  return lang === 'zh' ? `${title}（${word}）` : `${title} (${word})`;
}

/** Runs per scenario of a comparison. */
const runsOf = (data: ComparisonData) => data.settings.runs;

/** The report of a comparison. */
export function comparisonReport(data: ComparisonData, charts: readonly (Chart & { files: string[] })[]): ReportInput {
  const view = new ComparisonView(data);
  const zh = data.lang === 'zh';
  const base = data.scenarios.find((s) => s.loaded.resolved.name === data.baseline) ?? data.scenarios[0];
  const { settings } = data;
  const home = placeName(base.loaded.resolved.locations[base.loaded.resolved.homeIndex], data.lang);
  const colors = scenarioColors(view.names, data.baseline);
  const runs = settings.runs;
  const others = view.names.filter((n) => n !== data.baseline);
  const span = `${view.firstYear}–${view.lastYear}`;
  return {
    lang: data.lang,
    title: zh ? `${home}人才政策情景比较` : `Talent policy scenarios for ${home} compared`,
    lead: zh
      ? `${others.length}个情景与基线「${data.baseline}」配对比较：每个情景以相同的主种子 ${data.seed} 运行${runs}次 × ${settings.years}年（${span}），每个智能体代表${formatSignificant(settings.scale)}人；排名与表格取${view.horizon}年。`
      : `${others.length} scenario${others.length === 1 ? '' : 's'} paired against the baseline, ${data.baseline}: each ran ${runs === 1 ? 'once' : `${runs} times`} × ${counted(settings.years, 'year')} (${span}) with master seed ${data.seed}, at ${formatSignificant(settings.scale)} persons per agent; the ranking and the table are for ${view.horizon}.`,
    charts: charts.map((c) => ({ name: c.name, title: c.title, spec: c.spec, files: c.files })),
    table: comparisonTable(data),
    answer: answerTable(data),
    foldScenarios: true,
    scenarios: view.names.map((name, k) => {
      const r = data.scenarios.find((x) => x.loaded.resolved.name === name)!;
      return scenarioInfo(r.loaded.resolved, { lang: data.lang, color: colors[k], file: r.loaded.file, years: settings.years, baseline: base.loaded.resolved });
    }),
    provenance: [
      [zh ? '基线' : 'baseline', `${data.baseline} (${basename(base.loaded.file)})`],
      [
        zh ? '情景' : 'scenarios',
        view.names.map((name) => `${name} (${basename(data.scenarios.find((s) => s.loaded.resolved.name === name)!.loaded.file)})`).join(', '),
      ],
      [zh ? '主种子（所有情景相同）' : 'master seed (every scenario)', String(data.seed)],
      [
        zh ? '参数不确定性' : 'parameter uncertainty',
        data.uncertainty?.mode === 'posterior'
          ? zh
            ? `每次重复从后验 ${data.uncertainty.posterior} 抽取一个粒子（所有情景相同）`
            : `each run draws one particle of the posterior ${data.uncertainty.posterior} (the same for every scenario)`
          : zh
            ? '无（概率只反映随机性）'
            : 'none (probabilities reflect chance only)',
      ],
      [zh ? '重复次数' : 'runs', String(runs)],
      [zh ? '模拟年数' : 'years', `${settings.years} (${span})`],
      [zh ? '每个智能体代表人数' : 'persons per agent', formatSignificant(settings.scale)],
      [zh ? '排名年份与指标' : 'ranking year and metric', `${view.horizon}, ${view.metric}`],
      [
        zh ? '各次重复的随机流前缀' : 'random streams of each run',
        Array.from({ length: runs }, (_, replication) => `${replication}: ${settings.seed}/${replication}/`).join(', '),
      ],
      [zh ? '程序版本' : 'version', data.version],
      ['Node.js', process.version],
    ],
  };
}

/** Writes the comparison's charts (.vl.json, .svg, .png) and report.html into data.dir; returns the file names. */
export async function writeComparisonExtras(named: ComparisonData, chartOptions: ChartFileOptions = {}): Promise<string[]> {
  // Charts and the report name each scenario by its title; the CSV files (written before) by its name.
  const data = withDisplayTitles(named);
  const charts = comparisonCharts(data);
  const files = await writeCharts(data.dir, charts, chartOptions);
  const withFiles = charts.map((c) => ({ ...c, files: [`${c.name}.png`, `${c.name}.svg`, `${c.name}.vl.json`].filter((f) => files.includes(f)) }));
  writeFileSync(join(data.dir, 'report.html'), reportHtml(comparisonReport(data, withFiles)));
  return [...files, 'report.html'];
}
