// A burn-in (run.burnInYears) runs years before startYear that are not reported: a run with a burn-in of B years and
// Y reported years is the last Y years of a run of B + Y years without one, and policies act from startYear.
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/core/model.js';
import { HomeMetric, HOME_METRICS, perTickIndex, TickMetric } from '../../src/core/results.js';
import { Scenario, type ScenarioInput } from '../../src/scenario/schema.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { tinyPolicyScenarioInput } from '../fixtures.js';

const B = 2;
const Y = 2;

/** The tiny policy scenario without growth (growth counts from startYear, which a burn-in moves), with its policies from `from`. */
function scenario(burnInYears: number, years: number, startYear: number, policiesFrom: number) {
  const input: ScenarioInput = tinyPolicyScenarioInput();
  input.run = { ...input.run, startYear, years, burnInYears };
  input.locations = input.locations.map((l) => ({ ...l, wageGrowth: 0, jobGrowth: 0 }));
  input.policies = (input.policies ?? []).map((p) => ({ ...p, start: policiesFrom + (p.start === 2025 ? 1 : 0) }));
  return resolveScenario(Scenario.parse(input));
}

const long = scenario(0, B + Y, 2022, 2024);
const short = scenario(B, Y, 2024, 2024);
const runs = [0, 1].map((replication) => ({ long: runReplication(long, { replication }), short: runReplication(short, { replication }) }));
const ticksPerYear = long.run.ticksPerYear;
const cellsPerTick = long.locations.length * long.tiers.length;

describe('burn-in', () => {
  it('reports only the years from startYear', () => {
    for (const { short } of runs) {
      expect(short.years).toBe(Y);
      expect(short.ticks).toBe(Y * ticksPerYear);
      expect(short.policies.every((p) => p.values.length === Y * (1 + p.metrics.length))).toBe(true);
    }
  });

  it('is the last years of a run without one: the same people, moves and policy reports, year for year', () => {
    const offsetTicks = B * ticksPerYear;
    for (const { long: l, short: s } of runs) {
      expect(Array.from(s.perTick)).toEqual(Array.from(l.perTick.subarray(offsetTicks * cellsPerTick * (s.perTick.length / (s.ticks * cellsPerTick)))));
      expect(Array.from(s.flows)).toEqual(Array.from(l.flows.subarray(B * (l.flows.length / l.years))));
      expect(Array.from(s.leavers)).toEqual(Array.from(l.leavers.subarray(B * (l.leavers.length / l.years))));
      expect(Array.from(s.exposure)).toEqual(Array.from(l.exposure.subarray(B * (l.exposure.length / l.years))));
      for (const metric of ['recruited', 'nativesReturning', 'diaspora'] as const)
        for (let y = 0; y < Y; y++)
          expect(s.home[y * HOME_METRICS.length + HomeMetric[metric]]).toBe(l.home[(y + B) * HOME_METRICS.length + HomeMetric[metric]]);
      s.policies.forEach((p, k) => expect(Array.from(p.values)).toEqual(Array.from(l.policies[k].values.subarray(B * (1 + p.metrics.length)))));
      // Policies were in force: the subsidy spent money in the first reported year.
      expect(s.policies[0].values[0]).toBeGreaterThan(0);
    }
  });

  it('starts the reported years from the stock at the end of the burn-in, which the people then follow', () => {
    for (const { long: l, short: s } of runs) {
      for (let loc = 0; loc < s.locations; loc++)
        for (let t = 0; t < s.tiers; t++) {
          const endOfBurnIn = l.perTick[perTickIndex(l, B * ticksPerYear - 1, loc, t, TickMetric.stock)];
          expect(s.initialStock[loc * s.tiers + t]).toBe(endOfBurnIn);
          // Conservation over the first reported tick: stock = start + entries + inflow + tier in − outflow − exits − tier out.
          const at = (m: number) => s.perTick[perTickIndex(s, 0, loc, t, m)];
          const change =
            at(TickMetric.entries) + at(TickMetric.inflow) + at(TickMetric.tierIn) - at(TickMetric.outflow) - at(TickMetric.exits) - at(TickMetric.tierOut);
          expect(at(TickMetric.stock)).toBe(s.initialStock[loc * s.tiers + t] + change);
        }
      // The initial home stock that survivalInitial follows is the home stock at the end of the burn-in.
      const home = short.homeIndex;
      let atHome = 0;
      for (let t = 0; t < s.tiers; t++) atHome += s.initialStock[home * s.tiers + t];
      expect(s.initialHome).toBe(atHome);
      expect(s.home[HomeMetric.initialRemaining]).toBeLessThanOrEqual(atHome);
    }
  });

  it('needs no burn-in by default', () => {
    expect(resolveScenario(Scenario.parse(tinyPolicyScenarioInput())).run.burnInYears).toBe(0);
  });
});
