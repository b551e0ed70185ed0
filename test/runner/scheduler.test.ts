// The scheduler: identical results in task order on any thread count, progress, and a failure or an abort that stops every thread at once.
// Needs `npm run build` (workers run dist/).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { RunResult } from '../../src/core/results.js';
import { runTasks, scheduleTasks, taskTicks, type ModelTask } from '../../src/runner/scheduler.js';
import { ScenarioError } from '../../src/core/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { Scenario } from '../../src/scenario/schema.js';
import { tinyLoaded, tinyScenarioInput } from '../fixtures.js';
import { resultBytes } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-scheduler-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bytes = resultBytes;

describe('runTasks', () => {
  // Two scenarios and mixed settings, so that a task mixed up with another would show.
  const tiny = tinyLoaded().resolved;
  const slower = resolveScenario(
    Scenario.parse({ ...tinyScenarioInput(), name: 'tiny-slower', utility: { ...tinyScenarioInput().utility, income: { coefficient: 3 } } }),
  );
  const tasks: ModelTask[] = [
    { scenario: tiny, options: { replication: 0, seed: 7, years: 2, scale: 10 } },
    { scenario: slower, options: { replication: 0, seed: 7, years: 3, scale: 5 } },
    { scenario: tiny, options: { replication: 1, seed: 7, years: 1, scale: 10 } },
    { scenario: slower, options: { replication: 1, seed: 7, years: 2, scale: 5 } },
    { scenario: tiny, options: { replication: 2, seed: 8, years: 2, scale: 10 } },
  ];
  const total = tasks.reduce((sum, task) => sum + taskTicks(task), 0);
  const outcomes = new Map<number, { results: RunResult[]; progress: number[] }>();
  const run = async (threads: number) => {
    const progress: number[] = [];
    const results = await runTasks(tasks, {
      threads,
      onProgress: (done, all) => {
        expect(all).toBe(total);
        progress.push(done);
      },
    });
    outcomes.set(threads, { results, progress });
    return results;
  };

  it.each([1, 2, 3])('on %i threads gives the results of a plain run of each task, in task order', async (threads) => {
    const results = await run(threads);
    expect(results.map((r) => r.replication)).toEqual([0, 0, 1, 1, 2]);
    expect(results.map((r) => r.ticks)).toEqual(tasks.map(taskTicks));
  });

  it('gives byte-identical results on 1, 2 and 3 threads', () => {
    const one = outcomes.get(1)!.results.map(bytes);
    for (const threads of [2, 3]) outcomes.get(threads)!.results.forEach((result, k) => expect(bytes(result).equals(one[k]), `task ${k}`).toBe(true));
    // The tasks differ, so the comparison is not vacuous.
    expect(one[0].equals(one[4])).toBe(false);
  });

  it('reports progress that only rises and ends at the total', () => {
    for (const { progress } of outcomes.values()) {
      expect(progress.length).toBeGreaterThan(0);
      for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1]);
      expect(progress[progress.length - 1]).toBe(total);
    }
  });

  it('hands each result over as it arrives, with its task index', async () => {
    const seen: number[] = [];
    await scheduleTasks(
      tasks,
      (index, result) => {
        expect(bytes(result).equals(bytes(outcomes.get(1)!.results[index]))).toBe(true);
        seen.push(index);
      },
      { threads: 2 },
    );
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('stops at an error thrown by the result callback', async () => {
    await expect(
      scheduleTasks(
        tasks,
        () => {
          throw new Error('no room for it');
        },
        { threads: 2 },
      ),
    ).rejects.toThrow('no room for it');
  });

  it('runs nothing for an empty list or an aborted signal', async () => {
    expect(await runTasks([], { threads: 3 })).toEqual([]);
    const aborted = AbortSignal.abort(new Error('cancelled before the start'));
    await expect(runTasks(tasks, { threads: 2, signal: aborted })).rejects.toThrow('cancelled before the start');
  });
});

/**
 * A utility term that writes a heartbeat file per thread while its model runs, and gives NaN — a plugin bug that shows
 * up mid-run — on a worker once it has computed for 150 ms (`fail: 'worker'`), or on this thread as soon as a worker
 * is computing (`fail: 'main'`).
 */
function probePlugin(dir: string, fail: 'worker' | 'main' | 'none'): void {
  writeFileSync(
    join(dir, 'probe.mjs'),
    `import { readdirSync, writeFileSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';
const dir = ${JSON.stringify(dir)};
const fail = ${JSON.stringify(fail)};
let first;
let lastBeat = 0;
let broken = false;
export const probe = {
  name: 'probe',
  description: 'a heartbeat per thread, and NaN on the ${fail} thread',
  value: () => {
    const now = Date.now();
    first ??= now;
    if (now - lastBeat >= 5) {
      lastBeat = now;
      writeFileSync(dir + '/beat-' + threadId, String(now));
      if (fail === 'worker' && !isMainThread && now - first > 150) broken = true;
      if (fail === 'main' && isMainThread && readdirSync(dir).some((f) => f.startsWith('beat-') && f !== 'beat-' + threadId)) broken = true;
    }
    return broken ? NaN : 0;
  },
};
`,
  );
}

/** The heartbeats written so far, by thread. */
const beats = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.startsWith('beat-'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
/** Whether a worker (a thread other than this one) has written a heartbeat. */
const workerBeating = (dir: string) => Object.keys(beats(dir)).some((f) => f !== `beat-${threadId}`);

describe('a failure or an abort', () => {
  // Tasks of a few tenths of a second each, 16 of them: stopping early is plain to see.
  const load = async (name: string, fail: 'worker' | 'main' | 'none') => {
    const dir = join(scratch, name);
    mkdirSync(dir);
    probePlugin(dir, fail);
    const input = { ...tinyScenarioInput(), plugins: ['./probe.mjs'], utility: { ...tinyScenarioInput().utility, probe: { coefficient: 1 } } };
    writeFileSync(join(dir, 'probe.yaml'), JSON.stringify(input));
    const { resolved } = await loadScenario('probe.yaml', { cwd: dir });
    const tasks: ModelTask[] = Array.from({ length: 16 }, (_, replication) => ({ scenario: resolved, options: { replication, seed: 7, years: 40, scale: 1 } }));
    return { dir, tasks };
  };
  const timed = async (work: Promise<unknown>) => {
    const started = performance.now();
    const error = await work.then(
      () => undefined,
      (error: unknown) => error,
    );
    return { error, ms: performance.now() - started };
  };
  /** Waits a little and checks that no thread has written a heartbeat since the call returned: nothing runs on. */
  const expectStill = async (dir: string) => {
    const after = beats(dir);
    // This thread and at least one worker were computing: the check is not vacuous.
    expect(Object.keys(after).length).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(beats(dir)).toEqual(after);
  };
  // The bounds below are relative to the full run, measured here, never absolute: machines and loads differ.
  let fullMs = 0;

  it('runs the probe scenario in full when nothing fails (the time to compare with)', async () => {
    const { tasks } = await load('full', 'none');
    const { error, ms } = await timed(runTasks(tasks, { threads: 3 }));
    expect(error).toBeUndefined();
    fullMs = ms;
  });

  it('on a worker: rejects with the ScenarioError long before the rest would finish, and this thread stops computing', async () => {
    const { dir, tasks } = await load('worker', 'worker');
    const { error, ms } = await timed(runTasks(tasks, { threads: 3 }));
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toMatch(/the utility term "probe" gave NaN/);
    expect(ms).toBeLessThan(fullMs / 2);
    await expectStill(dir);
  });

  it('on this thread: rejects at once and terminates the workers mid-run', async () => {
    const { dir, tasks } = await load('main', 'main');
    const { error, ms } = await timed(runTasks(tasks, { threads: 3 }));
    expect(error).toBeInstanceOf(ScenarioError);
    expect(ms).toBeLessThan(fullMs / 2);
    await expectStill(dir);
  });

  it('by an abort signal: rejects with its reason and stops every thread', async () => {
    const { dir, tasks } = await load('abort', 'none');
    const controller = new AbortController();
    const reason = new Error('stopped by the user');
    const { error, ms } = await timed(
      runTasks(tasks, { threads: 3, signal: controller.signal, onProgress: () => (workerBeating(dir) ? controller.abort(reason) : undefined) }),
    );
    expect(error).toBe(reason);
    expect(ms).toBeLessThan(fullMs / 2);
    await expectStill(dir);
  });
});

describe('a scenario error found while running', () => {
  // The home city's top emerging wage starts at 165 000 and grows 5% a year: the term is fine when loaded, NaN a year on.
  const write = (name: string, expr: string) => {
    const dir = join(scratch, 'placed');
    mkdirSync(dir, { recursive: true });
    const input = { ...tinyScenarioInput(), name, terms: [{ name: 'bonus', coefficient: 0.5, expr }] };
    writeFileSync(join(dir, `${name}.yaml`), stringify(input));
    return loadScenario(`${name}.yaml`, { cwd: dir });
  };

  it.each([1, 2])('is placed in the file of the failing task, given by fileOf (%i threads)', async (threads) => {
    const good = await write('good', '0 * isHome');
    const bad = await write('bad', 'log(max(170000 - wage, 0) + 1 - isHome)');
    const tasks: ModelTask[] = [good, bad].flatMap(({ resolved }) =>
      [0, 1].map((replication) => ({ scenario: resolved, options: { replication, seed: 7, years: 3, scale: 10 } })),
    );
    const files = [good.file, bad.file];
    const error = await scheduleTasks(tasks, () => undefined, { threads, fileOf: (index) => files[Math.floor(index / 2)] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScenarioError);
    const [issue] = (error as ScenarioError).issues;
    expect(issue.file).toBe(bad.file);
    expect(issue.path).toEqual(['terms', 0, 'expr']);
    // The line of `expr:` in the written YAML, found here rather than copied.
    const lines = readFileSync(bad.file, 'utf8').split('\n');
    expect(issue.line).toBe(lines.findIndex((l) => l.includes('expr: log(max(170000')) + 1);
    expect((error as ScenarioError).message).toContain(`${bad.file}:${issue.line}:`);
  });

  it('is left unplaced without fileOf', async () => {
    const bad = await write('bad2', 'log(max(170000 - wage, 0) + 1 - isHome)');
    const tasks: ModelTask[] = [{ scenario: bad.resolved, options: { replication: 0, seed: 7, years: 3, scale: 10 } }];
    const error = await runTasks(tasks, { threads: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues[0].file).toBeUndefined();
  });
});
