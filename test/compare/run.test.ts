// Running a comparison: all scenarios' replications on one pool give the same results as each scenario on its own, on any thread count.
// Needs `npm run build` (workers run dist/).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareComparison, runPrepared } from '../../src/compare/run.js';
import { runScenario } from '../../src/runner/run.js';
import { resultBytes } from '../runner/support.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-compare-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('runPrepared', () => {
  const prepare = (threads: number) =>
    prepareComparison(['flexible.yaml', 'enclave.yaml'], { runs: 2, years: 1, scale: 500, threads, cwd: scratch, out: join(scratch, 'cmp') });

  it('gives byte-identical results on one thread and on two, and those of each scenario run alone', async () => {
    const progress: { done: number; total: number; scenario: string }[] = [];
    const one = await runPrepared(await prepare(1));
    const two = await runPrepared(await prepare(2), (done, total, scenario) => progress.push({ done, total, scenario }));
    expect(two.runs.map((r) => r.loaded.resolved.name)).toEqual(['baseline', 'flexible', 'enclave']);
    for (const [k, { loaded, outcome }] of two.runs.entries()) {
      // One pool for the whole comparison: every scenario records its threads.
      expect(outcome.threads).toBe(2);
      expect(outcome.results.map((r) => r.replication)).toEqual([0, 1]);
      const alone = await runScenario(loaded, { runs: 2, years: 1, scale: 500, seed: outcome.settings.seed, threads: 1 });
      outcome.results.forEach((result, run) => {
        expect(resultBytes(result).equals(resultBytes(one.runs[k].outcome.results[run])), `${loaded.resolved.name} run ${run}`).toBe(true);
        expect(resultBytes(result).equals(resultBytes(alone.results[run])), `${loaded.resolved.name} run ${run} alone`).toBe(true);
      });
    }

    // Progress counts model runs over all scenarios (3 scenarios × 2 runs), in fractions of a run as its ticks go by
    // (a run is the burn-in's and the reported year's ticks); it rises to the total; the scenario named moves on in order.
    const total = 3 * 2;
    const ticksPerRun = (two.runs[0].loaded.resolved.run.burnInYears + 1) * 12;
    expect(ticksPerRun).toBe(4 * 12);
    for (let i = 1; i < progress.length; i++) expect(progress[i].done).toBeGreaterThan(progress[i - 1].done);
    expect(progress.every((p) => p.total === total && Number.isInteger(p.done * ticksPerRun))).toBe(true);
    expect(progress[progress.length - 1]).toMatchObject({ done: total, total });
    const order = ['baseline', 'flexible', 'enclave'];
    const named = progress.map((p) => order.indexOf(p.scenario));
    expect(named.every((k, i) => k >= 0 && (i === 0 || k >= named[i - 1]))).toBe(true);
  });
});
