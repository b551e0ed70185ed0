// Regional integration (report 三(四), 成渝双城经济圈): cheaper moves within the region raise flows both into and out of Bazhong.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/results.js';
import {
  baseline,
  difference,
  expectDecrease,
  expectIncrease,
  expectNoChange,
  home,
  locationIndex,
  moves,
  paired,
  tierIndex,
  withPolicies,
  identical,
} from './support.js';

const options = { runs: 4, years: 3, scale: 20 };
const START = 2025;
const integration = (extra: Record<string, unknown> = {}) => ({
  type: 'integration',
  start: START,
  frictionCut: 0.25,
  coordinationCostPerYear: 1_000_000,
  ...extra,
});

function spending(r: RunResult): number[] {
  const p = r.policies.find((q) => q.type === 'integration')!;
  const width = 1 + p.metrics.length;
  return Array.from({ length: r.years }, (_, year) => p.values[year * width]);
}

describe('integration', () => {
  const s = baseline();
  const bazhong = home(s);
  const cities = [locationIndex(s, 'chengdu'), locationIndex(s, 'chongqing')];
  const elsewhere = locationIndex(s, 'elsewhere');
  const into = (r: RunResult) => cities.reduce((n, c) => n + moves(r, c, bazhong), 0);
  const outOf = (r: RunResult) => cities.reduce((n, c) => n + moves(r, bazhong, c), 0);
  let pair: ReturnType<typeof paired>;
  beforeAll(() => {
    pair = paired(withPolicies([integration()]), options);
  });

  it("raises moves both into Bazhong from the region's cities and out of Bazhong to them", () => {
    expectIncrease(difference(pair, into));
    expectIncrease(difference(pair, outOf));
    // Moves to a place outside the region become relatively less attractive.
    expectDecrease(difference(pair, (r) => moves(r, bazhong, elsewhere)));
  });

  it("for the tiers it covers only: other tiers' moves between Bazhong and the cities are unchanged", () => {
    const tiers = (r: RunResult, list: number[]) => cities.reduce((n, c) => n + moves(r, c, bazhong, list) + moves(r, bazhong, c, list), 0);
    const covered = [tierIndex(s, 'top'), tierIndex(s, 'professional')];
    const skilled = [tierIndex(s, 'skilled')];
    const some = paired(withPolicies([integration({ eligibility: { tiers: ['top', 'professional'] } })]), options);
    expectIncrease(difference(some, (r) => tiers(r, covered)));
    expectNoChange(difference(some, (r) => tiers(r, skilled)));
  });

  it('with no friction cut, or no money for coordination, changes nothing', () => {
    for (const policy of [integration({ frictionCut: 0 }), integration({ budget: 500_000 })]) {
      const none = paired(withPolicies([policy]), { ...options, runs: 2 });
      none.policy.forEach((r, k) => {
        expect(identical(r, none.base[k])).toBe(true);
        expect(spending(r).every((v) => v === 0)).toBe(true);
      });
    }
  });

  it('spends its coordination cost each year from the start, nothing before', () => {
    for (const r of pair.policy) expect(spending(r)).toEqual([0, 1_000_000, 1_000_000].map((v) => expect.closeTo(v, 3)));
  });
});
