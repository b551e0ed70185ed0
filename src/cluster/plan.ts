// Work plans for a cluster: the model runs of one command recorded (sim plan), split into shards, and an sbatch script
// for a Slurm job array that runs each shard (sim shard); src/cluster/shard.ts runs them and merges their results.
// A command that schedules several batches, each from the results of the last (a calibration's ABC-SMC generations),
// is planned in rounds: round 1 is the plan folder itself, round N ≥ 2 its subfolder round-N/, written by sim merge.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serialize } from 'node:v8';
import type { ModelOptions } from '../core/model.js';
import { UsageError } from '../core/errors.js';
import { cluster as messages } from '../core/messages.js';
import type { Executor } from '../runner/executor.js';
import { portable, type PortableScenario } from '../runner/worker.js';
import { writeFolderSync } from '../output/folder.js';
import { packageInfo } from '../output/record.js';
import type { ResolvedScenario } from '../scenario/resolve.js';

export const PLAN_FORMAT = 'sim-plan/1';

/** One model run of a plan: the hash of its scenario (a file in tasks/) and its replication's options. */
export interface PlanTask {
  /** Content hash of the scenario and the options together: how a merge finds the task's result. */
  hash: string;
  scenario: string;
  options: ModelOptions;
  /** The scenario file the task was loaded from, if any: a shard places a problem found running it there. Not hashed. */
  file?: string;
}

/** The job array's resources, written as #SBATCH lines. */
export interface SlurmSettings {
  /** Wall-time limit of each array task, as Slurm writes it (e.g. 02:00:00). */
  time: string;
  /** Memory of each array task (e.g. 4G). */
  mem: string;
  /** CPUs of each array task: the threads each shard runs on. */
  cpus: number;
  partition?: string;
}

/** plan.json: everything a shard needs to run its part and a merge needs to check the parts belong together. */
export interface Plan {
  format: typeof PLAN_FORMAT;
  /** Hash of the package version, the command line, the folder it runs in and every task's hash. */
  id: string;
  package: { name: string; version: string };
  node: string;
  /** The planned command line, after `sim`, as merge runs it again. */
  command: string[];
  /** The working directory the command runs in (for its relative paths), the same for every shard and the merge. */
  cwd: string;
  /** Model runs, and distinct scenarios among them (the files of tasks/). */
  taskCount: number;
  scenarioCount: number;
  /** The master seeds of the runs (usually one: common random numbers). Each task lists its replication and seed. */
  seeds: number[];
  /** Shard k runs tasks[from] … tasks[to − 1]. */
  shards: { index: number; from: number; to: number }[];
  slurm: SlurmSettings;
  tasks: PlanTask[];
  /** Rounds after the first (written by sim merge into round-N/): the round's number and the id of round 1's plan. */
  round?: { number: number; first: string };
  /**
   * The files the command line names (a targets file, a scenario file) by their SHA-256, as they were when planned: a
   * merge refuses when one changed, as a changed file could change a later round's runs (round 1 only).
   */
  inputs?: Record<string, string>;
}

/** A batch of model runs with each run's hash, and the scenarios it runs as plain data, by hash. */
export interface HashedBatch {
  tasks: PlanTask[];
  scenarios: Map<string, PortableScenario>;
}

/**
 * The hashes of a batch's tasks. A scenario's hash is that of its portable form (what a worker thread receives) as
 * canonical JSON, typed arrays as lists, so it is the same on every machine and Node version; each distinct scenario
 * object is hashed once.
 */
export function hashBatch(
  tasks: readonly { scenario: ResolvedScenario; options: ModelOptions }[],
  fileOf?: (index: number) => string | undefined,
): HashedBatch {
  const byObject = new Map<ResolvedScenario, string>();
  const scenarios = new Map<string, PortableScenario>();
  const hashed = tasks.map(({ scenario, options }, index): PlanTask => {
    let scenarioHash = byObject.get(scenario);
    if (scenarioHash === undefined) {
      const plain = portable(scenario);
      scenarioHash = sha256(canonicalJson(plain)).slice(0, 32);
      byObject.set(scenario, scenarioHash);
      scenarios.set(scenarioHash, plain);
    }
    const file = fileOf?.(index);
    return { hash: sha256(scenarioHash + canonicalJson(options)).slice(0, 32), scenario: scenarioHash, options: { ...options }, ...(file ? { file } : {}) };
  });
  return { tasks: hashed, scenarios };
}

/** The capture of sim plan: records the first batch the command schedules, then stops the command. */
export function captureExecutor(): { executor: Executor; batch: () => HashedBatch | undefined } {
  let captured: HashedBatch | undefined;
  const executor: Executor = async (tasks, _onResult, _progress, fileOf) => {
    captured = hashBatch(tasks, fileOf);
    throw new PlanCaptured();
  };
  return { executor, batch: () => captured };
}

/** Thrown through the command once its batch is recorded, so that it writes nothing. */
export class PlanCaptured extends Error {
  constructor() {
    super('the batch of model runs is recorded in the plan');
    this.name = 'PlanCaptured';
  }
}

/** Splits `count` tasks into `shards` contiguous ranges whose sizes differ by at most one (fewer shards than tasks). */
export function shardRanges(count: number, shards: number): Plan['shards'] {
  const n = Math.max(1, Math.min(shards, count));
  return Array.from({ length: n }, (_, index) => ({ index, from: Math.floor((index * count) / n), to: Math.floor(((index + 1) * count) / n) }));
}

/** The plan of a recorded batch (nothing written yet). */
export function makePlan(
  batch: HashedBatch,
  command: readonly string[],
  cwd: string,
  shards: number,
  slurm: SlurmSettings,
  { round, inputs }: Pick<Plan, 'round' | 'inputs'> = {},
): Plan {
  const pkg = packageInfo();
  const hashed: unknown[] = [pkg.version, command, cwd, batch.tasks.map((t) => t.hash)];
  const id = sha256(canonicalJson(round || inputs ? [...hashed, round ?? null, inputs ?? null] : hashed)).slice(0, 16);
  return {
    format: PLAN_FORMAT,
    id,
    package: pkg,
    node: process.version,
    command: [...command],
    cwd,
    taskCount: batch.tasks.length,
    scenarioCount: batch.scenarios.size,
    seeds: [...new Set(batch.tasks.flatMap((t) => (t.options.seed === undefined ? [] : [t.options.seed])))],
    shards: shardRanges(batch.tasks.length, shards),
    slurm,
    tasks: batch.tasks,
    ...(round ? { round } : {}),
    ...(inputs ? { inputs } : {}),
  };
}

/** The words of a command line (an option's `--name=value` too) that name a file in `cwd`, each with its SHA-256. */
export function inputFiles(command: readonly string[], cwd: string): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const word of command) {
    const path = word.startsWith('--') && word.includes('=') ? word.slice(word.indexOf('=') + 1) : word;
    const file = resolve(cwd, path);
    if (path && existsSync(file) && statSync(file).isFile()) inputs[path] = sha256(readFileSync(file));
  }
  return inputs;
}

/** The files of a plan's `inputs` that changed (or went) since it was planned. */
export function changedInputs(plan: Plan): string[] {
  const now = inputFiles(Object.keys(plan.inputs ?? {}), plan.cwd);
  return Object.entries(plan.inputs ?? {})
    .filter(([path, hash]) => now[path] !== hash)
    .map(([path]) => path);
}

/** The folder of round `number` of the plan in `dir`: the plan folder itself for round 1, else its round-N/. */
export function roundFolder(dir: string, number: number): string {
  return number === 1 ? dir : join(dir, `round-${number}`);
}

/**
 * Writes the plan folder: plan.json, tasks/<scenario hash>.bin (each scenario once, as the structured clone a worker
 * receives), sbatch.sh, and empty shards/ and logs/. It is written as every result folder is (writeFolderSync: staged
 * beside the target and swapped in, each missing level made on its own, file-system errors as messages naming the
 * folder and --plan), so a plan is whole or absent. Planning the same thing again into its own folder keeps it (and
 * the shards already run); any other existing folder is refused.
 */
export function writePlan(dir: string, plan: Plan, batch: HashedBatch): { reused: boolean } {
  if (existsSync(dir)) {
    const file = join(dir, 'plan.json');
    const same = existsSync(file) && safeJson(file)?.id === plan.id;
    if (same) return { reused: true };
    throw new UsageError(messages.planExists(dir));
  }
  writeFolderSync(
    dir,
    (folder) => {
      for (const sub of ['tasks', 'shards', 'logs']) folder.folder(sub);
      for (const [hash, scenario] of batch.scenarios) folder.bytes(join('tasks', `${hash}.bin`), serialize(scenario));
      folder.text('plan.json', JSON.stringify(plan, null, 1) + '\n');
      folder.text('sbatch.sh', sbatchScript(plan, dir));
      chmodSync(join(folder.path, 'sbatch.sh'), 0o755);
    },
    { option: '--plan' },
  );
  return { reused: false };
}

/** Reads plan.json of a plan folder; a UsageError naming the file and the fix when it is not a plan of this version. */
export function readPlan(dir: string): Plan {
  const file = join(dir, 'plan.json');
  if (!existsSync(file)) throw new UsageError(messages.notAPlan(file, 'there is no such file'));
  const plan = safeJson(file) as Plan | undefined;
  if (!plan || plan.format !== PLAN_FORMAT || !Array.isArray(plan.tasks) || !Array.isArray(plan.shards))
    throw new UsageError(messages.notAPlan(file, `it is not JSON in the format ${PLAN_FORMAT}`));
  const running = packageInfo().version;
  if (plan.package?.version !== running) throw new UsageError(messages.otherVersion(file, String(plan.package?.version), running));
  return plan;
}

/** The command that runs one shard of a plan by hand, as a missing shard's message shows it. */
export function shardCommand(dir: string, index: number): string {
  return `sim shard --plan ${shellWord(dir)} --index ${index}`;
}

/**
 * The job array's script: one array task per shard, each running `sim shard` with its index, from the planned
 * command's working directory, with Node from PATH (a cluster's module system puts it there).
 */
export function sbatchScript(plan: Plan, dir: string): string {
  const absolute = resolve(dir);
  // A later round is merged, like the first, through the plan folder that holds it.
  const merged = plan.round ? dirname(absolute) : absolute;
  const sim = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
  const { slurm } = plan;
  const what = plan.round ? `round ${plan.round.number} of sim plan ${plan.round.first}` : `sim plan ${plan.id}`;
  return [
    '#!/bin/bash',
    `# The job array of ${what}: ${plan.taskCount} model runs in ${plan.shards.length} shards.`,
    `# Submit: sbatch ${shellWord(absolute)}/sbatch.sh   Resubmit some shards: sbatch --array=3,7 ${shellWord(absolute)}/sbatch.sh`,
    `# Then: sim merge --plan ${shellWord(merged)}   (see docs/cluster.md)`,
    `#SBATCH --job-name=sim-${plan.round ? `${plan.round.first.slice(0, 8)}-r${plan.round.number}` : plan.id.slice(0, 8)}`,
    `#SBATCH --array=0-${plan.shards.length - 1}`,
    `#SBATCH --time=${slurm.time}`,
    `#SBATCH --mem=${slurm.mem}`,
    `#SBATCH --cpus-per-task=${slurm.cpus}`,
    `#SBATCH --ntasks=1`,
    ...(slurm.partition ? [`#SBATCH --partition=${slurm.partition}`] : []),
    `#SBATCH --output=${absolute}/logs/shard-%a.out`,
    '',
    '# Node 20 must be on PATH here. On a cluster with environment modules, load it first, e.g.:',
    '#   module load nodejs/20',
    '# (module avail node lists the names your cluster uses).',
    'set -euo pipefail',
    `cd ${shellWord(plan.cwd)}`,
    `exec node ${shellWord(sim)} shard --plan ${shellWord(absolute)} --index "$SLURM_ARRAY_TASK_ID" --threads "\${SLURM_CPUS_PER_TASK:-1}" --quiet`,
    '',
  ].join('\n');
}

/** A word for a POSIX shell: as it is when safe, else in single quotes. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** JSON with object keys sorted and typed arrays as plain lists: the same text for the same content. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return v;
  });
}

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

function safeJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
