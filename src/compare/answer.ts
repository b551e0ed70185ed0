// The answer a comparison exists for, in a few sentences and a small table: which recommendations add the most talent,
// which add the most per yuan, what the whole package does by the horizon, and how sure we are. Shared by report.html
// and the CLI summary of `sim compare`.
import { formatChance, formatMillions, formatPoints, formatSigned, formatWhole, metricLabel } from '../output/format.js';
import { SWAP_SHARE } from './compare.js';
import type { ComparisonData, ComparisonUncertainty, RankingRow, RankSwap } from './types.js';

type Lang = 'zh' | 'en';

/** How many scenarios the answer names by effect and by cost-effectiveness. */
export const ANSWER_TOP = 3;

export interface AnswerInput {
  lang: Lang;
  baseline: string;
  ranking: readonly RankingRow[];
  swaps?: readonly RankSwap[];
  uncertainty?: ComparisonUncertainty;
  /** The scenario that combines the recommendations (see packageScenario), if any. */
  package?: string;
  /** First year of the runs (the span of the cumulative cost). */
  startYear: number;
}

export interface ComparisonAnswer {
  /** One or two sentences. */
  sentences: string[];
  /** Scenario, effect, its band, P(beats baseline), rank 5–95 %, cost, CNY per extra talent-year, P(most cost-effective). */
  head: string[];
  /** The same columns with short names, for a terminal. */
  shortHead: string[];
  rows: string[][];
  /** The same columns for every scenario ranked, by effect (the CLI's table). */
  allRows: string[][];
  /** The scenarios named, in the order of the table (by effect). */
  named: string[];
  byEffect: string[];
  byCost: string[];
}

/**
 * The scenario that is the whole package: the one with the most policies, when it has at least two and strictly
 * more than any other (undefined otherwise).
 */
export function packageScenario(scenarios: readonly { name: string; policies: number }[]): string | undefined {
  const sorted = [...scenarios].sort((a, b) => b.policies - a.policies);
  if (sorted.length < 2 || sorted[0].policies < 2 || sorted[0].policies === sorted[1].policies) return undefined;
  return sorted[0].name;
}

/**
 * Scenario names in the order every chart and table uses: the baseline first, then by the ranking (largest effect
 * first), then those the ranking leaves out in the order given.
 */
export function orderedScenarios(names: readonly string[], baseline: string, ranking: readonly RankingRow[], by: 'effect' | 'cost' = 'effect'): string[] {
  const ranked = [...ranking];
  if (by === 'cost') ranked.sort((a, b) => orderOf(a.rankByCost) - orderOf(b.rankByCost) || orderOf(a.rankByEffect) - orderOf(b.rankByEffect));
  const order = ranked.map((r) => r.scenario).filter((s) => names.includes(s) && s !== baseline);
  const rest = names.filter((s) => s !== baseline && !order.includes(s));
  return [...(names.includes(baseline) ? [baseline] : []), ...order, ...rest];
}

const orderOf = (rank: number) => (Number.isFinite(rank) ? rank : Infinity);

/** The answer: sentences and a small table (see ComparisonAnswer). */
export function comparisonAnswer(input: AnswerInput): ComparisonAnswer {
  const { lang, ranking, baseline } = input;
  const zh = lang === 'zh';
  if (ranking.length === 0) {
    return {
      sentences: [zh ? `只有基线（${baseline}），没有可比较的情景。` : `Only the baseline (${baseline}) was given: there is nothing to compare.`],
      head: [],
      shortHead: [],
      rows: [],
      allRows: [],
      named: [],
      byEffect: [],
      byCost: [],
    };
  }
  const { horizonYear: year, metric } = ranking[0];
  const share = metric === 'topShare' || metric === 'survivalInitial';
  const effect = (x: number) => (share ? formatPoints(x, 3) : formatSigned(x));
  const unit = share ? '' : zh ? '人' : ' persons';
  const metricName = metricLabel(metric, lang);
  const metricLower = zh ? metricName : metricName.charAt(0).toLowerCase() + metricName.slice(1);
  const pkg = input.package ? ranking.find((r) => r.scenario === input.package) : undefined;
  const singles = ranking.filter((r) => r !== pkg);
  const byEffect = singles.filter((r) => r.effectMean > 0 && !(r.probBeatsBaseline < 0.5)).slice(0, ANSWER_TOP);
  const byCost = singles
    .filter((r) => Number.isFinite(r.costPerEffectiveTalentYear))
    .sort((a, b) => a.costPerEffectiveTalentYear - b.costPerEffectiveTalentYear)
    .slice(0, ANSWER_TOP);
  const perYear = (r: RankingRow) => formatWhole(r.costPerEffectiveTalentYear);
  const band = (r: RankingRow) => (r.effectP5 === r.effectP95 ? '' : `${effect(r.effectP5)}${zh ? '至' : ' to '}${effect(r.effectP95)}`);
  const rankBand = (r: RankingRow) => (Number.isNaN(r.rankP5) ? '–' : r.rankP5 === r.rankP95 ? String(r.rankP5) : `${r.rankP5}–${r.rankP95}`);
  const list = (items: string[]) => (zh ? items.join('、') : items.length < 3 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
  const costSpan = year === input.startYear ? `${year}` : `${input.startYear}–${year}`;

  const parts: string[] = [];
  if (byEffect.length)
    parts.push(
      zh
        ? `到${year}年，单项建议中${metricName}增加最多的是${list(byEffect.map((r) => `${r.scenario}（${effect(r.effectMean)}${unit}）`))}`
        : `By ${year}, the single recommendations that add the most ${metricLower} are ${list(byEffect.map((r) => `${r.scenario} (${effect(r.effectMean)}${unit})`))}`,
    );
  else parts.push(zh ? `到${year}年，没有单项建议明显增加${metricName}` : `By ${year}, no single recommendation clearly adds ${metricLower}`);
  if (byCost.length)
    parts.push(
      zh
        ? `每元效果最好的是${list(byCost.map((r, k) => `${r.scenario}（${k === 0 ? '每增加一个有效人才年' : ''}${perYear(r)}元）`))}`
        : `the most per yuan: ${list(byCost.map((r, k) => `${r.scenario} (${perYear(r)} CNY${k === 0 ? ' per extra talent-year' : ''})`))}`,
    );
  let first = zh ? parts.join('；') + '。' : parts.join('; ') + '.';
  if (pkg) {
    const per = Number.isFinite(pkg.costPerEffectiveTalentYear) ? perYear(pkg) : '';
    first += zh
      ? `一揽子方案「${pkg.scenario}」到${year}年${metricName}${effect(pkg.effectMean)}${unit}（5–95%：${band(pkg) || effect(pkg.effectMean)}），${costSpan}年累计花费${formatMillions(pkg.costCumulative)}百万元${per ? `，每增加一个有效人才年${per}元` : ''}。`
      : ` The package “${pkg.scenario}” gives ${effect(pkg.effectMean)}${unit} by ${year} (5–95 %: ${band(pkg) || effect(pkg.effectMean)}) for ${formatMillions(pkg.costCumulative)} M CNY over ${costSpan}${per ? `, ${per} CNY per extra talent-year` : ''}.`;
  }

  const lead = byEffect[0] ?? ranking[0];
  const namedSet = new Set([...byEffect, ...byCost, ...(pkg ? [pkg] : [])].map((r) => r.scenario));
  const swaps = (input.swaps ?? []).filter((w) => w.share >= SWAP_SHARE && (namedSet.has(w.above) || namedSet.has(w.below)));
  const basis =
    input.uncertainty?.mode === 'posterior'
      ? zh
        ? '概率同时计入随机性与参数不确定性（参数取自后验）'
        : 'the probabilities hold chance and parameter uncertainty (parameters drawn from the posterior)'
      : zh
        ? '概率只反映随机性（未使用后验）'
        : 'the probabilities reflect chance only (no posterior)';
  const swapText = swaps.length
    ? zh
      ? `名次并不确定：${swaps.map((w) => `${w.above}与${w.below}在${formatChance(w.share).replace(' ', '')}的重复中互换`).join('；')}`
      : `the order is not certain: ${swaps.map((w) => `${w.above} and ${w.below} swap places in ${formatChance(w.share)} of runs`).join('; ')}`
    : zh
      ? '相邻名次在各次重复中保持不变'
      : 'neighbours in the ranking keep their order run by run';
  const second = zh
    ? `把握：${lead.scenario}优于基线的概率为${formatChance(lead.probBeatsBaseline).replace(' ', '')}，效果排名${lead.rankP5 === lead.rankP95 ? '为' : '在'}${rankBand(lead)}${lead.rankP5 === lead.rankP95 ? '' : '之间'}；${swapText}；${basis}。`
    : `How sure: ${lead.scenario} beats the baseline in ${formatChance(lead.probBeatsBaseline)} of runs and ranks ${rankBand(lead)} by effect; ${swapText}; ${basis}.`;

  const named = ranking.filter((r) => namedSet.has(r.scenario));
  const head = zh
    ? [
        '情景',
        `${year}年${metricName}增量`,
        '5–95%区间',
        '优于基线的概率',
        '效果排名（5–95%）',
        `${costSpan}年累计成本（百万元）`,
        '每增加一个有效人才年的成本（元）',
        '成本效益最佳的概率',
      ]
    : [
        'scenario',
        `extra ${metricLower} in ${year}`,
        '5–95 % band',
        'P(beats baseline)',
        'rank by effect (5–95 %)',
        `cost ${costSpan} (M CNY)`,
        'CNY per extra talent-year',
        'P(most cost-effective)',
      ];
  const rowOf = (r: RankingRow) => [
    r === pkg ? (zh ? `${r.scenario}（一揽子）` : `${r.scenario} (package)`) : r.scenario,
    effect(r.effectMean),
    band(r) || '–',
    formatChance(r.probBeatsBaseline),
    rankBand(r),
    formatMillions(r.costCumulative),
    Number.isFinite(r.costPerEffectiveTalentYear) ? perYear(r) : zh ? '不增加人才' : 'adds none',
    formatChance(r.probMostCostEffective),
  ];
  const shortHead = zh
    ? ['情景', `${year}年增量`, '5–95%', '优于基线', '排名', '成本（百万元）', '元/人才年', '最省的概率']
    : ['scenario', `gain ${year}`, '5–95 %', 'P(beats)', 'rank', 'cost (M CNY)', 'CNY/talent-yr', 'P(cheapest)'];
  return {
    sentences: [first, second],
    head,
    shortHead,
    rows: named.map(rowOf),
    allRows: ranking.map(rowOf),
    named: named.map((r) => r.scenario),
    byEffect: byEffect.map((r) => r.scenario),
    byCost: byCost.map((r) => r.scenario),
  };
}

/** The answer of a comparison's data (the package found among its runs). */
export function answerOf(data: ComparisonData): ComparisonAnswer {
  return comparisonAnswer({
    lang: data.lang,
    baseline: data.baseline,
    ranking: data.ranking,
    swaps: data.swaps,
    uncertainty: data.uncertainty,
    package: packageOf(data),
    startYear: data.settings.startYear,
  });
}

/** The package among a comparison's scenarios (see packageScenario). */
export function packageOf(data: ComparisonData): string | undefined {
  return packageScenario(
    data.scenarios
      .filter((s) => s.loaded.resolved.name !== data.baseline)
      .map((s) => ({ name: s.loaded.resolved.name, policies: s.loaded.resolved.policies.length })),
  );
}
