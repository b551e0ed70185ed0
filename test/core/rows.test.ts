// Row builders on hand-made results: units (persons = agents × scale), derived metrics and the across-run statistics.
import { describe, expect, it } from 'vitest';
import { cohortIndex, flowIndex, HomeMetric, HOME_METRICS, perTickIndex, TickMetric, type RunResult } from '../../src/core/results.js';
import { cohortRows, flowRows, meanAndBand, summaryRows, summaryRunRows, timeseriesRows, TIMESERIES_METRICS } from '../../src/core/rows.js';
import { emptyResult, tinyLoaded } from '../fixtures.js';

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
        const cell = (metric: string) => rows.find((r) => r.run === run && r.tick === tick && r.location === 'bazhong' && r.tier === 'professional' && r.metric === metric)!.value;
        expect(cell('netFlow')).toBe(cell('inflow') - cell('outflow'));
      }
    expect(rows.find((r) => r.tick === 0 && r.tier === 'skilled' && r.metric === 'entries' && r.location === 'bazhong')?.value).toBe(30);
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

  it('computes each run\'s headline figures', () => {
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
    expect(rows).toHaveLength(2 * 7);
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

  it('leaves undefined values out of the statistics', () => {
    expect(meanAndBand([NaN, 4, 4])).toEqual({ mean: 4, p5: 4, p95: 4 });
    expect(meanAndBand([5])).toEqual({ mean: 5, p5: 5, p95: 5 });
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
    expect(rows[0]).toMatchObject({ cohortYear: 2024, tier: 'professional', native: true, size: 20, yearsSince: 0, year: 2024, runs: 2, share: 1, p5: 1, p95: 1 });
    // Shares a year on: 3/4 and 1/2.
    expect(rows[1]).toMatchObject({ yearsSince: 1, year: 2025, runs: 2 });
    expect(rows[1].share).toBeCloseTo(0.625, 12);
    expect(rows[1].p5).toBeCloseTo(0.5 + 0.05 * 0.25, 12);
    expect(rows[1].p95).toBeCloseTo(0.5 + 0.95 * 0.25, 12);
  });
});

describe('shape checks', () => {
  it('refuses results that do not fit the scenario', () => {
    const results = handmade();
    results[1] = { ...results[1], cohortSize: new Float64Array(1) };
    expect(() => summaryRows(results, resolved)).toThrow(/replication 1 does not match/);
  });
});
