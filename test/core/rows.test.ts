// Row builders on hand-made results: units (persons = agents × scale), derived metrics and the across-run statistics.
import { describe, expect, it } from 'vitest';
import { Accounts } from '../../src/core/accounting.js';
import { AgentStore } from '../../src/core/agents.js';
import { FTE_COMPONENTS } from '../../src/core/policy.js';
import {
  cohortIndex,
  flowIndex,
  HomeMetric,
  HOME_METRICS,
  perTickIndex,
  TENURE_BANDS,
  tenureIndex,
  TickMetric,
  type RunResult,
} from '../../src/core/results.js';
import {
  cohortRows,
  flowRows,
  rateRows,
  policyRows,
  policySummaryRows,
  summaryRows,
  summaryRunRows,
  SUMMARY_METRIC_NAMES,
  SUMMARY_METRICS,
  talentWeights,
  timeseriesRows,
  TIMESERIES_METRICS,
} from '../../src/core/rows.js';
import { meanAndBand } from '../../src/core/stats.js';
import { attachPolicy, emptyResult, tinyLoaded, tinyPolicyLoaded } from '../fixtures.js';

const { resolved } = tinyLoaded();
// tiny: locations bazhong (home, 0), chengdu, chongqing, elsewhere; tiers top, professional, skilled; 12 ticks a year from 2024.
const [BAZHONG, CHENGDU] = [0, 1];
const [TOP, PROFESSIONAL, SKILLED] = [0, 1, 2];
const SCALE = 10;

/** Sets a per-tick count. */
function put(r: RunResult, tick: number, location: number, tier: number, metric: number, value: number) {
  r.perTick[perTickIndex(r, tick, location, tier, metric)] = value;
}

/**
 * Three runs of two years. Run k has, in year 0 at home: top inflow 2 and outflow 1 in tick 0, professional inflow
 * `netProfessional[k]` in tick 5; year-end stock top 1, professional 9, skilled 10.
 */
function handmade(): RunResult[] {
  const netProfessional = [0, 1, 5];
  return netProfessional.map((extra, k) => {
    const r = emptyResult(resolved, { replication: k, years: 2, scale: SCALE });
    put(r, 0, BAZHONG, TOP, TickMetric.inflow, 2);
    put(r, 0, BAZHONG, TOP, TickMetric.outflow, 1);
    put(r, 5, BAZHONG, PROFESSIONAL, TickMetric.inflow, extra);
    put(r, 0, BAZHONG, SKILLED, TickMetric.entries, 3);
    put(r, 11, BAZHONG, TOP, TickMetric.stock, 1);
    put(r, 11, BAZHONG, PROFESSIONAL, TickMetric.stock, 9);
    put(r, 11, BAZHONG, SKILLED, TickMetric.stock, 10);
    // Year 1 ends with an empty home city: its top share is undefined.
    r.initialHome = 40;
    r.home[0 * HOME_METRICS.length + HomeMetric.initialRemaining] = 30;
    r.home[0 * HOME_METRICS.length + HomeMetric.recruited] = k + 1;
    r.home[0 * HOME_METRICS.length + HomeMetric.diaspora] = 7;
    r.flows[flowIndex(r, 0, BAZHONG, CHENGDU, TOP)] = 1;
    r.flows[flowIndex(r, 1, CHENGDU, BAZHONG, SKILLED)] = 2;
    return r;
  });
}

describe('timeseriesRows', () => {
  const results = handmade();
  const rows = timeseriesRows(results, resolved);

  it('has one row per run, tick, location, tier and metric, zeros included', () => {
    expect(rows).toHaveLength(3 * 24 * 4 * 3 * TIMESERIES_METRICS.length);
    expect(rows[0]).toEqual({ run: 0, tick: 0, year: 2024, location: 'bazhong', tier: 'top', metric: 'stock', value: 0 });
    expect(rows.filter((r) => r.tick === 12)[0].year).toBe(2025);
  });

  it('reports persons and netFlow = inflow − outflow', () => {
    const at = (metric: string) => rows.find((r) => r.run === 0 && r.tick === 0 && r.location === 'bazhong' && r.tier === 'top' && r.metric === metric)?.value;
    expect(at('inflow')).toBe(20);
    expect(at('outflow')).toBe(10);
    expect(at('netFlow')).toBe(10);
    for (const run of [0, 1, 2])
      for (const tick of [0, 5]) {
        const cell = (metric: string) =>
          rows.find((r) => r.run === run && r.tick === tick && r.location === 'bazhong' && r.tier === 'professional' && r.metric === metric)!.value;
        expect(cell('netFlow')).toBe(cell('inflow') - cell('outflow'));
      }
    expect(rows.find((r) => r.tick === 0 && r.tier === 'skilled' && r.metric === 'entries' && r.location === 'bazhong')?.value).toBe(30);
  });

  it('reports effective talent and its FTE parts in persons, for every location and tier', () => {
    const r = emptyResult(resolved, { years: 1, scale: SCALE });
    put(r, 3, BAZHONG, PROFESSIONAL, TickMetric.stock, 9);
    put(r, 3, BAZHONG, PROFESSIONAL, TickMetric.effective, 9 + 0.4 + 2 + 0.5);
    put(r, 3, BAZHONG, PROFESSIONAL, TickMetric.flexibleFte, 0.4);
    put(r, 3, BAZHONG, PROFESSIONAL, TickMetric.enclaveFte, 2);
    put(r, 3, BAZHONG, PROFESSIONAL, TickMetric.remoteFte, 0.5);
    // Two of Chengdu's 7 residents work in Bazhong's enclave centre: Chengdu's effective talent is 5.
    put(r, 3, CHENGDU, PROFESSIONAL, TickMetric.stock, 7);
    put(r, 3, CHENGDU, PROFESSIONAL, TickMetric.effective, 5);
    const rows = timeseriesRows([r], resolved);
    const cell = (location: string, metric: string) =>
      rows.find((row) => row.tick === 3 && row.location === location && row.tier === 'professional' && row.metric === metric)!.value;
    expect(cell('bazhong', 'effective')).toBeCloseTo(119, 12);
    expect([cell('bazhong', 'flexibleFte'), cell('bazhong', 'enclaveFte'), cell('bazhong', 'remoteFte')]).toEqual([4, 20, 5]);
    expect(cell('chengdu', 'effective')).toBe(50);
    expect([cell('chengdu', 'flexibleFte'), cell('chengdu', 'enclaveFte'), cell('chengdu', 'remoteFte')]).toEqual([0, 0, 0]);
    for (const location of ['bazhong', 'chengdu', 'chongqing', 'elsewhere'])
      for (const metric of ['effective', 'flexibleFte', 'enclaveFte', 'remoteFte'])
        expect(rows.filter((row) => row.location === location && row.metric === metric)).toHaveLength(12 * 3);
  });
});

describe('flowRows', () => {
  it('lists nonzero moves only, in persons, with calendar years', () => {
    const rows = flowRows(handmade(), resolved);
    expect(rows).toHaveLength(6);
    expect(rows.slice(0, 2)).toEqual([
      { run: 0, year: 2024, origin: 'bazhong', destination: 'chengdu', tier: 'top', moves: 10 },
      { run: 0, year: 2025, origin: 'chengdu', destination: 'bazhong', tier: 'skilled', moves: 20 },
    ]);
  });
});

describe('summary', () => {
  const results = handmade();

  it("computes each run's headline figures", () => {
    const rows = summaryRunRows(results, resolved).filter((r) => r.year === 2024);
    const value = (run: number, metric: string) => rows.find((r) => r.run === run && r.metric === metric)?.value;
    // Run 2: (2 − 1 + 5) agents × 10.
    expect(value(2, 'netRetention')).toBe(60);
    expect(value(0, 'residents')).toBe(200);
    expect(value(0, 'survivalInitial')).toBe(0.75);
    expect(value(0, 'topShare')).toBe(0.05);
    expect(value(1, 'recruited')).toBe(20);
    expect(value(0, 'diaspora')).toBe(70);
    expect(value(0, 'nativesReturning')).toBe(0);
    expect(summaryRunRows(results, resolved).find((r) => r.year === 2025 && r.metric === 'topShare')?.value).toBeNaN();
  });

  it('gives the mean and the 5th and 95th percentiles (linear interpolation, type 7) over runs', () => {
    const rows = summaryRows(results, resolved);
    expect(rows).toHaveLength(2 * 14);
    const net = rows.find((r) => r.year === 2024 && r.metric === 'netRetention')!;
    // netRetention per run: 10, 20, 60. Sorted positions of p5 and p95: 0.05·2 = 0.1 and 0.95·2 = 1.9.
    expect(net.mean).toBeCloseTo(30, 12);
    expect(net.p5).toBeCloseTo(10 + 0.1 * (20 - 10), 12);
    expect(net.p95).toBeCloseTo(20 + 0.9 * (60 - 20), 12);
    const recruited = rows.find((r) => r.year === 2024 && r.metric === 'recruited')!;
    expect([recruited.mean, recruited.p5, recruited.p95].map((x) => +x.toFixed(9))).toEqual([20, 11, 29]);
    const top = rows.find((r) => r.year === 2025 && r.metric === 'topShare')!;
    expect([top.mean, top.p5, top.p95]).toEqual([NaN, NaN, NaN]);
  });

  it('reports no FTE and no cost without policies', () => {
    const rows = summaryRunRows(results, resolved).filter((r) => r.run === 0 && r.year === 2025);
    const value = (metric: string) => rows.find((r) => r.metric === metric)?.value;
    expect([value('flexibleFte'), value('enclaveFte'), value('remoteFte'), value('cost'), value('costCumulative')]).toEqual([0, 0, 0, 0, 0]);
  });

  it('describes every metric', () => {
    expect(SUMMARY_METRIC_NAMES).toEqual([
      'netRetention',
      'residents',
      'survivalInitial',
      'topShare',
      'nativesReturning',
      'diaspora',
      'recruited',
      'effectiveTalent',
      'talentIndex',
      'flexibleFte',
      'enclaveFte',
      'remoteFte',
      'cost',
      'costCumulative',
    ]);
    for (const metric of SUMMARY_METRIC_NAMES) expect(SUMMARY_METRICS[metric].description.length).toBeGreaterThan(20);
  });

  it('leaves undefined values out of the statistics', () => {
    expect(meanAndBand([NaN, 4, 4])).toEqual({ mean: 4, p5: 4, p95: 4 });
    expect(meanAndBand([5])).toEqual({ mean: 5, p5: 5, p95: 5 });
  });
});

describe('policies', () => {
  const policyScenario = tinyPolicyLoaded().resolved;
  const [SUBSIDY, FLEXIBLE, ENCLAVE] = policyScenario.policies;

  /**
   * Two runs of two years with the tiny policy scenario. Run k spends (k + 1) × the base amounts: subsidy 1 and
   * 2 million CNY, flexible hiring nothing then 0.5 million (it starts in 2025), the enclave 3 and 4 million. At
   * the end of 2024 Bazhong has residents 5 + 10 (professional, skilled) and FTE: flexible 0, enclave 2, remote 0;
   * at the end of 2025 flexible 1.5 (top) + 0.5 (professional), enclave 3, remote 1.
   */
  function withPolicies(): RunResult[] {
    return [0, 1].map((k) => {
      const f = k + 1;
      const r = emptyResult(policyScenario, { replication: k, years: 2, scale: SCALE });
      attachPolicy(r, SUBSIDY, [
        [1e6 * f, 6 * f, 2, 0, 6 * f],
        [2e6 * f, 4, 1, 0, 10],
      ]);
      attachPolicy(r, FLEXIBLE, [[0], [5e5 * f, 30, 20, 10, 0, 20, 20]]);
      attachPolicy(r, ENCLAVE, [
        [3e6 * f, 8, 5, 3, 1, 0, 5, 2, 0.01],
        [4e6 * f, 0, 0, 0, 0, 0, 5, 2.5, 0.01],
      ]);
      put(r, 11, BAZHONG, PROFESSIONAL, TickMetric.stock, 5);
      put(r, 11, BAZHONG, SKILLED, TickMetric.stock, 10);
      put(r, 11, BAZHONG, PROFESSIONAL, TickMetric.enclaveFte, 2);
      put(r, 11, BAZHONG, PROFESSIONAL, TickMetric.effective, 5 + 2);
      put(r, 11, BAZHONG, SKILLED, TickMetric.effective, 10);
      put(r, 23, BAZHONG, PROFESSIONAL, TickMetric.stock, 6);
      put(r, 23, BAZHONG, TOP, TickMetric.flexibleFte, 1.5);
      put(r, 23, BAZHONG, PROFESSIONAL, TickMetric.flexibleFte, 0.5);
      put(r, 23, BAZHONG, PROFESSIONAL, TickMetric.enclaveFte, 3);
      put(r, 23, BAZHONG, SKILLED, TickMetric.remoteFte, 1);
      put(r, 23, BAZHONG, TOP, TickMetric.effective, 1.5);
      put(r, 23, BAZHONG, PROFESSIONAL, TickMetric.effective, 6 + 0.5 + 3);
      put(r, 23, BAZHONG, SKILLED, TickMetric.effective, 1);
      // A mid-year value is not a year-end figure.
      put(r, 17, BAZHONG, TOP, TickMetric.flexibleFte, 99);
      return r;
    });
  }

  it('sums effective talent and FTE over tiers at year end, in persons', () => {
    const rows = summaryRunRows(withPolicies(), policyScenario).filter((r) => r.run === 0);
    const value = (year: number, metric: string) => rows.find((r) => r.year === year && r.metric === metric)?.value;
    expect([value(2024, 'residents'), value(2024, 'effectiveTalent'), value(2024, 'flexibleFte'), value(2024, 'enclaveFte'), value(2024, 'remoteFte')]).toEqual(
      [150, 170, 0, 20, 0],
    );
    expect([value(2025, 'residents'), value(2025, 'effectiveTalent'), value(2025, 'flexibleFte'), value(2025, 'enclaveFte'), value(2025, 'remoteFte')]).toEqual(
      [60, 120, 20, 30, 10],
    );
    // Effective talent = residents working for Bazhong + flexible + enclave + remote FTE.
    expect(value(2025, 'effectiveTalent')).toBe(
      value(2025, 'residents')! + value(2025, 'flexibleFte')! + value(2025, 'enclaveFte')! + value(2025, 'remoteFte')!,
    );
  });

  it("weights each tier's year-end effective talent by its Bazhong wage ÷ the lowest in talentIndex", () => {
    // tiny: Bazhong's wages top 150,000, professional 80,000, skilled 60,000 (the lowest).
    expect(talentWeights(policyScenario)).toEqual([150000 / 60000, 80000 / 60000, 1]);
    const [r] = withPolicies();
    const rows = summaryRunRows([r], policyScenario);
    const weights = talentWeights(policyScenario);
    for (const [year, tick] of [
      [2024, 11],
      [2025, 23],
    ]) {
      let expected = 0;
      for (const t of [TOP, PROFESSIONAL, SKILLED]) expected += weights[t] * r.perTick[perTickIndex(r, tick, BAZHONG, t, TickMetric.effective)];
      expect(rows.find((x) => x.year === year && x.metric === 'talentIndex')?.value).toBe(expected * SCALE);
    }
    // 2025: top 1.5 × 2.5 + professional 9.5 × 4/3 + skilled 1 × 1, in persons.
    expect(rows.find((x) => x.year === 2025 && x.metric === 'talentIndex')?.value).toBeCloseTo((1.5 * 2.5 + 9.5 * (4 / 3) + 1) * SCALE, 9);
  });

  it('sums the cost over policies in each year, and over years in costCumulative (CNY, not scaled)', () => {
    const rows = summaryRunRows(withPolicies(), policyScenario);
    const value = (run: number, year: number, metric: string) => rows.find((r) => r.run === run && r.year === year && r.metric === metric)?.value;
    // Run 0: 1 + 0 + 3 million in 2024; 2 + 0.5 + 4 million in 2025. Run 1 spends twice as much.
    expect([value(0, 2024, 'cost'), value(0, 2025, 'cost'), value(0, 2024, 'costCumulative'), value(0, 2025, 'costCumulative')]).toEqual([
      4e6, 6.5e6, 4e6, 10.5e6,
    ]);
    expect([value(1, 2024, 'cost'), value(1, 2025, 'cost'), value(1, 2024, 'costCumulative'), value(1, 2025, 'costCumulative')]).toEqual([
      8e6, 13e6, 8e6, 21e6,
    ]);
    const total = summaryRows(withPolicies(), policyScenario).find((r) => r.year === 2025 && r.metric === 'costCumulative')!;
    // Two runs: p5 and p95 sit at 0.05 and 0.95 of the way from 10.5 to 21 million.
    expect(total.mean).toBe(15.75e6);
    expect(total.p5).toBeCloseTo(10.5e6 + 0.05 * 10.5e6, 6);
    expect(total.p95).toBeCloseTo(10.5e6 + 0.95 * 10.5e6, 6);
  });

  it('lists spending and each module metric per run, year and policy', () => {
    const rows = policyRows(withPolicies(), policyScenario);
    // 2 runs × 2 years × 3 policies × (spending + their metrics).
    expect(rows).toHaveLength(2 * 2 * [SUBSIDY, FLEXIBLE, ENCLAVE].reduce((n, p) => n + 1 + p.module.metrics.length, 0));
    expect(rows.slice(0, 5)).toEqual([
      { run: 0, year: 2024, policy: 'subsidy', type: 'subsidy', metric: 'spending', value: 1e6 },
      { run: 0, year: 2024, policy: 'subsidy', type: 'subsidy', metric: 'grants', value: 6 },
      { run: 0, year: 2024, policy: 'subsidy', type: 'subsidy', metric: 'notTakenUp', value: 2 },
      { run: 0, year: 2024, policy: 'subsidy', type: 'subsidy', metric: 'overBudget', value: 0 },
      { run: 0, year: 2024, policy: 'subsidy', type: 'subsidy', metric: 'holders', value: 6 },
    ]);
    expect(rows.filter((r) => r.run === 0 && r.year === 2024).map((r) => `${r.policy}/${r.metric}`)).toEqual([
      'subsidy/spending',
      'subsidy/grants',
      'subsidy/notTakenUp',
      'subsidy/overBudget',
      'subsidy/holders',
      'flexible-hiring/spending',
      'flexible-hiring/approached',
      'flexible-hiring/engaged',
      'flexible-hiring/declined',
      'flexible-hiring/quit',
      'flexible-hiring/demand',
      'flexible-hiring/experts',
      'chengdu-centre/spending',
      'chengdu-centre/approached',
      'chengdu-centre/hired',
      'chengdu-centre/declined',
      'chengdu-centre/leaked',
      'chengdu-centre/quit',
      'chengdu-centre/staff',
      'chengdu-centre/landedPositions',
      'chengdu-centre/landedPlatforms',
    ]);
    expect(rows.find((r) => r.run === 1 && r.year === 2025 && r.policy === 'chengdu-centre' && r.metric === 'spending')).toEqual({
      run: 1,
      year: 2025,
      policy: 'chengdu-centre',
      type: 'enclave',
      metric: 'spending',
      value: 8e6,
    });
    expect(rows.find((r) => r.run === 1 && r.year === 2025 && r.policy === 'flexible-hiring' && r.metric === 'experts')?.value).toBe(20);
  });

  it('summarises each policy figure over runs', () => {
    const rows = policySummaryRows(withPolicies(), policyScenario);
    expect(rows).toHaveLength(2 * [SUBSIDY, FLEXIBLE, ENCLAVE].reduce((n, p) => n + 1 + p.module.metrics.length, 0));
    const spending = rows.find((r) => r.year === 2024 && r.policy === 'subsidy' && r.metric === 'spending')!;
    expect(spending).toMatchObject({ type: 'subsidy', mean: 1.5e6 });
    expect(spending.p5).toBeCloseTo(1.05e6, 6);
    expect(spending.p95).toBeCloseTo(1.95e6, 6);
    expect(rows.find((r) => r.year === 2025 && r.policy === 'chengdu-centre' && r.metric === 'staff')).toEqual({
      year: 2025,
      policy: 'chengdu-centre',
      type: 'enclave',
      metric: 'staff',
      mean: 5,
      p5: 5,
      p95: 5,
    });
  });

  it('gives no policy rows for a scenario without policies', () => {
    expect(policyRows(handmade(), resolved)).toEqual([]);
    expect(policySummaryRows(handmade(), resolved)).toEqual([]);
  });

  it("refuses policy reports that do not match the scenario's policies", () => {
    const missing = withPolicies();
    missing[1].policies.pop();
    expect(() => policyRows(missing, policyScenario)).toThrow(/replication 1 does not match/);
    const renamed = withPolicies();
    renamed[0].policies[2] = { ...renamed[0].policies[2], name: 'elsewhere-centre' };
    expect(() => summaryRows(renamed, policyScenario)).toThrow(/replication 0 does not match/);
    const short = withPolicies();
    short[0].policies[0] = { ...short[0].policies[0], values: new Float64Array(5) };
    expect(() => policySummaryRows(short, policyScenario)).toThrow(/does not match/);
    // Results with policies against a scenario without them.
    expect(() => summaryRows(withPolicies(), { ...policyScenario, policies: [] })).toThrow(/does not match/);
  });
});

describe('cohortRows', () => {
  it('follows each cohort from its year on, averaging shares over the runs in which it exists', () => {
    const results = handmade();
    const sizes = [4, 0, 2];
    const remaining = [
      [4, 3],
      [0, 0],
      [2, 1],
    ];
    results.forEach((r, k) => {
      const index = cohortIndex(r, 0, PROFESSIONAL, 1);
      r.cohortSize[index] = sizes[k];
      r.cohortRemaining[index * r.years + 0] = remaining[k][0];
      r.cohortRemaining[index * r.years + 1] = remaining[k][1];
    });
    const rows = cohortRows(results, resolved);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      cohortYear: 2024,
      tier: 'professional',
      native: true,
      size: 20,
      yearsSince: 0,
      year: 2024,
      runs: 2,
      share: 1,
      p5: 1,
      p95: 1,
    });
    // Shares a year on: 3/4 and 1/2.
    expect(rows[1]).toMatchObject({ yearsSince: 1, year: 2025, runs: 2 });
    expect(rows[1].share).toBeCloseTo(0.625, 12);
    expect(rows[1].p5).toBeCloseTo(0.5 + 0.05 * 0.25, 12);
    expect(rows[1].p95).toBeCloseTo(0.5 + 0.95 * 0.25, 12);
  });
});

describe('talentIndex on the accounts', () => {
  /** One year of the tiny scenario's books for ten skilled agents in Bazhong; `upgrade` moves one to professional in the last tick. */
  function books(upgrade: boolean): RunResult {
    const agents = new AgentStore(16);
    for (let k = 0; k < 10; k++) {
      const i = agents.add();
      agents.residence[i] = BAZHONG;
      agents.employer[i] = BAZHONG;
      agents.tier[i] = SKILLED;
      agents.arrivalTick[i] = -k * 12;
    }
    const accounts = new Accounts(resolved, { replication: 0, seed: 1, scale: SCALE, years: 1 }, []);
    accounts.open(agents);
    const fte = new Float64Array(FTE_COMPONENTS.length * resolved.tiers.length);
    for (let tick = 0; tick < 12; tick++) {
      if (upgrade && tick === 11) {
        accounts.retier(tick, { location: BAZHONG, industry: 0, tier: SKILLED }, PROFESSIONAL, false, agents.arrivalTick[0]);
        agents.tier[0] = PROFESSIONAL;
      }
      accounts.closeTick(tick, fte);
    }
    accounts.closeYear(0, agents);
    return accounts.result;
  }

  it('rises by the weight gained when an agent upgrades a tier, at equal headcount', () => {
    const figure = (r: RunResult, metric: string) => summaryRunRows([r], resolved).find((x) => x.metric === metric)!.value;
    const [before, after] = [books(false), books(true)];
    const weights = talentWeights(resolved);
    expect(figure(after, 'residents')).toBe(figure(before, 'residents'));
    expect(figure(after, 'effectiveTalent')).toBe(figure(before, 'effectiveTalent'));
    expect(figure(after, 'talentIndex') - figure(before, 'talentIndex')).toBeCloseTo((weights[PROFESSIONAL] - weights[SKILLED]) * SCALE, 9);
    expect(figure(after, 'talentIndex')).toBeGreaterThan(figure(before, 'talentIndex'));
    // The upgraded agent's time at risk moves with it: 11 ticks as skilled, 1 as professional, in its own tenure band.
    const band = (tenure: number) => TENURE_BANDS.findIndex((b) => tenure >= b.from && tenure < b.to);
    expect(after.exposure[tenureIndex(after, 0, BAZHONG, PROFESSIONAL, band(0))]).toBe(1);
    expect(after.exposure[tenureIndex(after, 0, BAZHONG, SKILLED, band(0))]).toBe(11);
    expect(before.exposure[tenureIndex(before, 0, BAZHONG, SKILLED, band(0))]).toBe(12);
  });
});

describe('rateRows', () => {
  /** Three runs of two years: leavers from Chengdu's professionals in 2024, tenure 1–3; run 2 has nobody there. */
  function withMoves(): RunResult[] {
    const leavers = [3, 6, 0];
    const exposure = [120, 120, 0];
    return leavers.map((n, k) => {
      const r = emptyResult(resolved, { replication: k, years: 2, scale: SCALE });
      r.leavers[tenureIndex(r, 0, CHENGDU, PROFESSIONAL, 1)] = n;
      r.exposure[tenureIndex(r, 0, CHENGDU, PROFESSIONAL, 1)] = exposure[k];
      r.exposure[tenureIndex(r, 0, CHENGDU, PROFESSIONAL, 3)] = exposure[k];
      put(r, 3, CHENGDU, PROFESSIONAL, TickMetric.inflow, k);
      return r;
    });
  }

  it('gives movers ÷ person-years over the runs where someone was at risk, by tenure band and for all', () => {
    const rows = rateRows(withMoves(), resolved);
    expect(rows).toHaveLength(2 * 4 * 3 * (TENURE_BANDS.length + 2));
    const row = (tenure: string, flow: string) =>
      rows.find((r) => r.year === 2024 && r.location === 'chengdu' && r.tier === 'professional' && r.tenure === tenure && r.flow === flow)!;
    // 120 agent-ticks = 10 agent-years = 100 person-years; 3 and 6 leavers = 30 and 60 persons: rates 0.3 and 0.6.
    expect(row('1-3', 'leave')).toMatchObject({ personYears: 200 / 3, movers: 30 });
    expect(row('1-3', 'leave').rate).toBeCloseTo(0.45, 12);
    expect(row('1-3', 'leave').p5).toBeCloseTo(0.3 + 0.05 * 0.3, 12);
    expect(row('1-3', 'leave').p95).toBeCloseTo(0.3 + 0.95 * 0.3, 12);
    expect(row('5+', 'leave')).toMatchObject({ movers: 0, rate: 0 });
    // Pooled over bands: 200 person-years in runs 0 and 1.
    expect(row('all', 'leave').rate).toBeCloseTo((30 / 200 + 60 / 200) / 2, 12);
    expect(row('all', 'arrive').rate).toBeCloseTo((0 / 200 + 10 / 200) / 2, 12);
    expect(row('0-1', 'leave').rate).toBeNaN();
    expect(rows.some((r) => r.flow === 'arrive' && r.tenure !== 'all')).toBe(false);
  });
});

describe('shape checks', () => {
  it('refuses results that do not fit the scenario', () => {
    const results = handmade();
    results[1] = { ...results[1], cohortSize: new Float64Array(1) };
    expect(() => summaryRows(results, resolved)).toThrow(/replication 1 does not match/);
  });
});
