// Properties of the model under random policy mixes, seeds and small scales: people are conserved, and the stocks are a recount of the agents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Model } from '../../src/core/model.js';
import { perTickIndex, TickMetric, type RunResult } from '../../src/core/results.js';
import { baselineWith, policyMix, smallRun } from './policy-mix.js';

/** Any mix of the 13 modules (none included), in any replication of any seed, over 1–3 years at 200–400 persons an agent. */
const cases = fc.record({ mix: policyMix(0), run: smallRun, replication: fc.integer({ min: 0, max: 9 }) });
const settings = { seed: 20240701, numRuns: 20 };

const at = (r: RunResult, tick: number, l: number, t: number, metric: number) => r.perTick[perTickIndex(r, tick, l, t, metric)];
const stockBefore = (r: RunResult, tick: number, l: number, t: number) =>
  tick === 0 ? r.initialStock[l * r.tiers + t] : at(r, tick - 1, l, t, TickMetric.stock);

describe('people are conserved under any policy mix', () => {
  it('per location and tier, every tick: stock(t) = stock(t−1) + entries + inflow − outflow − exits + tierIn − tierOut, with or without a burn-in', () => {
    fc.assert(
      fc.property(cases, fc.integer({ min: 0, max: 1 }), ({ mix, run, replication }, burnInYears) => {
        // After a burn-in, the stock before the first reported tick is the initial stock the model recorded at its end.
        const r = new Model(baselineWith(mix, { burnInYears }), { replication, ...run }).run();
        let moved = 0;
        for (let tick = 0; tick < r.ticks; tick++)
          for (let l = 0; l < r.locations; l++)
            for (let t = 0; t < r.tiers; t++) {
              const change =
                at(r, tick, l, t, TickMetric.entries) +
                at(r, tick, l, t, TickMetric.inflow) -
                at(r, tick, l, t, TickMetric.outflow) -
                at(r, tick, l, t, TickMetric.exits) +
                at(r, tick, l, t, TickMetric.tierIn) -
                at(r, tick, l, t, TickMetric.tierOut);
              expect(at(r, tick, l, t, TickMetric.stock), `tick ${tick}, location ${l}, tier ${t}`).toBe(stockBefore(r, tick, l, t) + change);
              moved += at(r, tick, l, t, TickMetric.inflow);
            }
        // Not vacuous: people moved.
        expect(moved).toBeGreaterThan(0);
      }),
      settings,
    );
  });

  it('every tick, the stock, the residents working where they live and each policy’s participants equal a recount of the agents', () => {
    fc.assert(
      fc.property(cases, ({ mix, run, replication }) => {
        const model = new Model(baselineWith(mix), { replication, ...run });
        const r = model.finish(); // the result the model fills in as it runs
        const { locations: L, tiers: T } = r;
        const home = model.scenario.homeIndex;
        while (model.tick < model.ticks) {
          model.step();
          const tick = model.tick - 1;
          const a = model.agents;
          const residents = new Float64Array(L * T);
          const workingWhereTheyLive = new Float64Array(L * T);
          const participants = model.policies.map(() => new Float64Array(T));
          for (let i = 0; i < a.count; i++) {
            residents[a.residence[i] * T + a.tier[i]]++;
            if (a.employer[i] === a.residence[i]) workingWhereTheyLive[a.residence[i] * T + a.tier[i]]++;
            if (a.policy[i] !== 0) participants[a.policy[i] - 1][a.tier[i]]++;
          }
          for (let l = 0; l < L; l++)
            for (let t = 0; t < T; t++) {
              const where = `tick ${tick}, location ${l}, tier ${t}`;
              expect(at(r, tick, l, t, TickMetric.stock), where).toBe(residents[l * T + t]);
              // Effective talent: those who live and work here, plus (home city only) the FTE working for it from elsewhere.
              const fromElsewhere =
                l === home ? at(r, tick, l, t, TickMetric.flexibleFte) + at(r, tick, l, t, TickMetric.enclaveFte) + at(r, tick, l, t, TickMetric.remoteFte) : 0;
              expect(at(r, tick, l, t, TickMetric.effective) - fromElsewhere, where).toBeCloseTo(workingWhereTheyLive[l * T + t], 9);
            }
          model.policies.forEach((p, k) => expect(Array.from(p.participantsByTier), `${p.spec.name}, tick ${tick}`).toEqual(Array.from(participants[k])));
        }
      }),
      settings,
    );
  });
});
