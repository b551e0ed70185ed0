// The answer of a comparison: who adds the most, who adds the most per yuan, what the package does, how sure we are.
import { describe, expect, it } from 'vitest';
import { comparisonAnswer, orderedScenarios, packageScenario } from '../../src/compare/answer.js';
import type { RankingRow } from '../../src/compare/types.js';

const row = (scenario: string, rankByEffect: number, effect: number, cost: number, perYear: number, extra: Partial<RankingRow> = {}): RankingRow => ({
  scenario,
  horizonYear: 2028,
  metric: 'effectiveTalent',
  rankByEffect,
  rankByCost: NaN,
  effectMean: effect,
  effectP5: effect * 0.8,
  effectP95: effect * 1.2,
  costCumulative: cost,
  costPerEffectiveTalentYear: perYear,
  costPerEffectiveTalentYearP5: perYear * 0.9,
  costPerEffectiveTalentYearP95: perYear * 1.1,
  probBeatsBaseline: 1,
  probMostCostEffective: 0,
  rankP5: rankByEffect,
  rankP95: rankByEffect,
  ...extra,
});

// Ordered by effect, as rankingRows returns them.
const ranking = [
  row('combined', 1, 8700, 4.7e9, 300_000, { rankP95: 1 }),
  row('publicity', 2, 1600, 175e6, 44_000, { probMostCostEffective: 0.25, rankP95: 3 }),
  row('platforms', 3, 925, 260e6, 131_000),
  row('subsidy', 4, 715, 180e6, 93_000),
  row('hometown', 5, 560, 71e6, 17_000, { probMostCostEffective: 0.75 }),
  row('services', 6, 5, 283e6, 37e6, { probBeatsBaseline: 0.25, effectP5: -3 }),
  row('integration', 7, -4300, 6e6, NaN, { probBeatsBaseline: 0 }),
];

describe('the package', () => {
  it('is the scenario with the most policies, when it has two or more and strictly more than any other', () => {
    expect(
      packageScenario([
        { name: 'a', policies: 1 },
        { name: 'all', policies: 12 },
        { name: 'b', policies: 2 },
      ]),
    ).toBe('all');
    expect(
      packageScenario([
        { name: 'a', policies: 2 },
        { name: 'b', policies: 2 },
      ]),
    ).toBeUndefined();
    expect(
      packageScenario([
        { name: 'a', policies: 1 },
        { name: 'b', policies: 1 },
      ]),
    ).toBeUndefined();
    expect(packageScenario([{ name: 'a', policies: 5 }])).toBeUndefined();
  });
});

describe('the order of scenarios', () => {
  it('is the baseline first, then by effect, then those without a rank in the order given', () => {
    const names = ['baseline', 'hometown', 'integration', 'extra', 'publicity', 'combined', 'platforms', 'subsidy', 'services'];
    expect(orderedScenarios(names, 'baseline', ranking)).toEqual([
      'baseline',
      'combined',
      'publicity',
      'platforms',
      'subsidy',
      'hometown',
      'services',
      'integration',
      'extra',
    ]);
  });

  it('by cost-effectiveness: the cheapest per talent-year first, those that add none last', () => {
    const ranked = ranking.map((r) => ({ ...r }));
    [...ranked]
      .filter((r) => Number.isFinite(r.costPerEffectiveTalentYear))
      .sort((a, b) => a.costPerEffectiveTalentYear - b.costPerEffectiveTalentYear)
      .forEach((r, k) => (r.rankByCost = k + 1));
    expect(orderedScenarios(['b', ...ranked.map((r) => r.scenario)], 'b', ranked, 'cost')).toEqual([
      'b',
      'hometown',
      'publicity',
      'subsidy',
      'platforms',
      'combined',
      'services',
      'integration',
    ]);
  });
});

describe('the answer', () => {
  const zh = comparisonAnswer({
    lang: 'zh',
    baseline: 'baseline',
    ranking,
    package: 'combined',
    startYear: 2024,
    swaps: [
      { above: 'publicity', below: 'platforms', share: 0.3 },
      { above: 'subsidy', below: 'hometown', share: 0.05 },
    ],
    uncertainty: { mode: 'posterior', posterior: 'p.csv' },
  });
  const en = comparisonAnswer({ lang: 'en', baseline: 'baseline', ranking, package: 'combined', startYear: 2024 });

  it('names the single recommendations with the largest effect (the package apart) and the cheapest per talent-year', () => {
    expect(zh.byEffect).toEqual(['publicity', 'platforms', 'subsidy']);
    expect(zh.byCost).toEqual(['hometown', 'publicity', 'subsidy']);
    expect(zh.sentences[0]).toMatch(/^到2028年，单项建议中有效人才.*增加最多的是publicity（\+1,600人）、platforms（\+925人）、subsidy（\+715人）/);
    expect(zh.sentences[0]).toContain('每元效果最好的是hometown（每增加一个有效人才年17,000元）');
    expect(en.sentences[0]).toContain('the most per yuan: hometown (17,000 CNY per extra talent-year), publicity (44,000 CNY) and subsidy (93,000 CNY)');
  });

  it('says what the whole package does by the horizon, with its band, cost and cost per talent-year', () => {
    expect(zh.sentences[0]).toContain('一揽子方案「combined」到2028年有效人才');
    expect(zh.sentences[0]).toContain('+8,700人（5–95%：+6,960至+10,440），2024–2028年累计花费4,700.0百万元，每增加一个有效人才年300,000元');
    expect(en.sentences[0]).toContain('The package “combined” gives +8,700 persons by 2028 (5–95 %: +6,960 to +10,440) for 4,700.0 M CNY over 2024–2028');
  });

  it('says how sure: the probability of beating the baseline, the rank interval, the swaps among those named, the basis', () => {
    expect(zh.sentences[1]).toBe(
      '把握：publicity优于基线的概率为100%，效果排名在2–3之间；名次并不确定：publicity与platforms在30%的重复中互换；概率同时计入随机性与参数不确定性（参数取自后验）。',
    );
    expect(en.sentences[1]).toContain('neighbours in the ranking keep their order run by run; the probabilities reflect chance only (no posterior)');
  });

  it('has a small table of the named scenarios in the order of the ranking, the package marked', () => {
    expect(zh.rows.map((r) => r[0])).toEqual(['combined（一揽子）', 'publicity', 'platforms', 'subsidy', 'hometown']);
    expect(zh.head).toHaveLength(8);
    expect(zh.shortHead).toHaveLength(8);
    expect(zh.rows[1]).toEqual(['publicity', '+1,600', '+1,280至+1,920', '100 %', '2–3', '175.0', '44,000', '25 %']);
  });

  it('does not name a scenario that is unlikely to beat the baseline, nor one that adds none, and copes with only a baseline', () => {
    const weak = comparisonAnswer({ lang: 'en', baseline: 'b', ranking: [ranking[5], ranking[6]], startYear: 2024 });
    expect(weak.byEffect).toEqual([]);
    expect(weak.sentences[0]).toMatch(/^By 2028, no single recommendation clearly adds effective talent/);
    expect(comparisonAnswer({ lang: 'zh', baseline: 'b', ranking: [], startYear: 2024 }).sentences).toEqual(['只有基线（b），没有可比较的情景。']);
  });
});
