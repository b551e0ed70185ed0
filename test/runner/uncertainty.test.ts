// Parameter uncertainty in a run: each replication runs the particle it draws; `none` is the run of old. Threads need `npm run build`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { findFactor, withValues } from '../../src/scenario/paths.js';
import { parsePosterior } from '../../src/scenario/posterior.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { runScenario } from '../../src/runner/run.js';
import { chooseUncertainty, drawnReplicationTasks, fewRunsWarning, ParticleScenarios, replicationDraws } from '../../src/runner/uncertainty.js';
import { tinyLoaded, tinyScenario } from '../fixtures.js';
import { resultBytes } from './support.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/posterior.csv', import.meta.url));
const posterior = parsePosterior(readFileSync(FIXTURE, 'utf8'), FIXTURE, tinyScenario());
const withPosterior = () => ({ ...tinyLoaded(), posterior });
const small = { runs: 6, years: 1, scale: 40, seed: 3 } as const;

describe('choosing the mode', () => {
  it('defaults to posterior when there is one, none otherwise; posterior without one is a usage error', () => {
    expect(chooseUncertainty(posterior, undefined, 'tiny')).toBe('posterior');
    expect(chooseUncertainty(undefined, undefined, 'tiny')).toBe('none');
    expect(chooseUncertainty(posterior, 'none', 'tiny')).toBe('none');
    expect(() => chooseUncertainty(undefined, 'posterior', 'tiny')).toThrow(UsageError);
    expect(() => chooseUncertainty(undefined, 'posterior', 'tiny')).toThrow(/--uncertainty posterior: the scenario tiny names no posterior/);
    expect(() => chooseUncertainty(posterior, 'maybe', 'tiny')).toThrow(/--uncertainty must be posterior or none, not "maybe"/);
  });

  it('warns below 20 runs, saying how many a 5–95 % band needs', () => {
    expect(fewRunsWarning(19)).toMatch(/rest on 19 runs: a 5th or 95th percentile needs at least 20 runs.*--runs 20/);
    expect(fewRunsWarning(20)).toBeUndefined();
  });
});

describe('runs with a posterior', () => {
  it('--uncertainty none gives exactly the run without a posterior', async () => {
    const plain = await runScenario(tinyLoaded(), { ...small, threads: 1 });
    const none = await runScenario(withPosterior(), { ...small, threads: 1, uncertainty: 'none' });
    expect(none.uncertainty).toEqual({ mode: 'none' });
    expect(plain.uncertainty).toEqual({ mode: 'none' });
    none.results.forEach((r, k) => expect(resultBytes(r).equals(resultBytes(plain.results[k]))).toBe(true));
  });

  it('runs replication r with the values of the particle it draws, and records the draws', async () => {
    const outcome = await runScenario(withPosterior(), { ...small, threads: 1 });
    const draws = replicationDraws(posterior, small.seed, small.runs);
    expect(outcome.uncertainty).toEqual({
      mode: 'posterior',
      posterior: FIXTURE,
      parameters: ['locations.bazhong.wageGrowth', 'utility.hometown.coefficient'],
      particles: 3,
      draws,
    });
    expect(draws.map((d) => d.values)).toEqual(draws.map((d) => posterior.values[d.row]));
    // At least two particles among six runs (all one particle has probability 0.2⁶ + 0.3⁶ + 0.5⁶ < 2 %; the seed is fixed).
    expect(new Set(draws.map((d) => d.row)).size).toBeGreaterThan(1);
    const scenario = tinyScenario();
    const factors = posterior.parameters.map((p) => findFactor(scenario, p));
    for (const draw of draws) {
      const variant = resolveScenario(withValues(scenario, factors, draw.values).scenario);
      expect(variant.locations[0].wageGrowth).toBe(draw.values[0]);
      const alone = await runScenario({ scenario, resolved: variant }, { ...small, threads: 1 });
      expect(resultBytes(outcome.results[draw.replication]).equals(resultBytes(alone.results[draw.replication])), `run ${draw.replication}`).toBe(true);
    }
  });

  it('resolves each particle once (replications that draw one particle share its scenario)', () => {
    const particles = new ParticleScenarios(tinyLoaded(), posterior);
    const draws = replicationDraws(posterior, small.seed, small.runs);
    const tasks = drawnReplicationTasks(particles, draws, small);
    const scenarios = new Set(tasks.map((t) => t.scenario));
    expect(scenarios.size).toBe(new Set(draws.map((d) => d.row)).size);
    tasks.forEach((t, r) => expect(t.options).toEqual({ replication: r, seed: small.seed, years: small.years, scale: small.scale }));
    // A fixed value (a sweep's) overrides the drawn one.
    const fixed = particles.get(0, { factors: [findFactor(tinyScenario(), 'locations.bazhong.wageGrowth')], values: [0.04], key: 'p' });
    expect(fixed.locations[0].wageGrowth).toBe(0.04);
    expect(fixed.utility.find((t) => t.name === 'hometown')!.coefficient).toBe(0.6);
  });

  it('gives byte-identical results and draws on one thread and on three', async () => {
    const one = await runScenario(withPosterior(), { ...small, threads: 1 });
    const three = await runScenario(withPosterior(), { ...small, threads: 3 });
    expect(three.threads).toBe(3);
    expect(three.uncertainty).toEqual(one.uncertainty);
    three.results.forEach((r, k) => expect(resultBytes(r).equals(resultBytes(one.results[k]))).toBe(true));
  });
});
