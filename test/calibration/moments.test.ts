// The simulated moments of calibration targets: each kind of measure exact on hand-made results, the scaled error of
// two-sided, one-sided and band targets, the distance over the fitted targets, and the same bits whatever the order
// in which the runs come back or the number of threads that made them.
import { describe, expect, it } from 'vitest';
import { acceptable, distance, measureValue, momentsOf, targetError } from '../../src/calibration/moments.js';
import type { Measure, Target } from '../../src/calibration/targets.js';
import { UsageError } from '../../src/core/errors.js';
import { flowIndex, graduatesIndex, HomeMetric, HOME_METRICS, perTickIndex, tenureIndex, TickMetric, type RunResult } from '../../src/core/results.js';
import { summaryRunRows } from '../../src/core/rows.js';
import { runScenario } from '../../src/runner/run.js';
import { Scenario } from '../../src/scenario/schema.js';
import { emptyResult, tinyScenarioInput } from '../fixtures.js';
import { resolveInput } from '../support.js';

const [BAZHONG, CHENGDU, CHONGQING, ELSEWHERE] = [0, 1, 2, 3];
const [TOP, PROFESSIONAL, SKILLED] = [0, 1, 2];
const SCALE = 10;

/** The tiny scenario with its Bazhong graduates choosing a first job (entry 0) and Chengdu's not (entry 1). */
function tinyInput() {
  const input = tinyScenarioInput();
  input.entries = input.entries!.map((e, k) => (k === 0 ? { ...e, firstJob: true } : e));
  return input;
}
const resolved = resolveInput(tinyInput());

function target(measure: Measure, fields: Partial<Target> = {}): Target {
  return { name: 'test', label: 'a test target', measure, kind: 'equal', value: 0, tolerance: 1, source: 'test', heldOut: false, ...fields };
}

/** A hand-made result of the tiny scenario over 3 years. */
const blank = (replication = 0) => emptyResult(resolved, { replication, years: 3, scale: SCALE });
const setStock = (r: RunResult, year: number, location: number, tier: number, n: number) => {
  r.perTick[perTickIndex(r, (year + 1) * 12 - 1, location, tier, TickMetric.stock)] = n;
};

describe('measureValue on hand-made results', () => {
  it('a summary metric: the figure summary-runs.csv gives, in persons, or its mean over years', () => {
    const r = blank();
    r.home[0 * HOME_METRICS.length + HomeMetric.recruited] = 70;
    r.home[1 * HOME_METRICS.length + HomeMetric.recruited] = 75;
    r.home[2 * HOME_METRICS.length + HomeMetric.recruited] = 81;
    expect(measureValue(target({ kind: 'summary', metric: 'recruited', years: [2024, 2024] }), resolved, r)).toBe(700);
    expect(measureValue(target({ kind: 'summary', metric: 'recruited', years: [2025, 2026] }), resolved, r)).toBe(780);
    // topShare: a share of the year-end stock, as rows.ts computes it (and NaN for an empty home city).
    setStock(r, 0, BAZHONG, TOP, 3);
    setStock(r, 0, BAZHONG, SKILLED, 97);
    const topShare = target({ kind: 'summary', metric: 'topShare', years: [2024, 2024] });
    expect(measureValue(topShare, resolved, r)).toBe(0.03);
    expect(measureValue(topShare, resolved, r)).toBe(summaryRunRows([r], resolved).find((row) => row.year === 2024 && row.metric === 'topShare')!.value);
    expect(measureValue({ ...topShare, measure: { ...topShare.measure, years: [2025, 2025] } as Measure }, resolved, r)).toBeNaN();
  });

  it('a growth rate a year between two years of a summary metric', () => {
    const r = blank();
    setStock(r, 0, BAZHONG, SKILLED, 100);
    setStock(r, 2, BAZHONG, SKILLED, 121);
    expect(measureValue(target({ kind: 'growth', metric: 'residents', from: 2024, to: 2026 }), resolved, r)).toBeCloseTo(0.1, 14);
    // Nobody at the start: undefined.
    expect(measureValue(target({ kind: 'growth', metric: 'residents', from: 2025, to: 2026 }), resolved, r)).toBeNaN();
  });

  it("the share of the home city's movers out going to named places, pooled over years and tiers (or those named)", () => {
    const r = blank();
    r.flows[flowIndex(r, 0, BAZHONG, CHENGDU, TOP)] = 3;
    r.flows[flowIndex(r, 0, BAZHONG, CHONGQING, SKILLED)] = 2;
    r.flows[flowIndex(r, 0, BAZHONG, ELSEWHERE, SKILLED)] = 4;
    r.flows[flowIndex(r, 1, BAZHONG, ELSEWHERE, TOP)] = 1;
    // Moves into the home city and between other places are not its outflow.
    r.flows[flowIndex(r, 0, CHENGDU, BAZHONG, TOP)] = 50;
    r.flows[flowIndex(r, 0, CHENGDU, ELSEWHERE, TOP)] = 50;
    const share = (years: [number, number], tiers?: string[]) =>
      measureValue(target({ kind: 'outflowShare', to: ['chengdu', 'chongqing'], ...(tiers ? { tiers } : {}), years }), resolved, r);
    expect(share([2024, 2024])).toBe(5 / 9);
    expect(share([2024, 2025])).toBe(5 / 10);
    expect(share([2024, 2025], ['top'])).toBe(3 / 4);
    expect(share([2026, 2026])).toBeNaN();
  });

  it('a leave rate: movers ÷ person-years in the tiers and tenure bands named, or the share leaving within n years at it', () => {
    const r = blank();
    // Year 0, Chengdu, professional: band 1-3 has 6 leavers in 120 agent-ticks (10 person-years); band 0-1 has 9 in 24.
    r.leavers[tenureIndex(r, 0, CHENGDU, PROFESSIONAL, 1)] = 6;
    r.exposure[tenureIndex(r, 0, CHENGDU, PROFESSIONAL, 1)] = 120;
    r.leavers[tenureIndex(r, 0, CHENGDU, PROFESSIONAL, 0)] = 9;
    r.exposure[tenureIndex(r, 0, CHENGDU, PROFESSIONAL, 0)] = 24;
    // Year 1: 2 more in band 1-3 over 10 person-years; other tiers and places do not count.
    r.leavers[tenureIndex(r, 1, CHENGDU, PROFESSIONAL, 1)] = 2;
    r.exposure[tenureIndex(r, 1, CHENGDU, PROFESSIONAL, 1)] = 120;
    r.leavers[tenureIndex(r, 0, CHENGDU, SKILLED, 1)] = 100;
    r.exposure[tenureIndex(r, 0, BAZHONG, PROFESSIONAL, 1)] = 1000;
    const rate = (fields: Partial<Extract<Measure, { kind: 'leaveRate' }>>) =>
      measureValue(target({ kind: 'leaveRate', location: 'chengdu', tiers: ['professional'], years: [2024, 2024], ...fields }), resolved, r);
    expect(rate({ tenure: ['1-3'] })).toBe(0.6);
    expect(rate({ tenure: ['0-1', '1-3'] })).toBe(15 / 12);
    expect(rate({})).toBe(15 / 12);
    expect(rate({ tenure: ['1-3'], years: [2024, 2025] })).toBe(8 / 20);
    expect(rate({ tenure: ['1-3'], withinYears: 3 })).toBe(1 - Math.exp(-3 * 0.6));
    expect(rate({ tenure: ['3-5'] })).toBeNaN();
  });

  it("a first-job stream's share of graduates living at named places at the year's end, pooled over years", () => {
    const r = blank();
    expect(r.entries).toBe(2);
    const put = (year: number, location: number, n: number) => (r.graduates[graduatesIndex(r, year, 0, location)] = n);
    put(0, BAZHONG, 6);
    put(0, CHENGDU, 3);
    put(0, ELSEWHERE, 1);
    put(1, BAZHONG, 5);
    put(1, CHONGQING, 5);
    // The other stream's counts are not this one's.
    r.graduates[graduatesIndex(r, 0, 1, CHENGDU)] = 100;
    const away = (years: [number, number]) =>
      measureValue(target({ kind: 'firstJob', entry: 'Bazhong graduates', at: ['chengdu', 'chongqing', 'elsewhere'], years }), resolved, r);
    expect(away([2024, 2024])).toBe(0.4);
    expect(away([2024, 2025])).toBe(9 / 20);
    expect(away([2026, 2026])).toBeNaN();
    // A result without graduate counts (entries: 0) cannot give the figure.
    const bare = { ...r, entries: 0, graduates: new Float64Array(0) };
    expect(() => measureValue(target({ kind: 'firstJob', entry: 'Bazhong graduates', at: ['chengdu'], years: [2024, 2024] }), resolved, bare)).toThrow(
      /the results hold no graduate counts/,
    );
  });

  it("a stock at the year's end in persons, in the tiers named, ÷ per", () => {
    const r = blank();
    setStock(r, 0, BAZHONG, TOP, 2);
    setStock(r, 0, BAZHONG, PROFESSIONAL, 30);
    setStock(r, 0, BAZHONG, SKILLED, 68);
    setStock(r, 1, BAZHONG, PROFESSIONAL, 40);
    // A stock before the year's last tick is not its end.
    r.perTick[perTickIndex(r, 5, BAZHONG, TOP, TickMetric.stock)] = 1000;
    const stock = (fields: Partial<Extract<Measure, { kind: 'stock' }>>) =>
      measureValue(target({ kind: 'stock', location: 'bazhong', years: [2024, 2024], ...fields }), resolved, r);
    expect(stock({})).toBe(1000);
    expect(stock({ tiers: ['top', 'professional'] })).toBe(320);
    expect(stock({ tiers: ['top', 'professional'], per: 3200 })).toBe(0.1);
    expect(stock({ tiers: ['professional'], years: [2024, 2025] })).toBe(350);
  });

  it('a year the run does not report is a usage error naming the target', () => {
    const r = emptyResult(resolved, { years: 1, scale: SCALE });
    expect(() => measureValue(target({ kind: 'summary', metric: 'recruited', years: [2024, 2025] }), resolved, r)).toThrow(UsageError);
    expect(() => measureValue(target({ kind: 'summary', metric: 'recruited', years: [2024, 2025] }), resolved, r)).toThrow(
      /target "test" needs 2025, but the runs report up to 2024/,
    );
  });
});

describe('targetError and distance', () => {
  it('equal: signed, in tolerances, on both sides', () => {
    const t = target({ kind: 'summary', metric: 'recruited', years: [2024, 2024] }, { value: 700, tolerance: 50 });
    expect(targetError(t, 800)).toBe(2);
    expect(targetError(t, 650)).toBe(-1);
    expect(targetError(t, 700)).toBe(0);
    expect(targetError(t, NaN)).toBeNaN();
    expect(acceptable(t)).toEqual([700, 700]);
  });

  it('atMost and atLeast: no error on the good side, the scaled gap on the other', () => {
    const m: Measure = { kind: 'summary', metric: 'topShare', years: [2024, 2024] };
    const atMost = target(m, { kind: 'atMost', value: 0.03, tolerance: 0.005 });
    expect(targetError(atMost, 0.01)).toBe(0);
    expect(targetError(atMost, 0.03)).toBe(0);
    expect(targetError(atMost, 0.04)).toBeCloseTo(2, 12);
    expect(targetError(atMost, -1e9)).toBe(0);
    const atLeast = target(m, { kind: 'atLeast', value: 0.5, tolerance: 0.05 });
    expect(targetError(atLeast, 0.9)).toBe(0);
    expect(targetError(atLeast, 0.4)).toBeCloseTo(-2, 12);
    expect(targetError(atLeast, NaN)).toBeNaN();
  });

  it('within: no error inside the band, the gap to its nearer end outside', () => {
    const t = target({ kind: 'summary', metric: 'recruited', years: [2024, 2024] }, { kind: 'within', value: undefined, range: [700, 800], tolerance: 50 });
    expect(targetError(t, 700)).toBe(0);
    expect(targetError(t, 750)).toBe(0);
    expect(targetError(t, 800)).toBe(0);
    expect(targetError(t, 900)).toBe(2);
    expect(targetError(t, 675)).toBe(-0.5);
    expect(acceptable(t)).toEqual([700, 800]);
  });

  it('distance: the sum of squared errors of the fitted targets only; an undefined fitted figure is infinitely far', () => {
    const m: Measure = { kind: 'summary', metric: 'recruited', years: [2024, 2024] };
    const targets = [
      target(m, { name: 'a', value: 10, tolerance: 2 }),
      target(m, { name: 'b', kind: 'atMost', value: 0, tolerance: 1 }),
      target(m, { name: 'held', value: 0, tolerance: 1, heldOut: true }),
      target(m, { name: 'c', kind: 'within', value: undefined, range: [1, 2], tolerance: 0.5 }),
    ];
    expect(distance(targets, [14, 3, 1000, 1.5])).toBe(4 + 9);
    expect(distance(targets, [10, -5, 1000, 0])).toBe(4);
    expect(distance(targets, [10, -5, NaN, 1.5])).toBe(0);
    expect(distance(targets, [10, NaN, 0, 1.5])).toBe(Infinity);
  });
});

describe('momentsOf', () => {
  const m: Measure = { kind: 'summary', metric: 'recruited', years: [2024, 2024] };
  const targets = [
    target(m, { name: 'recruited', value: 500, tolerance: 100 }),
    target({ kind: 'summary', metric: 'topShare', years: [2025, 2025] }, { name: 'top' }),
  ];
  const runs = [3, 0, 2, 1].map((k) => {
    const r = blank(k);
    r.home[HomeMetric.recruited] = 0.1 * (k + 1) + 40;
    return r;
  });

  it('gives each target its values in replication order, their mean over the defined ones, the band and the error at the mean', () => {
    const [recruited, top] = momentsOf(targets, resolved, runs);
    expect(recruited.replications).toEqual([0, 1, 2, 3]);
    expect(recruited.values).toEqual([0, 1, 2, 3].map((k) => (0.1 * (k + 1) + 40) * SCALE));
    const sum = recruited.values.reduce((s, v) => s + v, 0);
    expect(recruited.mean).toBe(sum / 4);
    expect(recruited.error).toBe((recruited.mean - 500) / 100);
    expect(recruited.p5).toBeLessThan(recruited.p95);
    // An empty home city in 2025: the top share is undefined in every run.
    expect(top.values.every(Number.isNaN)).toBe(true);
    expect(top.mean).toBeNaN();
  });

  it('gives the same bits whatever order the runs come in', () => {
    const one = momentsOf(targets, resolved, runs);
    for (const order of [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [1, 3, 0, 2],
    ]) {
      const other = momentsOf(
        targets,
        resolved,
        order.map((k) => runs[k]),
      );
      expect(Float64Array.from(other.map((x) => x.mean))).toEqual(Float64Array.from(one.map((x) => x.mean)));
      expect(other.map((x) => x.values)).toEqual(one.map((x) => x.values));
    }
  });

  it('gives the same bits for model runs on 1 and 2 threads (worker threads run dist/: npm run build first)', async () => {
    const input = tinyInput();
    const scenario = Scenario.parse(input);
    const every: Target[] = [
      target({ kind: 'summary', metric: 'netRetention', years: [2024, 2025] }, { name: 'net' }),
      target({ kind: 'growth', metric: 'residents', from: 2024, to: 2025 }, { name: 'growth' }),
      target({ kind: 'outflowShare', to: ['chengdu', 'chongqing'], years: [2024, 2025] }, { name: 'share' }),
      target({ kind: 'leaveRate', location: 'chengdu', tenure: ['1-3'], withinYears: 3, years: [2024, 2025] }, { name: 'leave' }),
      target({ kind: 'firstJob', entry: 'Bazhong graduates', at: ['chengdu', 'chongqing', 'elsewhere'], years: [2024, 2025] }, { name: 'away' }),
      target({ kind: 'stock', location: 'bazhong', tiers: ['top', 'professional'], per: 1e5, years: [2025, 2025] }, { name: 'stock' }),
    ];
    const means = [];
    for (const threads of [1, 2]) {
      const outcome = await runScenario({ scenario, resolved }, { runs: 3, years: 2, threads });
      const moments = momentsOf(every, resolved, outcome.results);
      for (const moment of moments) expect(moment.values.every(Number.isFinite), moment.name).toBe(true);
      means.push(Buffer.from(Float64Array.from(moments.flatMap((x) => [...x.values, x.mean])).buffer));
    }
    expect(means[1].equals(means[0])).toBe(true);
    // The graduates choose: some leave, some stay.
    const away = momentsOf(every, resolved, (await runScenario({ scenario, resolved }, { runs: 1, years: 2, threads: 1 })).results)[4].mean;
    expect(away).toBeGreaterThan(0);
    expect(away).toBeLessThan(1);
  });
});
