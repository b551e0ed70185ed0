// The report.html of a sweep and of a sensitivity analysis, in Chinese or English: the answer in a sentence, the chart,
// the table of results with the parameters named in words, the scenario, and what produced it. Built from the result
// only; reportHtml (src/charts/report.ts) makes the page and src/publish.ts writes it.
import { basename } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { scenarioInfo, type ReportInput, type ReportTable } from '../charts/report.js';
import { counted } from '../core/messages.js';
import { meanAndBand } from '../core/stats.js';
import { formatFigure, formatSignificant, formatSobolIndex, metricUnit, type Lang } from '../output/format.js';
import { scenarioTitle } from '../output/labels.js';
import { fewRunsWarning } from '../runner/uncertainty.js';
import { factorAt } from './paths.js';
import { pointValues, rangedFactors, type Outcome } from './plan.js';
import type { ExperimentBase, PointsOutcome } from './runner.js';
import type { SensitivityEffects, SensitivityResult } from './sensitivity.js';
import type { SweepResult } from './sweep.js';
import { chartFactor, outcomeName, outcomeTitle } from './words.js';

/** Rows at most in a sweep's results table; the CSV files hold every point. */
export const REPORT_ROWS = 200;

/** Parameters at most in a sensitivity analysis's table, the most influential; the CSV files hold every one. */
export const REPORT_PARAMETERS = 30;

/** A chart of the report: its spec, title and the files written for it. */
export interface ExperimentChart {
  name: string;
  title: string;
  spec: TopLevelSpec;
  files: string[];
}

export interface ExperimentReportOptions {
  lang: Lang;
  pkg: { name: string; version: string };
}

const figure = (outcome: Outcome, x: number) => formatFigure(metricUnit(outcome.metric), x);

/** A list in a sentence: "a、b 和 c" / "a, b and c". */
function listed(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const and = lang === 'zh' ? ' 和 ' : ' and ';
  return items.slice(0, -1).join(lang === 'zh' ? '、' : ', ') + and + items.at(-1);
}

/** "name = value, name = value": a point's settings in words. */
function settingsOf(names: readonly string[], values: readonly number[], lang: Lang): string {
  return names.map((name, k) => `${name} = ${formatSignificant(values[k])}`).join(lang === 'zh' ? '，' : ', ');
}

/** What produced the results, common to both: scenario, file, uncertainty, seed, runs, years, scale, model runs, version. */
function provenance(base: ExperimentBase, outcome: PointsOutcome, lang: Lang, pkg: ExperimentReportOptions['pkg']): [string, string][] {
  const zh = lang === 'zh';
  const s = outcome.settings;
  const last = s.startYear + s.years - 1;
  const uncertainty = outcome.uncertainty;
  return [
    [zh ? '情景' : 'scenario', `${scenarioTitle(base.resolved, lang)} (${base.resolved.name})`],
    ...(base.file ? [[zh ? '情景文件' : 'scenario file', base.file] as [string, string]] : []),
    [
      zh ? '参数不确定性' : 'parameter uncertainty',
      uncertainty?.mode === 'posterior'
        ? zh
          ? `每次重复从后验 ${basename(uncertainty.posterior ?? '')} 抽取一个粒子，各点相同`
          : `each run draws one particle of the posterior ${basename(uncertainty.posterior ?? '')}, the same at every point`
        : zh
          ? '无（参数取情景中的值，区间只反映随机性）'
          : 'none (the parameters as written; bands reflect chance only)',
    ],
    [zh ? '主种子' : 'master seed', zh ? `${s.seed}（每个点相同：共同随机数）` : `${s.seed} (the same at every point: common random numbers)`],
    [zh ? '每点重复次数' : 'runs per point', String(s.runs)],
    [zh ? '模拟年数' : 'years', `${s.years} (${s.startYear}–${last})`],
    [zh ? '每个智能体代表人数' : 'persons per agent', formatSignificant(s.scale)],
    [zh ? '模型运行次数' : 'model runs', String(outcome.modelRuns)],
    [zh ? '程序版本' : 'version', `${pkg.name} ${pkg.version}`],
    ['Node.js', process.version],
  ];
}

/** The note under a table: where the full figures are, which field path each parameter name stands for, too few runs. */
function tableNote(names: { name: string; path: string }[], files: string, runs: number, lang: Lang): string {
  const zh = lang === 'zh';
  const paths = names.filter((f) => f.name !== f.path).map((f) => `${f.name}: ${f.path}`);
  const warning = fewRunsWarning(runs);
  return [
    zh ? `完整数据见同一文件夹中的 ${files}。` : `The full figures are in ${files} in this folder.`,
    paths.length ? (zh ? `参数的字段路径：${paths.join('；')}。` : `Field paths of the parameters: ${paths.join('; ')}.`) : '',
    warning ? (zh ? `注意：5–95 % 区间只基于 ${runs} 次重复（--runs 20 更可靠）。` : `Note: ${warning}.`) : '',
  ]
    .filter(Boolean)
    .join(zh ? '' : ' ');
}

/** The command that makes the same files again. */
function again(kind: 'sweep' | 'sensitivity', base: ExperimentBase, outcome: PointsOutcome, chosen: Outcome, own: string[], lang: Lang): string {
  const s = outcome.settings;
  const scenario = base.file ?? base.resolved.name;
  return [
    `sim ${kind} -s ${scenario}`,
    ...own,
    `--runs ${s.runs} --seed ${s.seed} --years ${s.years} --scale ${s.scale}`,
    `--metric ${chosen.metric} --horizon ${chosen.year}`,
    ...(lang === 'en' ? ['--lang en'] : []),
  ].join(' ');
}

const sameRange = (a: readonly number[] | undefined, b: readonly number[] | undefined) => !!a && !!b && a[0] === b[0] && a[1] === b[1];

/** Whether an experiment varies every parameter with a declared range, over that range: what it does when no --vary names one. */
function everyRange(result: SweepResult | SensitivityResult): boolean {
  const ranged = rangedFactors(result.base);
  const { factors } = result.plan;
  return ranged.length === factors.length && ranged.every((f, k) => f.label === factors[k].label && sameRange(f.range, factors[k].range));
}

/** The answer the page opens with: one sentence, no table (none when there is nothing to say). */
const answerOf = (sentence: string): Pick<ReportInput, 'answer'> =>
  sentence ? { answer: { sentences: [sentence], table: { caption: '', head: [], rows: [] } } } : {};

/** A column heading that may wrap after the dots of a field path (a zero-width space after each). */
const breakable = (text: string) => text.replace(/\./g, '.\u200b');

/** A shell word: quoted when it holds anything a shell would read (a name in brackets with spaces). */
const shellWord = (text: string) => (/^[\w.,:=/+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

/**
 * The input of reportHtml for a sweep: the lowest and highest outcome over the points as its answer, the chart, each
 * point's outcome (the first REPORT_ROWS) with the parameters named in words, the scenario, and provenance.
 */
export function sweepReport(result: SweepResult, chosen: Outcome, chart: ExperimentChart, options: ExperimentReportOptions): ReportInput {
  const { base, plan, outcome } = result;
  const { lang } = options;
  const zh = lang === 'zh';
  const s = outcome.settings;
  const factors = plan.factors.map((f) => chartFactor(f, lang, base.scenario));
  const names = factors.map((f) => f.name);
  const scenario = scenarioTitle(base.resolved, lang);
  const stats = plan.points.map((_, p) => meanAndBand(pointValues(outcome, p, chosen.metric, chosen.year)));
  const finite = stats.map((st, p) => ({ ...st, p })).filter((st) => Number.isFinite(st.mean));
  const lowest = finite.reduce((a, b) => (b.mean < a.mean ? b : a), finite[0]);
  const highest = finite.reduce((a, b) => (b.mean > a.mean ? b : a), finite[0]);
  const what = outcomeName(chosen, lang);
  const design = zh
    ? plan.design === 'grid'
      ? `网格 ${plan.points.length} 个点`
      : `拉丁超立方抽样 ${plan.points.length} 个点`
    : plan.design === 'grid'
      ? `a grid of ${counted(plan.points.length, 'point')}`
      : `a Latin hypercube sample of ${counted(plan.points.length, 'point')}`;
  const shownNames = names.length <= 4 ? listed(names, lang) : zh ? `${names.length} 个参数` : counted(names.length, 'parameter');
  const answer =
    finite.length === 0
      ? ''
      : zh
        ? `${what}在 ${figure(chosen, lowest.mean)}（${settingsOf(names, plan.points[lowest.p], lang)}）与 ${figure(chosen, highest.mean)}（${settingsOf(names, plan.points[highest.p], lang)}）之间。`
        : `${what.charAt(0).toUpperCase()}${what.slice(1)} ranges from ${figure(chosen, lowest.mean)} (${settingsOf(names, plan.points[lowest.p], lang)}) to ${figure(chosen, highest.mean)} (${settingsOf(names, plan.points[highest.p], lang)}).`;
  const lead = zh
    ? `改变${shownNames}，看${what}如何变化：${design} × 每点 ${s.runs} 次重复 × ${s.years} 年，每个智能体代表 ${formatSignificant(s.scale)} 人；各点的随机种子相同，点间差异来自参数而非偶然。`
    : `How ${what} changes with ${shownNames}: ${design} × ${counted(s.runs, 'run')} per point × ${counted(s.years, 'year')} at ${formatSignificant(s.scale)} persons per agent; every point runs with the same seeds, so points differ by their parameters, not by chance.`;
  const shown = plan.points.slice(0, REPORT_ROWS);
  const more = plan.points.length - shown.length;
  const table: ReportTable = {
    caption: zh
      ? `各点的${outcomeTitle(chosen, lang)}：${s.runs} 次重复的均值与 5–95 % 区间${more > 0 ? `（前 ${shown.length} 个点，共 ${plan.points.length} 个）` : ''}`
      : `${outcomeTitle(chosen, lang)} at each point: mean over ${counted(s.runs, 'run')} and the 5–95 % band${more > 0 ? ` (the first ${shown.length} of ${plan.points.length} points)` : ''}`,
    head: [...names.map(breakable), zh ? '均值' : 'mean', '5 %', '95 %'],
    numeric: 0,
    rows: shown.map((values, p) => [...values.map((v) => formatSignificant(v)), ...[stats[p].mean, stats[p].p5, stats[p].p95].map((x) => figure(chosen, x))]),
    note: tableNote(factors, 'sweep-summary.csv, sweep-runs.csv', s.runs, lang),
  };
  const vary =
    plan.design === 'grid'
      ? plan.factors.map((f, k) => `--vary ${shellWord(`${f.label}=${plan.values![k].join(',')}`)}`)
      : [`--sample lhs -n ${plan.points.length}`, ...(everyRange(result) ? [] : plan.factors.map((f) => `--vary ${shellWord(f.label)}`))];
  return {
    lang,
    title: zh ? `${scenario}：参数扫描` : `${scenario}: parameter sweep`,
    ...answerOf(answer),
    lead,
    charts: [chart],
    table,
    scenarios: [scenarioInfo(base.resolved, { lang, color: '#4c78a8', file: base.file, years: s.years })],
    provenance: [
      ...provenance(base, outcome, lang, options.pkg),
      [zh ? '设计' : 'design', design],
      [zh ? '可重复运行' : 'to run again', again('sweep', base, outcome, chosen, vary, lang)],
    ],
  };
}

/**
 * The input of reportHtml for a sensitivity analysis: the most influential parameter as its answer, the chart, every
 * parameter's swing (one at a time) or μ* and σ (Morris), ranked and named in words, the scenario, and provenance.
 */
export function sensitivityReport(
  result: SensitivityResult,
  effects: SensitivityEffects,
  chart: ExperimentChart,
  options: ExperimentReportOptions,
): ReportInput {
  const { base, plan, outcome } = result;
  const { lang } = options;
  const zh = lang === 'zh';
  const s = outcome.settings;
  const chosen = effects.outcome;
  const f = (x: number) => figure(chosen, x);
  const factors = plan.factors.map((factor) => chartFactor(factor, lang, base.scenario));
  const range = (k: number) => `${formatSignificant(plan.factors[k].range[0])} – ${formatSignificant(plan.factors[k].range[1])}`;
  const scenario = scenarioTitle(base.resolved, lang);
  const what = outcomeName(chosen, lang);
  const k = plan.factors.length;
  // A cell of the parameter column: its name, and its field path in small print below when the two differ.
  const parameter = (j: number) => (factors[j].name === factors[j].path ? factors[j].name : `${factors[j].name}\n${factors[j].path}`);
  // "（前 30 个，共 125 个）" when the table shows only the most influential.
  const shownOf = (all: number) =>
    all <= REPORT_PARAMETERS ? '' : zh ? `（前 ${REPORT_PARAMETERS} 个，共 ${all} 个）` : ` (the first ${REPORT_PARAMETERS} of ${all})`;
  let answer: string;
  let table: ReportTable;
  let lead: string;
  if (effects.method === 'oat') {
    const ranked = [...effects.effects].sort((a, b) => a.rank - b.rank);
    const top = ranked[0];
    answer = !top
      ? ''
      : zh
        ? `摆幅最大的是${factors[top.factor].name}：取区间下限时为 ${f(top.outcomeLow)}，上限时为 ${f(top.outcomeHigh)}（摆幅 ${f(top.swing)}）。`
        : `The largest swing comes from ${factors[top.factor].name}: ${f(top.outcomeLow)} at the low end of its range, ${f(top.outcomeHigh)} at the high end (a swing of ${f(top.swing)}).`;
    lead = zh
      ? `逐一把 ${k} 个参数取到其声明区间的下限和上限（其余保持情景中的取值），看${what}的变化：情景取值下为 ${f(effects.base)}。`
      : `Each of ${counted(k, 'parameter')} taken to the low and the high end of its declared range, the others at the scenario's values, and what ${what} does: ${f(effects.base)} at the scenario's values.`;
    table = {
      caption: zh
        ? `各参数的摆幅：${outcomeTitle(chosen, lang)}，按摆幅排序${shownOf(ranked.length)}`
        : `The swing of each parameter: ${outcomeTitle(chosen, lang)}, largest first${shownOf(ranked.length)}`,
      head: zh
        ? ['排名', '参数', '区间', '取下限时', '取上限时', '摆幅', '来源']
        : ['rank', 'parameter', 'range', 'at the low end', 'at the high end', 'swing', 'source'],
      numeric: 2,
      rows: ranked
        .slice(0, REPORT_PARAMETERS)
        .map((e) => [String(e.rank), parameter(e.factor), range(e.factor), f(e.outcomeLow), f(e.outcomeHigh), f(e.swing), plan.factors[e.factor].source ?? '']),
      note: tableNote([], 'oat.csv, points.csv, runs.csv', s.runs, lang),
    };
  } else if (effects.method === 'sobol') {
    const ranked = [...effects.effects].sort((a, b) => a.rank - b.rank);
    const top = ranked[0];
    const { samples, dropped, confidence } = effects.sobol;
    const level = Math.round(confidence * 100);
    const share = (x: number, conf: number) => formatSobolIndex(x, conf);
    const posterior = plan.sobol!.ranges === 'posterior';
    answer =
      !top || !Number.isFinite(top.ST)
        ? ''
        : zh
          ? `${what}的方差中，${factors[top.factor].name}的总指数最大：ST = ${share(top.ST, top.ST_conf)}（单独作用 S1 = ${share(top.S1, top.S1_conf)}）。`
          : `Of the variance of ${what}, ${factors[top.factor].name} has the largest total index: ST = ${share(top.ST, top.ST_conf)} (alone, S1 = ${share(top.S1, top.S1_conf)}).`;
    const from = posterior
      ? zh
        ? `从后验 ${basename(plan.sobol!.posterior ?? '')} 各参数的（加权）边缘分布中独立抽样`
        : `sampled independently from the (weighted) marginals of the posterior ${basename(plan.sobol!.posterior ?? '')}`
      : zh
        ? '在各自声明的区间内均匀独立抽样'
        : 'sampled uniformly and independently over their declared ranges';
    lead = zh
      ? `Sobol 方差分解：${k} 个参数${from}，Saltelli 抽样 ${samples + dropped} 个基样本（每个 ${k + 2} 个点）。一阶指数 S1 是参数单独解释的${what}方差比例，总指数 ST 还包括它与其他参数的交互作用；± 为 ${level} % 自助法置信区间的半宽。`
      : `Sobol' variance decomposition: ${counted(k, 'parameter')} ${from}, Saltelli sampling with ${counted(samples + dropped, 'base sample')} (${k + 2} points each). The first-order index S1 is the share of the variance of ${what} a parameter explains alone; the total index ST adds its interactions with the others; ± is half the width of a ${level} % bootstrap interval.`;
    const droppedNote =
      dropped > 0
        ? zh
          ? `有 ${dropped} 个基样本因结果无定义（NaN）而未计入。`
          : `${counted(dropped, 'base sample')} left out for an undefined (NaN) outcome.`
        : '';
    table = {
      caption: zh
        ? `各参数的 Sobol 指数：${outcomeTitle(chosen, lang)}，按总指数排序${shownOf(ranked.length)}`
        : `Sobol' indices of each parameter: ${outcomeTitle(chosen, lang)}, largest total index first${shownOf(ranked.length)}`,
      head: zh ? ['排名', '参数', '区间', 'S1（一阶）', 'ST（总）', '来源'] : ['rank', 'parameter', 'range', 'S1 (first order)', 'ST (total)', 'source'],
      numeric: 2,
      rows: ranked
        .slice(0, REPORT_PARAMETERS)
        .map((e) => [
          String(e.rank),
          parameter(e.factor),
          range(e.factor),
          share(e.S1, e.S1_conf),
          share(e.ST, e.ST_conf),
          plan.factors[e.factor].source ?? '',
        ]),
      note: [tableNote([], 'sobol.csv, points.csv, runs.csv', s.runs, lang), droppedNote].filter(Boolean).join(zh ? '' : ' '),
    };
  } else {
    const ranked = [...effects.effects].sort((a, b) => a.rank - b.rank);
    const top = ranked[0];
    answer =
      !top || !Number.isFinite(top.muStar)
        ? ''
        : zh
          ? `影响最大的是${factors[top.factor].name}（μ* = ${f(top.muStar)}）。`
          : `The most influential is ${factors[top.factor].name} (μ* = ${f(top.muStar)}).`;
    const design = plan.morris!;
    lead = zh
      ? `Morris 筛选：${k} 个参数在各自声明的区间内，${design.trajectories} 条轨迹、${design.levels} 级网格，看${what}的变化；μ* 为参数走完整个区间时基本效应绝对值的均值（总体影响），σ 为其标准差（交互作用、非线性与随机性）。`
      : `Morris screening of ${counted(k, 'parameter')} over their declared ranges, ${design.trajectories} trajectories on a ${design.levels}-level grid, for ${what}: μ* is the mean |elementary effect| over a parameter's full range (its overall influence), σ their spread (interactions, non-linearity and chance).`;
    table = {
      caption: zh
        ? `各参数的 μ* 与 σ：${outcomeTitle(chosen, lang)}，按 μ* 排序${shownOf(ranked.length)}`
        : `μ* and σ of each parameter: ${outcomeTitle(chosen, lang)}, most influential first${shownOf(ranked.length)}`,
      head: zh ? ['排名', '参数', '区间', 'μ*', 'σ', '来源'] : ['rank', 'parameter', 'range', 'μ*', 'σ', 'source'],
      numeric: 2,
      rows: ranked
        .slice(0, REPORT_PARAMETERS)
        .map((e) => [String(e.rank), parameter(e.factor), range(e.factor), f(e.muStar), f(e.sigma), plan.factors[e.factor].source ?? '']),
      note: tableNote([], 'morris.csv, points.csv, runs.csv', s.runs, lang),
    };
  }
  const own = [
    ...(effects.method === 'morris' ? [`--method morris -r ${plan.morris!.trajectories} -p ${plan.morris!.levels}`] : []),
    ...(effects.method === 'sobol'
      ? [`--method sobol -n ${plan.sobol!.design.samples}${plan.sobol!.ranges === 'posterior' ? ' --ranges posterior' : ''}`]
      : []),
    // Every declared range, as declared: what sensitivity does without --vary; with --ranges posterior, every parameter
    // of the posterior, its values from the posterior.
    ...(plan.sobol?.ranges === 'posterior'
      ? base.posterior && base.posterior.parameters.length === plan.factors.length
        ? []
        : plan.factors.map((factor) => `--vary ${shellWord(factor.label)}`)
      : everyRange(result)
        ? []
        : plan.factors.map((factor) =>
            sameRange(factorAt(base.scenario, factor.path).range, factor.range)
              ? `--vary ${shellWord(factor.label)}`
              : `--vary ${shellWord(`${factor.label}=${factor.range[0]},${factor.range[1]}`)}`,
          )),
  ];
  return {
    lang,
    title: zh ? `${scenario}：敏感性分析` : `${scenario}: sensitivity analysis`,
    ...answerOf(answer),
    lead,
    charts: [chart],
    table,
    scenarios: [scenarioInfo(base.resolved, { lang, color: '#4c78a8', file: base.file, years: s.years })],
    provenance: [
      ...provenance(base, outcome, lang, options.pkg),
      [
        zh ? '方法' : 'method',
        effects.method === 'oat'
          ? zh
            ? '逐一变动（OAT）'
            : 'one at a time'
          : effects.method === 'morris'
            ? 'Morris (1991)'
            : zh
              ? `Sobol 指数：Saltelli 抽样，S1 用 Saltelli 等 (2010) 估计量，ST 用 Jansen (1999) 估计量；${effects.sobol.resamples} 次自助法重抽样`
              : `Sobol' indices: Saltelli sampling, S1 by the estimator of Saltelli et al. (2010), ST by Jansen's (1999); ${effects.sobol.resamples} bootstrap resamples`,
      ],
      [zh ? '可重复运行' : 'to run again', again('sensitivity', base, outcome, chosen, own, lang)],
    ],
  };
}
