// The runner: replication order, identical outputs for any thread count, progress and option checks. Needs `npm run build` (workers run dist/).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Registry } from '../../src/scenario/registry.js';
import { writeOutputs } from '../../src/output/write.js';
import { runScenario, runSettings, type RunOutcome } from '../../src/runner/run.js';
import { UsageError } from '../../src/core/errors.js';
import { LIMITS } from '../../src/core/limits.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { tinyLoaded } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-runner-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const loaded = tinyLoaded();
const CSV_FILES = ['timeseries.csv', 'flows.csv', 'summary.csv', 'summary-runs.csv', 'cohorts.csv'];

describe('runScenario', () => {
  const outcomes: Record<string, RunOutcome> = {};
  const progress: Record<string, [number, number][]> = {};
  const run = async (threads: number) => {
    const calls: [number, number][] = [];
    outcomes[threads] = await runScenario(loaded, { runs: 3, years: 2, threads, onProgress: (done, total) => calls.push([done, total]) });
    progress[threads] = calls;
    return outcomes[threads];
  };

  it('runs in-process with one thread, results in replication order', async () => {
    const outcome = await run(1);
    expect(outcome.threads).toBe(1);
    expect(outcome.results.map((r) => r.replication)).toEqual([0, 1, 2]);
    expect(outcome.settings).toEqual({ runs: 3, seed: 7, years: 2, scale: 10, startYear: 2024, ticksPerYear: 12 });
    expect(outcome.totalTicks).toBe(3 * 24);
    expect(outcome.results[0].ticks).toBe(24);
  });

  it('gives byte-identical CSV files on two worker threads', async () => {
    const outcome = await run(2);
    expect(outcome.threads).toBe(2);
    expect(outcome.results.map((r) => r.replication)).toEqual([0, 1, 2]);
    const one = writeOutputs(loaded, outcomes[1], { out: join(scratch, 'one') });
    const two = writeOutputs(loaded, outcome, { out: join(scratch, 'two') });
    for (const file of CSV_FILES) expect(readFileSync(join(two.dir, file)).equals(readFileSync(join(one.dir, file))), file).toBe(true);
    // Replications differ from each other (each has its own streams), so the comparison above is not vacuous.
    expect(outcome.results[0].perTick).not.toEqual(outcome.results[1].perTick);
  });

  it('reports progress that only rises and ends at the total', () => {
    for (const threads of ['1', '2']) {
      const calls = progress[threads];
      expect(calls.length).toBeGreaterThan(0);
      for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThan(calls[i - 1][0]);
      expect(calls[calls.length - 1]).toEqual([72, 72]);
    }
  });

  it('never starts more threads than runs', async () => {
    const outcome = await runScenario(loaded, { runs: 1, years: 1, threads: 4 });
    expect(outcome.threads).toBe(1);
  });

  it('rejects out-of-range options with a UsageError', async () => {
    await expect(runScenario(loaded, { runs: 0 })).rejects.toThrow(UsageError);
    await expect(runScenario(loaded, { runs: 0 })).rejects.toThrow(/runs must be a whole number from 1 to 10000, not 0/);
    await expect(runScenario(loaded, { threads: Number('abc') })).rejects.toThrow(/threads must be a whole number/);
    await expect(runScenario(loaded, { years: 2.5 })).rejects.toThrow(UsageError);
    expect(() => runSettings(loaded.resolved, { seed: -1, scale: 0.5 })).toThrow(/seed must be .*; scale must be .*\n    fix: give seed .*; give scale /);
  });

  it('refuses, before running, more runs than the kept results fit in memory (LIMITS.keptResultBytes)', async () => {
    const years = 100;
    const most = Math.floor(LIMITS.keptResultBytes / (LIMITS.runResultBytesPerYear * years));
    const progress: number[] = [];
    const refused = runScenario(loaded, { runs: most + 1, years, onProgress: (done) => progress.push(done) });
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(`${(most + 1).toLocaleString('en-US')} runs of ${years} years would hold more results than fit in memory`);
    await expect(refused).rejects.toThrow(`use --runs ${most} or fewer`);
    // Refused before any model ran: not a tick was reported.
    expect(progress).toEqual([]);
  });

  it('keeps scenarios with custom utility terms in-process', async () => {
    const terms = new Registry().register({ name: 'income', description: 'a replacement', value: () => 0 });
    const custom = { scenario: loaded.scenario, resolved: resolveScenario(loaded.scenario, terms) };
    await expect(runScenario(custom, { runs: 2, years: 1, threads: 2 })).rejects.toThrow(
      /utility term income, registered in code, cannot be sent to worker threads/,
    );
    const outcome = await runScenario(custom, { runs: 2, years: 1 });
    expect(outcome.threads).toBe(1);
  });
});
