// The charts and report.html of a robustness analysis, in Chinese or English: the most robust policy in a sentence, the
// effect and regret charts, the robustness table, scenario discovery (PRIM's box for each failure), the scenarios and
// what produced it. Built from the result only; src/publish.ts writes them.
import { basename } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { scenarioInfo, type ReportInput, type ReportSection, type ReportTable } from '../charts/report.js';
import { counted } from '../core/messages.js';
import {
  formatDecimal,
  formatPercent,
  formatPoints,
  formatSignificant,
  formatSigned,
  formatWhole,
  metricLabel,
  metricUnit,
  type Lang,
} from '../output/format.js';
import { fieldLabel, scenarioTitle } from '../output/labels.js';
import { effectsChart, regretChart, trajectoryChart } from './robustness-charts.js';
import { boxText, policyTitle, type Discovery, type RobustnessResult } from './robustness.js';

/** A chart of the report: its spec, title and the files written for it. */
export interface RobustnessChart {
  name: string;
  title: string;
  spec: TopLevelSpec;
  files: string[];
}

const COLORS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];

/** An effect (a paired difference) in its metric's unit, signed: +1,234 or +0.5 pp. */
export function effectText(metric: string, x: number): string {
  return metricUnit(metric) === 'share' ? formatPoints(x) : formatSigned(x);
}

/** A regret (a shortfall, never negative) in its metric's unit: 1,234 or 0.5 pp. */
export function regretText(metric: string, x: number): string {
  return metricUnit(metric) === 'share' ? `${formatDecimal(x * 100, 1)} pp` : formatWhole(x);
}

/** A cost per extra talent-year in yuan: 123,456, ∞ where money bought none, — where undefined. */
export const costText = (x: number) => formatWhole(x);

/** The effect's name with its year: "2033年有效人才" / "effective talent in 2033". */
export function effectName(result: RobustnessResult, lang: Lang): string {
  const { metric, horizonYear } = result.prepared;
  const label = metricLabel(metric, lang);
  return lang === 'zh' ? `${horizonYear}年${label}` : `${label.charAt(0).toLowerCase()}${label.slice(1)} in ${horizonYear}`;
}

/** How the futures were made, in a phrase. */
function futuresPhrase(result: RobustnessResult, lang: Lang): string {
  const { plan } = result.prepared;
  const n = plan.values.length;
  const k = plan.factors.length;
  if (plan.from === 'posterior')
    return lang === 'zh'
      ? `从后验 ${basename(plan.posterior ?? '')} 按权重抽取的 ${n} 个粒子（${k} 个参数）`
      : `${counted(n, 'particle')} of the posterior ${basename(plan.posterior ?? '')} drawn by weight (${counted(k, 'parameter')})`;
  return lang === 'zh'
    ? `${k} 个参数声明区间上的 ${n} 个拉丁超立方点`
    : `a Latin hypercube of ${n} points over the declared ranges of ${counted(k, 'parameter')}`;
}

/** The charts: effects across futures, regret, and (when a failure is explained) PRIM's trajectories. */
export function robustnessCharts(result: RobustnessResult): { name: string; spec: TopLevelSpec }[] {
  const { prepared, policies, table } = result;
  const { lang } = prepared;
  const zh = lang === 'zh';
  const ranked = [...policies].sort((a, b) => a.rank - b.rank);
  const what = effectName(result, lang);
  const axis = zh ? `${what}：政策 − 基线` : `${what}: policy − baseline`;
  const s = prepared.settings;
  const subtitle = zh
    ? [
        `${futuresPhrase(result, lang)}；每个未来情景每个政策 ${s.runs} 次重复，与基线配对`,
        '每条短线为一个未来情景（重复的均值）；箱体为四分位，须线至最小与最大',
      ]
    : [
        `${futuresPhrase(result, lang)}; ${counted(s.runs, 'run')} of each policy per future, paired with the baseline`,
        'each tick is one future (mean over runs); boxes span the quartiles, whiskers the extremes',
      ];
  const named = (k: number) => ({ title: policyTitle(prepared.policies[k], lang), name: prepared.policies[k].resolved.name });
  const charts: { name: string; spec: TopLevelSpec }[] = [
    {
      name: 'robustness-effects',
      spec: effectsChart({
        lang,
        title: zh ? `各政策在不同未来情景下的效应：${what}` : `Each policy's effect across the futures: ${what}`,
        subtitle,
        outcome: axis,
        policies: ranked.map((p) => ({ ...named(p.policy), effects: table.effect[p.policy] })),
      }),
    },
    {
      name: 'robustness-regret',
      spec: regretChart({
        lang,
        title: zh ? `遗憾：与每个未来情景中最佳政策的差距` : 'Regret: the shortfall against the best policy in each future',
        subtitle: zh ? ['条形为平均遗憾，黑线为最大遗憾；按平均遗憾排序'] : ['bars: mean regret; black ticks: the largest; ranked by mean regret'],
        outcome: what,
        policies: ranked.map((p) => ({ ...named(p.policy), regretMean: p.regretMean, regretMax: p.regretMax })),
      }),
    },
  ];
  const explained = result.discoveries.filter((d) => d.result);
  if (explained.length) {
    const labels = prepared.plan.factors.map((f) => fieldLabel(f.label, lang, prepared.baseline.scenario));
    charts.push({
      name: 'prim-trajectory',
      spec: trajectoryChart({
        lang,
        title: zh ? '情景发现（PRIM）：政策未能超过基线的未来情景集中在哪里' : 'Scenario discovery (PRIM): where the policies fail to beat the baseline',
        subtitle: zh
          ? [
              `每步剥离框内 ${formatPercent(prepared.prim.alpha, 0)} 的未来情景；圆圈为选定的框（密度 ≥ ${prepared.prim.threshold} 时覆盖率与密度的调和平均最大）`,
            ]
          : [
              `each step peels ${formatPercent(prepared.prim.alpha, 0)} of the futures in the box; rings: the chosen boxes (the best balance of coverage and density at density ≥ ${prepared.prim.threshold})`,
            ],
        trajectories: explained.map((d) => ({
          title: policyTitle(prepared.policies[d.policy], lang),
          chosen: d.result!.chosen,
          steps: d.result!.steps.map((st) => ({
            step: st.step,
            coverage: st.coverage,
            density: st.density,
            support: st.support,
            box: boxText(st.box, d.result!.ranges, labels),
          })),
        })),
      }),
    });
  }
  return charts;
}

/**
 * A chosen box in words: "巴中 · 工资增长 ≥ 0.04；…", the limits that differ from the full ranges, the parameters cut
 * hardest (the smallest share of their range left) first; at most `most` of them, then how many more.
 */
export function boxInWords(result: RobustnessResult, discovery: Discovery, lang: Lang, most = Infinity): string {
  const r = discovery.result!;
  const labels = result.prepared.plan.factors.map((f) => fieldLabel(f.label, lang, result.prepared.baseline.scenario));
  const step = r.steps[r.chosen];
  const limits = step.box
    .map(([low, high], j) => ({ j, low, high, left: (high - low) / (r.ranges[j][1] - r.ranges[j][0]) }))
    .filter(({ j, low, high }) => low > r.ranges[j][0] || high < r.ranges[j][1])
    .sort((a, b) => a.left - b.left || a.j - b.j);
  const words = limits
    .slice(0, most)
    .flatMap(({ j, low, high }) => [
      ...(low > r.ranges[j][0] ? [`${labels[j]} ≥ ${formatSignificant(low)}`] : []),
      ...(high < r.ranges[j][1] ? [`${labels[j]} ≤ ${formatSignificant(high)}`] : []),
    ]);
  const more = limits.length - Math.min(most, limits.length);
  const tail = more > 0 ? [lang === 'zh' ? `及另外 ${more} 个参数（见 prim-box.csv）` : `and ${counted(more, 'more parameter')} (see prim-box.csv)`] : [];
  return [...words, ...tail].join(lang === 'zh' ? '；' : '; ');
}

/** The scenario-discovery section: per policy explained, its chosen box with coverage and density, and the box's limits. */
function discoverySection(result: RobustnessResult): ReportSection | undefined {
  const { prepared } = result;
  const { lang } = prepared;
  const zh = lang === 'zh';
  if (!result.discoveries.length) return undefined;
  const what = effectName(result, lang);
  const paragraphs = [
    zh
      ? `失败条件：政策在${what}上未能超过基线（效应 ≤ 0）。PRIM（Friedman & Fisher 1999）在未来情景的参数空间中逐步剥离，每步去掉框内 ${formatPercent(prepared.prim.alpha, 0)} 的点，直到框内少于 ${formatPercent(prepared.prim.minSupport, 0)} 的未来情景；覆盖率 = 框内失败数 ÷ 全部失败数，密度 = 框内失败数 ÷ 框内未来情景数。选定的框：密度不低于 ${prepared.prim.threshold} 的各步中覆盖率与密度调和平均最大者。`
      : `Failure: the policy does not beat the baseline on ${what} (effect ≤ 0). PRIM (Friedman & Fisher 1999) peels the box of uncertain parameters step by step, each step cutting off ${formatPercent(prepared.prim.alpha, 0)} of the futures in it, until fewer than ${formatPercent(prepared.prim.minSupport, 0)} of the futures would remain; coverage = failures in the box ÷ all failures, density = failures in the box ÷ futures in the box. The chosen box: of the steps with density at least ${prepared.prim.threshold}, the best balance (harmonic mean) of coverage and density.`,
  ];
  const rows = result.discoveries.map((d) => {
    const title = policyTitle(prepared.policies[d.policy], lang);
    const share = formatPercent(d.futures ? d.failures / d.futures : NaN, 0);
    if (!d.result)
      return [
        title,
        `${d.failures} / ${d.futures} (${share})`,
        zh
          ? d.failures === 0
            ? '从未失败：无需解释'
            : '在所有未来情景中失败'
          : d.failures === 0
            ? 'never fails: nothing to explain'
            : 'fails in every future',
        '—',
        '—',
        '—',
      ];
    const step = d.result.steps[d.result.chosen];
    const words = boxInWords(result, d, lang) || (zh ? '（整个空间）' : '(the whole space)');
    return [
      title,
      `${d.failures} / ${d.futures} (${share})`,
      words + (d.result.reachesThreshold ? '' : zh ? `（未达到密度 ${prepared.prim.threshold}）` : ` (below the density ${prepared.prim.threshold})`),
      formatPercent(step.coverage, 0),
      formatPercent(step.density, 0),
      formatPercent(step.support, 0),
    ];
  });
  const table: ReportTable = {
    caption: zh ? '各政策失败的未来情景：PRIM 选定的框' : 'Where each policy fails: the box PRIM chose',
    head: zh ? ['政策', '失败的未来情景', '框', '覆盖率', '密度', '支撑'] : ['policy', 'failing futures', 'box', 'coverage', 'density', 'support'],
    numeric: 3,
    rows,
    note: zh
      ? '剥离轨迹见 prim.csv 与剥离轨迹图，框的各参数上下限（字段路径）见 prim-box.csv。'
      : 'The peeling trajectories are in prim.csv and the trajectory chart; the limits of each box, with field paths, in prim-box.csv.',
  };
  return { id: 'discovery', heading: zh ? '情景发现（PRIM）' : 'Scenario discovery (PRIM)', paragraphs, tables: [table] };
}

/** The command that makes the same files again. */
function again(result: RobustnessResult): string {
  const { prepared } = result;
  const s = prepared.settings;
  const words = [
    'sim robustness --policies',
    ...prepared.policies.map((p) => basename(p.file)),
    `--baseline ${basename(prepared.baseline.file)}`,
    `--futures ${prepared.plan.values.length}`,
    ...(prepared.plan.from === 'posterior' ? ['--futures-from posterior'] : []),
    `--runs ${s.runs} --seed ${s.seed} --years ${s.years} --scale ${s.scale}`,
    `--metric ${prepared.metric} --horizon ${prepared.horizonYear}`,
    ...(prepared.lang === 'en' ? ['--lang en'] : []),
  ];
  return words.join(' ');
}

/** The input of reportHtml for a robustness analysis. */
export function robustnessReport(result: RobustnessResult, charts: RobustnessChart[], pkg: { name: string; version: string }): ReportInput {
  const { prepared, policies } = result;
  const { lang, metric, settings: s } = prepared;
  const zh = lang === 'zh';
  const ranked = [...policies].sort((a, b) => a.rank - b.rank);
  const what = effectName(result, lang);
  const title = (k: number) => policyTitle(prepared.policies[k], lang);
  const best = ranked[0];
  const effect = (x: number) => effectText(metric, x);
  const answer =
    best && Number.isFinite(best.regretMean)
      ? zh
        ? `在 ${prepared.plan.values.length} 个未来情景中，遗憾最小的是${title(best.policy)}：在 ${formatPercent(best.shareBeats, 0)} 的未来情景中超过基线，平均效应 ${effect(best.effectMean)}，最差的 10 % 未来情景中不高于 ${effect(best.effectP10)}，平均遗憾 ${regretText(metric, best.regretMean)}。`
        : `Across ${prepared.plan.values.length} futures, the smallest regret is ${title(best.policy)}'s: it beats the baseline in ${formatPercent(best.shareBeats, 0)} of the futures, with a mean effect of ${effect(best.effectMean)}, ${effect(best.effectP10)} or less in the worst 10 %, and a mean regret of ${regretText(metric, best.regretMean)}.`
      : '';
  const lead = zh
    ? `每个政策与基线在相同的未来情景中运行（${futuresPhrase(result, lang)}），每个未来情景 ${s.runs} 次配对重复 × ${s.years} 年，每个智能体代表 ${formatSignificant(s.scale)} 人；效应为政策 − 基线的${what}。遗憾 = 该未来情景中最佳政策的效应 − 本政策的效应。`
    : `Every policy and the baseline run in the same futures (${futuresPhrase(result, lang)}), ${counted(s.runs, 'paired run')} per future × ${counted(s.years, 'year')} at ${formatSignificant(s.scale)} persons per agent; the effect is policy − baseline in ${what}. Regret = the best policy's effect in a future − this policy's.`;
  const table: ReportTable = {
    caption: zh ? `各政策的稳健性：${what}，按平均遗憾排序` : `Each policy's robustness: ${what}, smallest mean regret first`,
    head: zh
      ? ['排名', '政策', '超过基线的比例', '平均效应', '效应 10 % 分位', '平均遗憾', '最大遗憾', '每增加一人才年的成本（元，中位数）', '10–90 %']
      : [
          'rank',
          'policy',
          'beats the baseline in',
          'mean effect',
          '10th percentile',
          'mean regret',
          'largest regret',
          'cost per extra talent-year (CNY, median)',
          '10–90 %',
        ],
    numeric: 2,
    rows: ranked.map((p) => [
      String(p.rank),
      title(p.policy),
      formatPercent(p.shareBeats, 0),
      effect(p.effectMean),
      effect(p.effectP10),
      regretText(metric, p.regretMean),
      regretText(metric, p.regretMax),
      costText(p.costMedian),
      `${costText(p.costP10)} – ${costText(p.costP90)}`,
    ]),
    note: zh
      ? '完整数据见同一文件夹中的 robustness.csv、futures.csv（每个未来情景的参数与各政策的效应、遗憾和成本）与 robustness-runs.csv（每次运行）。成本为 ∞：该政策多花了钱却没有增加人才年；—：没有多花钱。'
      : 'The full figures are in robustness.csv, futures.csv (each future’s parameters and each policy’s effect, regret and cost in it) and robustness-runs.csv (every run) in this folder. A cost of ∞: the policy spent more but added no talent-years; —: it spent no more than the baseline.',
  };
  const section = discoverySection(result);
  const bestBox = result.discoveries.find((d) => d.policy === best?.policy && d.result);
  const sentences = answer
    ? [
        answer,
        ...(bestBox
          ? [
              zh
                ? `它未能超过基线的未来情景集中在：${boxInWords(result, bestBox, lang, 5) || '（整个空间）'}（覆盖率 ${formatPercent(bestBox.result!.steps[bestBox.result!.chosen].coverage, 0)}，密度 ${formatPercent(bestBox.result!.steps[bestBox.result!.chosen].density, 0)}）。`
                : `The futures where it fails to beat the baseline concentrate in: ${boxInWords(result, bestBox, lang, 5) || '(the whole space)'} (coverage ${formatPercent(bestBox.result!.steps[bestBox.result!.chosen].coverage, 0)}, density ${formatPercent(bestBox.result!.steps[bestBox.result!.chosen].density, 0)}).`,
            ]
          : []),
      ]
    : [];
  const scenarios = [prepared.baseline, ...prepared.policies].map((loaded, k) =>
    scenarioInfo(loaded.resolved, { lang, color: COLORS[k % COLORS.length], file: loaded.file, years: s.years, baseline: prepared.baseline.resolved }),
  );
  return {
    lang,
    title: zh
      ? `政策在不同未来情景下的稳健性：${scenarioTitle(prepared.baseline.resolved, lang)}为基线`
      : `Robustness of the policies across futures, against ${scenarioTitle(prepared.baseline.resolved, lang)}`,
    ...(sentences.length ? { answer: { sentences, table: { caption: '', head: [], rows: [] } } } : {}),
    lead,
    charts,
    table,
    ...(section ? { sections: [section] } : {}),
    scenarios,
    foldScenarios: true,
    provenance: [
      [zh ? '基线' : 'baseline', `${scenarioTitle(prepared.baseline.resolved, lang)} (${prepared.baseline.file})`],
      [zh ? '未来情景' : 'futures', futuresPhrase(result, lang)],
      [zh ? '未来情景的种子' : 'seed of the futures', `${prepared.plan.seed}/0/robustness-futures`],
      [
        zh ? '主种子' : 'master seed',
        zh ? `${s.seed}（每个政策、每个未来情景相同：共同随机数）` : `${s.seed} (the same for every policy in every future: common random numbers)`,
      ],
      [zh ? '每个未来情景的重复次数' : 'runs per future', String(s.runs)],
      [zh ? '模拟年数' : 'years', `${s.years} (${s.startYear}–${s.startYear + s.years - 1})`],
      [zh ? '每个智能体代表人数' : 'persons per agent', formatSignificant(s.scale)],
      [zh ? '模型运行次数' : 'model runs', String(result.runs.modelRuns)],
      [
        'PRIM',
        `alpha ${prepared.prim.alpha}, ${zh ? '最小支撑' : 'minimum support'} ${prepared.prim.minSupport}, ${zh ? '密度阈值' : 'density threshold'} ${prepared.prim.threshold}`,
      ],
      [zh ? '程序版本' : 'version', `${pkg.name} ${pkg.version}`],
      ['Node.js', process.version],
      [zh ? '可重复运行' : 'to run again', again(result)],
    ],
  };
}
