// The sweep's event scheduling (Sweep in src/core/sweep.ts, nextCheck) against the hazards it stands for and against checking every agent every tick.
import { beforeAll, describe, expect, it } from 'vitest';
import { Model, type ModelOptions } from '../../src/core/model.js';
import { TickMetric, TICK_METRICS } from '../../src/core/results.js';
import type { ResolvedScenario } from '../../src/scenario/resolve.js';
import { tinyScenarioInput } from '../fixtures.js';
import { baselineWith, POLICY_TYPES } from '../properties/policy-mix.js';
import { resolveInput } from '../support.js';

/** Yearly reconsideration probabilities by tier, and age and tenure bands with different factors, so that band changes matter. */
const HAZARD = {
  perYear: { top: 0.12, professional: 0.18, skilled: 0.15 },
  age: [
    { upTo: 30, factor: 2 },
    { upTo: 45, factor: 1 },
    { upTo: 70, factor: 0.5 },
  ],
  tenure: [
    { upTo: 1, factor: 2.5 },
    { upTo: 100, factor: 0.7 },
  ],
};

/**
 * The tiny scenario where every reconsideration is a move: moving is worth 30 utility units more than staying (a Gumbel
 * shock gap beyond that has probability ~e^-30) and every mover finds a job (job chance floor 1, so the draw against it
 * never fails). No entries, life events or retirement (the oldest are 61 at the end), so agents are only ever
 * reconsidering, and they stay at the same index in the store.
 */
function everyReconsiderationMoves(): ResolvedScenario {
  const input = tinyScenarioInput();
  input.entries = [];
  input.hazard = HAZARD;
  input.utility = { ...input.utility, movingCost: { coefficient: 30 } };
  input.jobMatching = { elasticity: 4, floor: 1 };
  input.agglomeration = { enabled: false, elasticity: 0, tiers: ['top'] };
  input.lifecycle = { retirementAge: 70, upgrades: [], family: [] };
  return resolveInput(input);
}

/** Index of the band a value (in years) falls in, as the model reads `upTo`. */
const bandOf = (bands: { upTo: number }[], years: number) => {
  const band = bands.findIndex((b) => years < b.upTo);
  return band < 0 ? bands.length - 1 : band;
};

describe('realised reconsiderations match the hazard', () => {
  const scenario = everyReconsiderationMoves();
  const model = new Model(scenario, { replication: 0, seed: 17, scale: 0.25, years: 3 });
  const tiers = scenario.tiers.map((t) => t.id as keyof typeof HAZARD.perYear);
  const A = HAZARD.age.length;
  const B = HAZARD.tenure.length;
  const cell = (tier: number, age: number, tenure: number) => (tier * A + age) * B + tenure;
  const cells = tiers.length * A * B;
  // Per (tier, age band, tenure band) and per year: agent-ticks, expected moves and their variance, and moves seen.
  const exposure = new Float64Array(cells);
  const expected = { byCell: new Float64Array(cells), byYear: new Float64Array(model.years) };
  const variance = { byCell: new Float64Array(cells), byYear: new Float64Array(model.years) };
  const observed = { byCell: new Float64Array(cells), byYear: new Float64Array(model.years) };
  const tpy = model.ticksPerYear;
  const a = model.agents;
  const agents = a.count;

  beforeAll(() => {
    while (model.tick < model.ticks) {
      const tick = model.tick;
      const year = Math.floor(tick / tpy);
      const cellAt = new Int32Array(a.count);
      const before = a.residence.slice(0, a.count);
      for (let i = 0; i < a.count; i++) {
        const k = cell(a.tier[i], bandOf(HAZARD.age, (tick - a.birthTick[i]) / tpy), bandOf(HAZARD.tenure, (tick - a.arrivalTick[i]) / tpy));
        cellAt[i] = k;
        const { factor: ageFactor } = HAZARD.age[Math.floor(k / B) % A];
        const { factor: tenureFactor } = HAZARD.tenure[k % B];
        // An Exp(1) clock run down by h a tick fires within the tick with probability 1 − e^(−h), h = −log(1 − p) / ticks a year.
        const h = -Math.log(1 - HAZARD.perYear[tiers[a.tier[i]]] * ageFactor * tenureFactor) / tpy;
        const p = 1 - Math.exp(-h);
        exposure[k]++;
        expected.byCell[k] += p;
        variance.byCell[k] += p * (1 - p);
        expected.byYear[year] += p;
        variance.byYear[year] += p * (1 - p);
      }
      model.step();
      for (let i = 0; i < a.count; i++)
        if (a.residence[i] !== before[i]) {
          observed.byCell[cellAt[i]]++;
          observed.byYear[year]++;
        }
    }
  });

  it('the scenario keeps every agent in place in the store and every move is counted', () => {
    expect(a.count).toBe(agents);
    const r = model.finish();
    let inflow = 0;
    for (let k = TickMetric.inflow; k < r.perTick.length; k += TICK_METRICS.length) inflow += r.perTick[k];
    expect(inflow).toBe(observed.byYear.reduce((s, n) => s + n, 0));
  });

  // Agent-ticks are independent Bernoulli trials given the bands, so a count's variance is the sum of p(1 − p): tolerance 4 SE.
  it('moves per tier × age band × tenure band are the hazard’s expectation within 4 standard errors', () => {
    let checked = 0;
    for (let k = 0; k < cells; k++) {
      if (exposure[k] === 0) continue;
      const where = `tier ${tiers[Math.floor(k / (A * B))]}, age band ${Math.floor(k / B) % A}, tenure band ${k % B}: ${exposure[k]} agent-ticks`;
      expect(Math.abs(observed.byCell[k] - expected.byCell[k]), where).toBeLessThanOrEqual(4 * Math.sqrt(variance.byCell[k]) + 1e-9);
      if (expected.byCell[k] > 100) checked++;
    }
    // Most cells hold enough agent-ticks for a sharp test: with ≥ 100 expected moves, 4 SE is under 40 % of the expectation.
    expect(checked).toBeGreaterThanOrEqual(12);
  });

  it('together, the cells’ squared standardised deviations stay below the 99.99th percentile of chi-square', () => {
    let chiSquare = 0;
    let df = 0;
    for (let k = 0; k < cells; k++)
      if (variance.byCell[k] > 0) {
        chiSquare += (observed.byCell[k] - expected.byCell[k]) ** 2 / variance.byCell[k];
        df++;
      }
    // Wilson–Hilferty: the p-quantile of chi-square with df degrees of freedom, z = 3.719 for p = 0.9999.
    const quantile = df * (1 - 2 / (9 * df) + 3.719 * Math.sqrt(2 / (9 * df))) ** 3;
    expect(chiSquare).toBeLessThan(quantile);
  });

  it('moves per year are the expectation within 4 standard errors, and the tolerance is a few per cent', () => {
    for (let year = 0; year < model.years; year++) {
      const tolerance = 4 * Math.sqrt(variance.byYear[year]);
      expect(Math.abs(observed.byYear[year] - expected.byYear[year]), `year ${year}`).toBeLessThanOrEqual(tolerance);
      expect(tolerance / expected.byYear[year]).toBeLessThan(0.05);
    }
  });
});

/** Runs two identical models; before each tick of the second, every agent is due for a check (brute force). `each` sees both after every tick. */
function withBruteForce(
  scenario: ResolvedScenario,
  options: ModelOptions,
  each: (scheduled: Model, everyone: Model) => void,
  before?: (scheduled: Model) => void,
) {
  const scheduled = new Model(scenario, options);
  const everyone = new Model(scenario, options);
  while (scheduled.tick < scheduled.ticks) {
    before?.(scheduled);
    scheduled.step();
    for (let i = 0; i < everyone.agents.count; i++) everyone.agents.nextCheck[i] = everyone.tick;
    everyone.step();
    each(scheduled, everyone);
  }
  return { scheduled: scheduled.finish(), everyone: everyone.finish() };
}

/**
 * Agents at the same index whose state (not their clocks, which only round differently) differs between two models.
 * The two stores hold the same agents in the same order as long as entrants come from the shared entry stream and
 * exits are retirements; a store that does not is reported whole, as every agent differing.
 */
function differing(one: Model, other: Model): number[] {
  const a = one.agents;
  const b = other.agents;
  const out: number[] = [];
  if (a.count !== b.count) return Array.from({ length: Math.max(a.count, b.count) }, (_, i) => i);
  for (let i = 0; i < a.count; i++)
    if (
      a.seed[i] !== b.seed[i] ||
      a.residence[i] !== b.residence[i] ||
      a.employer[i] !== b.employer[i] ||
      a.tier[i] !== b.tier[i] ||
      a.industry[i] !== b.industry[i] ||
      a.family[i] !== b.family[i] ||
      a.arrivalTick[i] !== b.arrivalTick[i] ||
      a.policy[i] !== b.policy[i] ||
      a.policyUntil[i] !== b.policyUntil[i] ||
      a.offer[i] !== b.offer[i]
    )
      out.push(i);
  return out;
}

describe('checking only the agents that are due gives the events of checking every agent every tick', () => {
  /**
   * The tiny scenario without feedback between agents (no agglomeration, job chance floor 1), so that one agent's
   * different event cannot change another's: every difference is an agent of its own. Entries, life events, bands and
   * retirement stay.
   */
  const independent = () => {
    const input = tinyScenarioInput();
    input.agglomeration = { enabled: false, elasticity: 0, tiers: ['top'] };
    input.jobMatching = { elasticity: 4, floor: 1 };
    return resolveInput(input);
  };
  const options = { replication: 0, seed: 3, scale: 0.5, years: 10 };

  /**
   * Agents whose state ever differs, against the events of the run. The clocks are Float32: a scheduled check runs a
   * clock down by k ticks of hazard in one subtraction, the brute force by one rounding a tick, so the two clocks can
   * differ by a few units of 2^-24 and put a firing that falls within that of zero one tick apart. That happens with
   * probability of order (rounding error) / (hazard a tick) ≈ 1e-6 / 1e-2 per event; measured on 20-year runs of this
   * scenario at scales 0.25 and 0.1: 2 to 8 agents in 70,000–100,000 moves and upgrades (≤ 1.2e-4 an event).
   */
  const DIFFERENCES_PER_EVENT = 1e-3;

  const compare = (before?: (scheduled: Model) => void) => {
    const diverged = new Set<number>();
    const { scheduled } = withBruteForce(
      independent(),
      options,
      (one, other) => {
        for (const i of differing(one, other)) diverged.add(one.agents.seed[i]);
      },
      before,
    );
    let events = 0;
    for (let k = 0; k < scheduled.perTick.length; k += TICK_METRICS.length)
      events += scheduled.perTick[k + TickMetric.inflow] + scheduled.perTick[k + TickMetric.tierIn];
    return { diverged: diverged.size, events };
  };

  it('without feedback between agents, at most one agent in a thousand events ever differs (Float32 clock rounding)', () => {
    const { diverged, events } = compare();
    expect(events).toBeGreaterThan(10_000);
    expect(diverged).toBeLessThanOrEqual(DIFFERENCES_PER_EVENT * events);
  });

  it('the comparison would see a scheduling fault: postponing each due check by one tick makes far more agents differ', () => {
    // Each check falls one tick late, once (retirements aside, so that the stores stay in step).
    const postponedTo = new Map<number, number>();
    const retirementAge = independent().lifecycle.retirementAge;
    const postpone = (model: Model) => {
      const a = model.agents;
      const retirement = Math.round(retirementAge * model.ticksPerYear);
      for (let i = 0; i < a.count; i++)
        if (a.nextCheck[i] === model.tick && postponedTo.get(a.seed[i]) !== model.tick && model.tick - a.birthTick[i] < retirement) {
          a.nextCheck[i] = model.tick + 1;
          postponedTo.set(a.seed[i], model.tick + 1);
        }
    };
    const { diverged, events } = compare(postpone);
    expect(diverged).toBeGreaterThan(20 * DIFFERENCES_PER_EVENT * events);
  });

  it('with every module and all the feedback, the runs agree tick for tick, or part over a handful of agents at the first difference', () => {
    // Every policy in force from the first tick: offers, terms and upgrades wake agents outside their clocks.
    const scenario = baselineWith(POLICY_TYPES.map((type) => ({ type, position: 0.5, startNow: true })));
    let firstDifference: { tick: number; agents: number } | undefined;
    const { scheduled, everyone } = withBruteForce(scenario, { replication: 0, seed: 9, scale: 100, years: 3 }, (one, other) => {
      if (firstDifference) return;
      const agents = differing(one, other);
      if (agents.length) firstDifference = { tick: one.tick - 1, agents: agents.length };
    });
    // One agent's clock rounding can start a difference; feedback (job chances, agglomeration, budgets) then spreads it.
    // Anything the schedule missed, such as an offer that did not wake its holder, would part many agents at once.
    if (firstDifference) expect(firstDifference.agents, `first difference at tick ${firstDifference.tick}`).toBeLessThanOrEqual(3);
    const agreeUntil = firstDifference?.tick ?? scheduled.ticks;
    const rows = agreeUntil * scheduled.locations * scheduled.tiers * TICK_METRICS.length;
    expect(Buffer.from(everyone.perTick.buffer, 0, rows * 8).equals(Buffer.from(scheduled.perTick.buffer, 0, rows * 8))).toBe(true);
    if (!firstDifference) {
      expect(Buffer.from(everyone.flows.buffer).equals(Buffer.from(scheduled.flows.buffer))).toBe(true);
      scheduled.policies.forEach((p, k) => expect(Array.from(everyone.policies[k].values), p.name).toEqual(Array.from(p.values)));
    }
  });
});
