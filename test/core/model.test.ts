// The model's core behaviour: logit choice shares, conservation of people, determinism and stream independence, and
// the operations on agents kept for the policy host.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Model, runReplication, entriesPerTickOfYear } from '../../src/core/model.js';
import { defineTerm } from '../../src/core/terms.js';
import { Registry } from '../../src/scenario/registry.js';
import { flowIndex, perTickIndex, TickMetric, TICK_METRICS, type RunResult } from '../../src/core/results.js';
import { baselineInput, proportionTolerance, resolveInput } from '../support.js';

/** A term whose value for each destination is fixed by the scenario: lets a test set utilities directly. */
const fixedUtility = defineTerm({
  name: 'fixed',
  description: 'Test term: a fixed value per destination index.',
  params: z.strictObject({ values: z.array(z.number()) }),
  value: ({ to }, { values }) => values[to],
});

describe('multinomial logit choice', () => {
  const utilities = [0.4, 1.1, -0.3, 0.0];
  const agents = 100_000;
  const input = baselineInput();
  input.populations = [{ ...input.populations[0], count: agents }];
  input.entries = [];
  for (const tier of Object.keys(input.hazard.perYear)) input.hazard.perYear[tier] = 1;
  input.hazard.age = [{ upTo: 100, factor: 1 }];
  input.hazard.tenure = [{ upTo: 100, factor: 1 }];
  input.taste.sd = 0;
  input.jobMatching.floor = 1;
  input.agglomeration.enabled = false;
  input.lifecycle.upgrades = [];
  input.lifecycle.family = [];
  input.utility = { fixed: { coefficient: 1, values: utilities } };
  input.firstJob = { coefficients: {}, retryMonths: 3 }; // the baseline's names terms not used here; no one enters
  const scenario = resolveInput(input, new Registry().register(fixedUtility));

  it('with the hazard at 1 and fixed utilities, one tick of choices matches the softmax', () => {
    const model = new Model(scenario, { replication: 0, seed: 7, scale: 1, years: 1 });
    model.step();
    const result = model.finish();
    const home = scenario.homeIndex;
    expect(result.initialStock.reduce((a, b) => a + b, 0)).toBe(agents);
    const denominator = utilities.reduce((sum, u) => sum + Math.exp(u), 0);
    for (let to = 0; to < utilities.length; to++) {
      let chosen = 0;
      for (let tier = 0; tier < result.tiers; tier++)
        chosen += to === home ? result.perTick[perTickIndex(result, 0, home, tier, TickMetric.stock)] : result.flows[flowIndex(result, 0, home, to, tier)];
      const expected = Math.exp(utilities[to]) / denominator;
      expect(Math.abs(chosen / agents - expected)).toBeLessThan(proportionTolerance(expected, agents));
    }
  });

  it('a utility gap of zero splits choices evenly, and a large gap sends almost everyone', () => {
    const even = resolveInput({ ...input, utility: { fixed: { coefficient: 1, values: [0, 0, 0, 0] } } }, new Registry().register(fixedUtility));
    const model = new Model(even, { replication: 0, seed: 3, scale: 1, years: 1 });
    model.step();
    const r = model.finish();
    const stayed = TIERS(r).reduce((n, t) => n + r.perTick[perTickIndex(r, 0, even.homeIndex, t, TickMetric.stock)], 0);
    expect(Math.abs(stayed / agents - 0.25)).toBeLessThan(proportionTolerance(0.25, agents));
  });
});

const TIERS = (r: RunResult) => Array.from({ length: r.tiers }, (_, t) => t);

describe('conservation of people', () => {
  const input = baselineInput();
  const scenario = resolveInput(input);
  const result = runReplication(scenario, { replication: 0, seed: 11, scale: 200, years: 3 });
  const stockAt = (tick: number, l: number, t: number) =>
    tick < 0 ? result.initialStock[l * result.tiers + t] : result.perTick[perTickIndex(result, tick, l, t, TickMetric.stock)];
  const get = (tick: number, l: number, t: number, m: number) => result.perTick[perTickIndex(result, tick, l, t, m)];

  it('every tick, per location and tier: stock(t) = stock(t−1) + entries + inflow − outflow − exits + upgrades in − upgrades out', () => {
    let checked = 0;
    for (let tick = 0; tick < result.ticks; tick++)
      for (let l = 0; l < result.locations; l++)
        for (let t = 0; t < result.tiers; t++) {
          const expected =
            stockAt(tick - 1, l, t) +
            get(tick, l, t, TickMetric.entries) +
            get(tick, l, t, TickMetric.inflow) -
            get(tick, l, t, TickMetric.outflow) -
            get(tick, l, t, TickMetric.exits) +
            get(tick, l, t, TickMetric.tierIn) -
            get(tick, l, t, TickMetric.tierOut);
          expect(stockAt(tick, l, t)).toBe(expected);
          checked++;
        }
    expect(checked).toBe(result.ticks * result.locations * result.tiers);
  });

  it('every tick, per location (all tiers): stock(t) = stock(t−1) + entries + inflow − outflow − exits', () => {
    for (let tick = 0; tick < result.ticks; tick++)
      for (let l = 0; l < result.locations; l++) {
        let before = 0,
          after = 0,
          change = 0;
        for (let t = 0; t < result.tiers; t++) {
          before += stockAt(tick - 1, l, t);
          after += stockAt(tick, l, t);
          change +=
            get(tick, l, t, TickMetric.entries) + get(tick, l, t, TickMetric.inflow) - get(tick, l, t, TickMetric.outflow) - get(tick, l, t, TickMetric.exits);
        }
        expect(after).toBe(before + change);
      }
  });

  it('moves out of one place are moves into another, and the yearly flow matrix adds up to them', () => {
    for (let year = 0; year < result.years; year++) {
      let inflow = 0,
        outflow = 0,
        flows = 0;
      for (let tick = year * 12; tick < year * 12 + 12; tick++)
        for (let l = 0; l < result.locations; l++)
          for (let t = 0; t < result.tiers; t++) {
            inflow += get(tick, l, t, TickMetric.inflow);
            outflow += get(tick, l, t, TickMetric.outflow);
          }
      for (let from = 0; from < result.locations; from++)
        for (let to = 0; to < result.locations; to++) for (let t = 0; t < result.tiers; t++) flows += result.flows[flowIndex(result, year, from, to, t)];
      expect(inflow).toBe(outflow);
      expect(flows).toBe(inflow);
      expect(inflow).toBeGreaterThan(0);
    }
  });

  it('people move, enter, retire and upgrade in a baseline run (the identities above are not vacuous)', () => {
    const totals = new Array(TICK_METRICS.length).fill(0);
    for (let i = 0; i < result.perTick.length; i++) totals[i % TICK_METRICS.length] += result.perTick[i];
    for (const metric of ['entries', 'exits', 'inflow', 'tierIn'] as const) expect(totals[TickMetric[metric]]).toBeGreaterThan(0);
  });
});

describe('determinism and random streams', () => {
  const scenario = resolveInput(baselineInput());
  const run = (seed: number, replication = 0) => runReplication(scenario, { replication, seed, scale: 500, years: 2 });

  it('the same seed and replication give identical results', () => {
    const a = run(5),
      b = run(5);
    expect(Buffer.from(a.perTick.buffer).equals(Buffer.from(b.perTick.buffer))).toBe(true);
    expect(Buffer.from(a.flows.buffer).equals(Buffer.from(b.flows.buffer))).toBe(true);
  });

  it('another seed, or another replication, gives different results', () => {
    const a = run(5);
    expect(Buffer.from(a.perTick.buffer).equals(Buffer.from(run(6).perTick.buffer))).toBe(false);
    expect(Buffer.from(a.perTick.buffer).equals(Buffer.from(run(5, 1).perTick.buffer))).toBe(false);
  });

  it('changing only the decisions leaves the initial population untouched (streams are independent)', () => {
    const input = baselineInput();
    input.utility.income.coefficient = 0.1;
    const changed = runReplication(resolveInput(input), { replication: 0, seed: 5, scale: 500, years: 2 });
    const a = run(5);
    expect([...changed.initialStock]).toEqual([...a.initialStock]);
    // Entries come from their own stream, so the same people enter whatever they later decide.
    const entries = (r: RunResult) => r.perTick.filter((_, i) => i % TICK_METRICS.length === TickMetric.entries).join(',');
    expect(entries(changed)).toBe(entries(a));
    expect(Buffer.from(changed.flows.buffer).equals(Buffer.from(a.flows.buffer))).toBe(false);
  });
});

describe('entries spread over the year', () => {
  it('monthly ticks put a July cohort all in tick 6', () => {
    expect([...entriesPerTickOfYear(1200, [7], 12)]).toEqual([0, 0, 0, 0, 0, 0, 1200, 0, 0, 0, 0, 0]);
  });
  it('yearly ticks put the whole year in one tick; quarterly ticks split evenly spread months by quarter', () => {
    expect([...entriesPerTickOfYear(100, [7], 1)]).toEqual([100]);
    expect([...entriesPerTickOfYear(1200, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 4)]).toEqual([300, 300, 300, 300]);
  });
  it('weekly ticks conserve the yearly total', () => {
    const weekly = entriesPerTickOfYear(5200, [7, 8], 52);
    expect(weekly.reduce((a, b) => a + b, 0)).toBeCloseTo(5200, 9);
    expect(weekly[0]).toBe(0);
  });
});

describe('what policies may do to agents, reached only through the policy host', () => {
  const operations = ['retier', 'reindustry', 'wake', 'setEmployer', 'setIndustry', 'setTier', 'move', 'exit', 'sync', 'decide', 'enter'];

  it('the model has none of the operations on agents that its policies are given', () => {
    const model = new Model(resolveInput(baselineInput()), { replication: 0, scale: 2000, years: 1 });
    for (const name of operations) expect(name in model, name).toBe(false);
  });

  it('the core entry point exports none of the parts that do them', async () => {
    const core: Record<string, unknown> = await import('../../src/core/index.js');
    for (const name of ['Sweep', 'AgentChanges', 'Decisions', 'Entry', 'UtilityTables', 'policyAccess']) expect(core, name).not.toHaveProperty(name);
  });
});
