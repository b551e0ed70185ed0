// Analytic check (issue 10): with the life cycle and policies off, each agent's location follows a Markov chain whose
// one-tick matrix P is known in closed form; the model's long-run location shares must match its stationary
// distribution π, solved with mathjs, within sampling error. docs/model-odd.md §7.6a.
//
// The chain. Each tick an agent reconsiders with probability q = 1 − e^(−h) = 1 − (1 − p)^(1/ticksPerYear) (hazards.ts:
// perTickHazard; the Exp(1) decision clock is memoryless, so the lazy clocks of sweep.ts give exactly this Bernoulli
// each tick), and then picks destination d with the logit probability S[o][d] = exp U[o][d] / Σ_k exp U[o][k] (Gumbel
// shocks, no persistent taste); a job is always found there, so
//   P[o][d] = q · S[o][d] + (1 − q) · [o = d].
// What would break the Markov property, and how this scenario switches it off:
// - age and tenure factors of the hazard (the hazard would depend on time since the last move or on age): one band
//   each, factor 1;
// - persistent taste (a per-agent offset to every utility: a mixture of chains, not one chain): taste.sd 0;
// - a failed job draw (the agent stays and the chance depends on stocks, which change): jobMatching.floor 1, so the
//   job chance is 1 everywhere and `u < 1` always holds;
// - utilities that move with the state of the world (wages growing, agglomeration, job chances as a term): the only
//   utility term is a fixed table U[o][d]; agglomeration off;
// - tier upgrades and family changes (the utility table is per tier and family stage; a new tier can change the hazard):
//   none;
// - entries and the first-job machinery (searching graduates follow a different rule): no entries;
// - retirement (an agent leaves the chain): ages 25–30 at the start, retirement at 80, 20 years run;
// - the burn-in and policies: burnInYears 0, no policies.
// U is made origin-dependent (a staying bonus and asymmetric moving costs), so P is neither trivial nor reversible.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { abs, eigs, identity, lusolve, multiply, subtract, transpose, type MathNumericType, type Matrix } from 'mathjs';
import { Model, runReplication } from '../../src/core/model.js';
import { defineTerm } from '../../src/core/terms.js';
import { Registry } from '../../src/scenario/registry.js';
import { flowIndex, perTickIndex, TickMetric, type RunResult } from '../../src/core/results.js';
import { baselineInput, proportionTolerance, resolveInput } from '../support.js';

/** A term whose value is fixed by the scenario for each origin and destination index: U[from][to]. */
const originDestination = defineTerm({
  name: 'originDestination',
  description: 'Test term: a fixed value per origin and destination index.',
  params: z.strictObject({ values: z.array(z.array(z.number())) }),
  value: ({ from, to }, { values }) => values[from][to],
});

// Locations of the baseline, in order: bazhong (home), chengdu, chongqing, elsewhere.
const L = 4;
/** Pull of each destination, the bonus for staying, and moving costs that differ by direction (not symmetric). */
const attraction = [0, 0.9, 0.6, 0.3];
const stayBonus = 0.5;
const movingCost = [
  [0, 0.6, 0.8, 1.4],
  [0.9, 0, 0.5, 1.0],
  [1.2, 0.7, 0, 1.3],
  [1.8, 1.1, 1.2, 0],
];
const U = movingCost.map((row, o) => row.map((cost, d) => attraction[d] + (o === d ? stayBonus : 0) - cost));
/** Yearly probability of reconsidering, every tier. */
const perYear = 0.9;
const years = 20;

/** The scenario: the baseline with everything that is not the chain switched off (see the header). */
function chainScenario(populations: { location: string; count: number }[]) {
  const input = baselineInput();
  const template = input.populations[0];
  input.populations = populations.map(({ location, count }, k) => ({ ...template, name: `chain ${k}`, location, count, age: { min: 25, max: 30 } }));
  input.entries = [];
  input.policies = [];
  for (const tier of Object.keys(input.hazard.perYear)) input.hazard.perYear[tier] = perYear;
  input.hazard.age = [{ upTo: 100, factor: 1 }];
  input.hazard.tenure = [{ upTo: 100, factor: 1 }];
  input.taste.sd = 0;
  input.jobMatching.floor = 1;
  input.agglomeration.enabled = false;
  input.lifecycle.upgrades = [];
  input.lifecycle.family = [];
  input.lifecycle.retirementAge = 80;
  input.utility = { originDestination: { coefficient: 1, values: U } };
  input.firstJob = { coefficients: {}, retryMonths: 3 }; // the baseline's names terms not used here; no one enters
  input.run.burnInYears = 0;
  return resolveInput(input, new Registry().register(originDestination));
}

const locationIds = ['bazhong', 'chengdu', 'chongqing', 'elsewhere'];
const ticksPerYear = chainScenario([{ location: 'bazhong', count: 1 }]).run.ticksPerYear;
/** Per-tick probability of reconsidering. */
const q = 1 - Math.pow(1 - perYear, 1 / ticksPerYear);
/** The one-tick transition matrix P[o][d]. */
const P = U.map((row, o) => {
  const denominator = row.reduce((sum, u) => sum + Math.exp(u), 0);
  return row.map((u, d) => (q * Math.exp(u)) / denominator + (o === d ? 1 - q : 0));
});
/** π with πP = π, Σπ = 1: (Pᵀ − I)π = 0 with its last row replaced by the normalisation. */
const A = (subtract(transpose(P), identity(L)) as Matrix).toArray() as number[][];
A[L - 1] = Array<number>(L).fill(1);
const pi = (lusolve(A, [...Array<number>(L - 1).fill(0), 1]) as number[][]).map((row) => row[0]);
/** |λ₂|: the modulus of P's second-largest eigenvalue, the rate at which the chain forgets its start. */
const moduli = (eigs(P, { eigenvectors: false }).values as unknown as MathNumericType[]).map((v) => abs(v) as number).sort((x, y) => y - x);

/** Agents by location (all tiers) at the end of a tick; tick −1: the initial stock. */
function stock(r: RunResult, tick: number, l: number): number {
  let n = 0;
  for (let t = 0; t < r.tiers; t++) n += tick < 0 ? r.initialStock[l * r.tiers + t] : r.perTick[perTickIndex(r, tick, l, t, TickMetric.stock)];
  return n;
}
/** Moves o → d (all tiers) during a year. */
function moves(r: RunResult, year: number, o: number, d: number): number {
  let n = 0;
  for (let t = 0; t < r.tiers; t++) n += r.flows[flowIndex(r, year, o, d, t)];
  return n;
}

describe('the agent model as a Markov chain: the stationary distribution (issue 10)', () => {
  it('mathjs: π solves πP = π and sums to 1; P is a stochastic matrix with |λ₂| < 1', () => {
    expect(locationIds.map((id) => chainScenario([{ location: 'bazhong', count: 1 }]).locations.findIndex((l) => l.id === id))).toEqual([0, 1, 2, 3]);
    for (const row of P) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    const piP = multiply(pi, P) as number[];
    for (let l = 0; l < L; l++) expect(piP[l]).toBeCloseTo(pi[l], 14);
    expect(pi.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    for (const p of pi) expect(p).toBeGreaterThan(0.05);
    expect(moduli[0]).toBeCloseTo(1, 12);
    expect(moduli[1]).toBeLessThan(0.93);
    // Not reversible (moving costs differ by direction): detailed balance fails, so π is not a closed-form product.
    expect(Math.abs(pi[0] * P[0][1] - pi[1] * P[1][0])).toBeGreaterThan(1e-4);
  });

  it('one tick: the transition frequencies from each origin match the rows of P', () => {
    const perOrigin = 50_000;
    const scenario = chainScenario(locationIds.map((location) => ({ location, count: perOrigin })));
    const model = new Model(scenario, { replication: 0, seed: 101, scale: 1, years: 1 });
    model.step();
    const r = model.finish();
    for (let o = 0; o < L; o++) {
      expect(stock(r, -1, o)).toBe(perOrigin);
      let left = 0;
      for (let d = 0; d < L; d++) {
        if (d === o) continue;
        const n = moves(r, 0, o, d);
        left += n;
        expect(Math.abs(n / perOrigin - P[o][d]), `${locationIds[o]} → ${locationIds[d]}`).toBeLessThan(proportionTolerance(P[o][d], perOrigin));
      }
      expect(Math.abs(1 - left / perOrigin - P[o][o]), `${locationIds[o]} stays`).toBeLessThan(proportionTolerance(P[o][o], perOrigin));
    }
  });

  describe('from everyone in Bazhong, over 20 years', () => {
    const agents = 40_000;
    const scenario = chainScenario([{ location: 'bazhong', count: agents }]);
    const r = runReplication(scenario, { replication: 0, seed: 2024, scale: 1, years });
    /** μ_t = μ₀Pᵗ⁺¹: the exact distribution at the end of tick t, from everyone at Bazhong (row t + 1; row 0 is μ₀). */
    const path: number[][] = [[1, 0, 0, 0]];
    for (let tick = 0; tick < r.ticks; tick++) path.push(multiply(path[tick], P) as number[]);

    it('no one enters, leaves or retires: the chain keeps its agents', () => {
      expect(r.ticks).toBe(years * ticksPerYear);
      for (const tick of [-1, r.ticks - 1]) expect(locationIds.reduce((n, _, l) => n + stock(r, tick, l), 0)).toBe(agents);
    });

    it('the location shares follow μ₀Pᵗ at the end of every year (each count is binomial: agents are independent)', () => {
      for (let year = 0; year < years; year++) {
        const tick = (year + 1) * ticksPerYear - 1;
        for (let l = 0; l < L; l++) {
          const expected = path[tick + 1][l];
          expect(Math.abs(stock(r, tick, l) / agents - expected), `year ${year}, ${locationIds[l]}`).toBeLessThan(proportionTolerance(expected, agents));
        }
      }
    });

    it('the shares at the end match π: z = 4 multinomial error plus the distance μ_T is still from π', () => {
      const last = r.ticks - 1;
      // The remaining distance to stationarity, computed exactly, and the |λ₂|^T rate that makes it small: both are
      // negligible against the sampling error (under 1 % of it), so the limit is π.
      const remaining = Math.max(...pi.map((p, l) => Math.abs(path[r.ticks][l] - p)));
      expect(remaining).toBeLessThan(1e-6);
      expect(Math.pow(moduli[1], r.ticks)).toBeLessThan(1e-6);
      for (let l = 0; l < L; l++) {
        const tolerance = proportionTolerance(pi[l], agents) + remaining;
        expect(remaining).toBeLessThan(0.01 * proportionTolerance(pi[l], agents));
        expect(Math.abs(stock(r, last, l) / agents - pi[l]), locationIds[l]).toBeLessThan(tolerance);
      }
      // The start was far from π: the home city held everyone, π gives it under a tenth.
      expect(pi[0]).toBeLessThan(0.1);
    });

    it('pooled over all ticks: moves o → d per agent-tick at o match P[o][d] (variance Σ stock · P(1 − P))', () => {
      for (let o = 0; o < L; o++) {
        let atRisk = 0;
        for (let tick = 0; tick < r.ticks; tick++) atRisk += stock(r, tick - 1, o);
        for (let d = 0; d < L; d++) {
          if (d === o) continue;
          let observed = 0;
          for (let year = 0; year < years; year++) observed += moves(r, year, o, d);
          const expected = atRisk * P[o][d];
          expect(Math.abs(observed - expected), `${locationIds[o]} → ${locationIds[d]}`).toBeLessThan(4 * Math.sqrt(atRisk * P[o][d] * (1 - P[o][d])));
        }
      }
    });
  });
});
