// The shards of a plan: running one (sim shard) into a results file written atomically, checking that every shard of
// every round is there and belongs to the plan, and the executor with which sim merge answers the command's batches
// from them — or records the batch that no round holds yet, which becomes the next round.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { UsageError } from '../core/errors.js';
import { checkFileTarget, replaceFileSync } from '../output/folder.js';
import { cluster as messages } from '../core/messages.js';
import type { RunResult } from '../core/results.js';
import type { Executor } from '../runner/executor.js';
import { runTasks, taskTicks, type ModelTask } from '../runner/scheduler.js';
import { rehydrate, type PortableScenario } from '../runner/worker.js';
import { changedInputs, hashBatch, readPlan, roundFolder, sha256, shardCommand, shellWord, type HashedBatch, type Plan } from './plan.js';
import type { ResolvedScenario } from '../scenario/resolve.js';

export const SHARD_FORMAT = 'sim-shard/1';
/** A shard file opens with this line, then one line of JSON (the header), then the results (Node's structured clone). */
const MAGIC = 'SIMSHARD1\n';

/** What a shard file says about itself, readable without its results. */
export interface ShardHeader {
  format: typeof SHARD_FORMAT;
  plan: string;
  version: string;
  index: number;
  /** The hashes of its tasks, in order: the results follow in the same order. */
  hashes: string[];
  resultBytes: number;
  resultSha256: string;
}

export const shardFile = (dir: string, index: number): string => join(dir, 'shards', `shard-${String(index).padStart(4, '0')}.bin`);

/**
 * Runs shard `index` of the plan in `dir` on local threads and writes its results atomically (a temporary name, then
 * a rename). A shard whose complete results are already there is not run again: rerunning one is idempotent.
 */
export async function runShard(
  dir: string,
  index: number,
  options: { threads: number; onProgress?: (done: number, total: number) => void },
): Promise<{ file: string; tasks: number; skipped: boolean }> {
  const plan = readPlan(dir);
  const shard = plan.shards[index];
  if (!Number.isInteger(index) || !shard) throw new UsageError(messages.indexOutOfRange(index, plan.shards.length));
  const file = shardFile(dir, index);
  const planned = plan.tasks.slice(shard.from, shard.to);
  if (shardProblem(plan, dir, index) === undefined) return { file, tasks: planned.length, skipped: true };
  // Before the runs: a plan folder one cannot write to is said at once, not after them.
  checkFileTarget(file, (error) => messages.shardUnwritable(error, file));

  const scenarios = new Map<string, Promise<ResolvedScenario>>();
  const scenarioOf = (hash: string) => {
    if (!scenarios.has(hash)) scenarios.set(hash, rehydrate(deserialize(readFileSync(join(dir, 'tasks', `${hash}.bin`))) as PortableScenario));
    return scenarios.get(hash)!;
  };
  const tasks: ModelTask[] = await Promise.all(planned.map(async (t) => ({ scenario: await scenarioOf(t.scenario), options: t.options })));
  const results = await runTasks(tasks, { threads: options.threads, onProgress: options.onProgress, fileOf: (k) => planned[k].file });

  const body = serialize(results);
  const header: ShardHeader = {
    format: SHARD_FORMAT,
    plan: plan.id,
    version: plan.package.version,
    index,
    hashes: planned.map((t) => t.hash),
    resultBytes: body.length,
    resultSha256: sha256(body),
  };
  replaceFileSync(file, Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n'), body]), (error) => messages.shardUnwritable(error, file));
  return { file, tasks: planned.length, skipped: false };
}

/** Why shard `index` of the plan cannot be merged, or undefined when its file is there, whole and of this plan. */
export function shardProblem(plan: Plan, dir: string, index: number): string | undefined {
  return readShard(plan, dir, index).problem;
}

function readShard(plan: Plan, dir: string, index: number): { problem?: string; results?: RunResult[] } {
  const file = shardFile(dir, index);
  if (!existsSync(file)) return { problem: 'missing' };
  const bytes = readFileSync(file);
  const newline = bytes.indexOf(10, MAGIC.length);
  if (bytes.subarray(0, MAGIC.length).toString() !== MAGIC || newline < 0) return { problem: 'not a shard file' };
  let header: ShardHeader;
  try {
    header = JSON.parse(bytes.subarray(MAGIC.length, newline).toString('utf8')) as ShardHeader;
  } catch {
    return { problem: 'its header is damaged' };
  }
  const shard = plan.shards[index];
  const hashes = plan.tasks.slice(shard.from, shard.to).map((t) => t.hash);
  if (header.format !== SHARD_FORMAT) return { problem: `written in another format (${String(header.format)})` };
  if (header.plan !== plan.id) return { problem: `from another plan (${String(header.plan)}, not ${plan.id})` };
  if (header.version !== plan.package.version) return { problem: `from version ${String(header.version)} of the simulator, not ${plan.package.version}` };
  if (header.index !== index || header.hashes?.length !== hashes.length || header.hashes.some((h, k) => h !== hashes[k]))
    return { problem: 'its tasks are not those of this shard' };
  const body = bytes.subarray(newline + 1);
  if (body.length !== header.resultBytes || sha256(body) !== header.resultSha256)
    return { problem: 'incomplete or damaged (its results do not match their checksum)' };
  return { results: deserialize(body) as RunResult[] };
}

/**
 * Every shard's results by task hash; a UsageError listing each missing or unusable shard with the command that
 * reruns it, and an sbatch line that resubmits them all (`shown`: the folder as the user named it, for those commands).
 */
export function shardResults(dir: string, shown = dir, plan = readPlan(dir)): { plan: Plan; results: Map<string, RunResult> } {
  const results = new Map<string, RunResult>();
  const problems: string[] = [];
  const failed: number[] = [];
  for (const shard of plan.shards) {
    const read = readShard(plan, dir, shard.index);
    if (read.problem) {
      problems.push(`shard ${shard.index}: ${read.problem}; rerun: ${shardCommand(shown, shard.index)}`);
      failed.push(shard.index);
      continue;
    }
    read.results!.forEach((result, k) => results.set(plan.tasks[shard.from + k].hash, result));
  }
  if (failed.length)
    throw new UsageError(
      messages.shardsMissing(
        failed.length,
        plan.shards.length,
        problems,
        `sbatch --array=${failed.join(',')} ${shellWord(join(shown, 'sbatch.sh'))}`,
        plan.round ? `round ${plan.round.number}'s` : undefined,
      ),
    );
  return { plan, results };
}

/** One round of a plan as a merge reads it: its plan, and its results by task hash once all its shards are there. */
export interface MergeRound {
  plan: Plan;
  folder: string;
  results: Map<string, RunResult>;
}

/**
 * The rounds of the plan in `dir` — the plan itself, then round-2/, round-3/, … as far as they go — each checked to
 * belong to it, with every shard's results. Shards missing from a round are listed as shardResults lists them, except
 * in a last round ≥ 2 of which no shard has run yet: that round is `waiting` (submitted, or still to submit). A plan
 * whose input files changed since sim plan is refused first.
 */
export function roundResults(dir: string, shown = dir): { plan: Plan; rounds: MergeRound[]; waiting?: { plan: Plan; folder: string } } {
  const plan = readPlan(dir);
  if (plan.round) throw new UsageError(messages.roundNotPlan(shown, plan.round.number));
  const changed = changedInputs(plan);
  if (changed.length) throw new UsageError(messages.inputsChanged(changed, shown));
  const rounds: MergeRound[] = [];
  for (let number = 1; ; number++) {
    const folder = roundFolder(dir, number);
    if (number > 1 && !existsSync(join(folder, 'plan.json'))) return { plan, rounds };
    const round = number === 1 ? plan : readPlan(folder);
    if (number > 1 && (round.round?.number !== number || round.round.first !== plan.id || round.cwd !== plan.cwd))
      throw new UsageError(messages.foreignRound(roundFolder(shown, number), plan.id));
    const next = existsSync(join(roundFolder(dir, number + 1), 'plan.json'));
    if (number > 1 && !next && round.shards.every((s) => !existsSync(shardFile(folder, s.index)))) return { plan, rounds, waiting: { plan: round, folder } };
    rounds.push({ folder, ...shardResults(folder, roundFolder(shown, number), round) });
  }
}

/**
 * The executor of sim merge: answers the command's k-th batch from round k's stored results, each task found by hash,
 * in task order; a batch with a task its round does not hold is refused before any result is handed over. A batch
 * beyond the last round is recorded (`nextBatch`) and the command stopped, like sim plan's capture: it is the next round.
 */
export function mergeExecutor(rounds: readonly ReadonlyMap<string, RunResult>[]): { executor: Executor; nextBatch: () => HashedBatch | undefined } {
  let batches = 0;
  let next: HashedBatch | undefined;
  const executor: Executor = async (tasks, onResult, progress, fileOf) => {
    const round = batches++;
    const hashedBatch = hashBatch(tasks, fileOf);
    if (round >= rounds.length) {
      next = hashedBatch;
      throw new RoundNeeded();
    }
    const results = rounds[round];
    const missing = hashedBatch.tasks.filter((t) => !results.has(t.hash)).length;
    if (missing) throw new UsageError(messages.notInPlan(missing, tasks.length, round + 1));
    const total = tasks.reduce((sum, task) => sum + taskTicks(task), 0);
    // A task planned twice (a sweep's repeated point) has one stored result; each use gets its own copy.
    const used = new Set<string>();
    hashedBatch.tasks.forEach((t, index) => {
      const stored = results.get(t.hash)!;
      onResult(index, used.has(t.hash) ? structuredClone(stored) : stored);
      used.add(t.hash);
    });
    progress?.(total, total);
  };
  return { executor, nextBatch: () => next };
}

/** Thrown through the merged command when it asks for a batch that no round holds yet, so that it writes nothing. */
export class RoundNeeded extends Error {
  constructor() {
    super('the command needs the results of another round of model runs');
    this.name = 'RoundNeeded';
  }
}
