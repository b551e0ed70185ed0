// Writes a run's result set (CSV tables and run.json) into one folder, all or nothing.
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { cohortRows, eachFlowRow, eachPolicyRow, eachTimeseriesRow, policySummaryRows, summaryRows, summaryRunRows } from '../core/rows.js';
import { UsageError } from '../scenario/errors.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { RunOutcome, RunSettings } from '../runner/run.js';
import { csvCast } from './format.js';

export { csvCast };

export interface WriteOptions {
  /** Target folder; default: output/<scenario name> under `cwd`. */
  out?: string;
  /** Base for a relative `out` and for the default; default: process.cwd(). */
  cwd?: string;
}

export interface WrittenOutputs {
  /** Absolute path of the folder written. */
  dir: string;
  /** Each file with its size, in the order written. */
  files: { name: string; bytes: number }[];
}

/** The tables, their columns in order, and the rows they hold. */
const TABLES = {
  'timeseries.csv': { columns: ['run', 'tick', 'year', 'location', 'tier', 'metric', 'value'], rows: eachTimeseriesRow },
  'flows.csv': { columns: ['run', 'year', 'origin', 'destination', 'tier', 'moves'], rows: eachFlowRow },
  'summary.csv': { columns: ['year', 'metric', 'mean', 'p5', 'p95'], rows: summaryRows },
  'summary-runs.csv': { columns: ['run', 'year', 'metric', 'value'], rows: summaryRunRows },
  'cohorts.csv': { columns: ['cohortYear', 'tier', 'native', 'size', 'yearsSince', 'year', 'runs', 'share', 'p5', 'p95'], rows: cohortRows },
  // Written for every scenario, header only without policies, so that every result set has the same files.
  'policies.csv': { columns: ['run', 'year', 'policy', 'type', 'metric', 'value'], rows: eachPolicyRow },
  'policies-summary.csv': { columns: ['year', 'policy', 'type', 'metric', 'mean', 'p5', 'p95'], rows: policySummaryRows },
} as const;
export const OUTPUT_FILES = [...Object.keys(TABLES), 'run.json'] as const;

/** Rows are stringified in batches so a large time series never sits in memory as one string. */
const BATCH = 10000;

const cast = csvCast;

/** Where outputs go by default: output/<scenario name>, with characters unsafe in a folder name replaced. */
export function defaultOutputDir(scenarioName: string, cwd: string = process.cwd()): string {
  const safe = scenarioName.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[.-]+/, '') || 'scenario';
  return resolve(cwd, 'output', safe);
}

/**
 * Writes timeseries.csv, flows.csv, summary.csv, summary-runs.csv, cohorts.csv, policies.csv, policies-summary.csv
 * and run.json.
 *
 * Everything goes first into a sibling folder `<out>.tmp-<pid>`, which replaces `<out>` only once complete: a run
 * that fails half-way leaves any earlier outputs untouched and no partial folder behind. An existing `<out>` is
 * replaced only if it is empty or holds a previous result set (a run.json), so a mistyped --out cannot wipe an
 * unrelated folder. Problems with the target folder are UsageErrors naming the path, the reason and a fix.
 */
export function writeOutputs(loaded: { resolved: ResolvedScenario; file?: string }, outcome: RunOutcome, options: WriteOptions = {}): WrittenOutputs {
  const { dir, staging, files } = stageTables(loaded, outcome, options);
  try {
    swapIn(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw asUsageError(error, dir, 'cannot write the output folder');
  }
  return { dir, files };
}

export interface ChartWriteOptions extends WriteOptions {
  /** Language of the charts and report: Chinese (default) or English (place names stay in Chinese). */
  lang?: 'zh' | 'en';
}

/**
 * writeOutputs, plus the run's charts (`<chart>.vl.json`, `.svg`, `.png`) and a self-contained report.html, written
 * into the same temporary folder before it replaces `<out>`: the CSV files and run.json are byte for byte those of
 * writeOutputs, and a failure while drawing leaves no partial folder and any earlier outputs in place. This is what
 * `sim --scenario` writes. The files are listed in `files` after run.json.
 */
export async function writeOutputsWithCharts(loaded: { resolved: ResolvedScenario; file?: string }, outcome: RunOutcome, options: ChartWriteOptions = {}): Promise<WrittenOutputs> {
  const { dir, staging, files } = stageTables(loaded, outcome, options);
  try {
    // Loaded on first use: vega, vega-lite and resvg are needed only here.
    const { writeRunExtras } = await import('../charts/run-extras.js');
    const extras = await writeRunExtras({ dir: staging, loaded, outcome, lang: options.lang ?? 'zh', pkg: packageInfo() });
    for (const name of extras) files.push({ name, bytes: statSync(join(staging, name)).size });
    swapIn(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw asUsageError(error, dir, 'cannot write the output folder');
  }
  return { dir, files };
}

/** Writes the tables and run.json into a new temporary folder beside the target; returns both folders and the files. */
function stageTables(loaded: { resolved: ResolvedScenario; file?: string }, outcome: RunOutcome, options: WriteOptions): { dir: string; staging: string; files: WrittenOutputs['files'] } {
  const { resolved } = loaded;
  const dir = checkOutputTarget(resolved.name, options);
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  attempt(() => mkdirSync(staging), dir, 'cannot write the output folder');
  const files: WrittenOutputs['files'] = [];
  try {
    for (const [name, table] of Object.entries(TABLES)) {
      const bytes = writeCsv(join(staging, name), table.columns, table.rows(outcome.results, resolved));
      files.push({ name, bytes });
    }
    const json = JSON.stringify(runRecord(loaded, outcome, files), null, 2) + '\n';
    files.push({ name: 'run.json', bytes: writeFile(join(staging, 'run.json'), [json]) });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw asUsageError(error, dir, 'cannot write the output folder');
  }
  return { dir, staging, files };
}

/**
 * Checks that outputs can go where asked, and returns the absolute folder; throws a UsageError if they cannot.
 * writeOutputs checks again, but calling this before a long run reports a mistyped --out at once, not after it.
 * Creates the target's parent folder (e.g. output/) if it is missing.
 */
export function checkOutputTarget(scenarioName: string, options: WriteOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const dir = options.out !== undefined ? resolve(cwd, options.out) : defaultOutputDir(scenarioName, cwd);
  checkReplaceable(dir);
  const parent = dirname(dir);
  attempt(() => mkdirSync(parent, { recursive: true }), dir, 'cannot create the output folder');
  attempt(() => accessSync(parent, constants.W_OK), dir, 'cannot write the output folder');
  return dir;
}

/** Everything needed to know what produced the files and to run it again. */
function runRecord(loaded: { resolved: ResolvedScenario; file?: string }, outcome: RunOutcome, files: WrittenOutputs['files']) {
  const { resolved } = loaded;
  const { settings } = outcome;
  const pkg = packageInfo();
  const overrides = Object.fromEntries((['runs', 'seed', 'years', 'scale'] as const).filter((k) => settings[k] !== resolved.run[k]).map((k) => [k, settings[k]]));
  return {
    scenario: resolved.name,
    description: resolved.description,
    file: loaded.file,
    package: pkg,
    node: process.version,
    settings,
    overrides,
    threads: outcome.threads,
    wallMs: Math.round(outcome.wallMs),
    notes: {
      seeds: 'Each replication seeds its shared random streams with "<seed>/<replication>/<stream name>" (streams: population, entry; the streams field gives the prefix). Each agent then draws its own numbers from a counter-based hash of its seed, the tick and the purpose, so runs of two scenarios with one seed are paired agent by agent.',
      agents: 'Agents in the model (one agent is `scale` persons): at the start, at the peak and at the end; bytes is the memory of the agent arrays.',
      files: 'Sizes in bytes of the tables written beside this file.',
      policies:
        'The scenario\'s policies in order: in force from startTick up to (not including) endTick (null: to the end of the run), ticks counted from the start of the run (firstYear and lastYear are the calendar years these cover; a run shorter than the schedule ends it early); budget in CNY a year, null when uncapped; metrics are the module\'s yearly figures in policies.csv besides spending.',
    },
    policies: resolved.policies.map(({ spec, module }) => ({
      name: spec.name,
      type: spec.type,
      startTick: spec.startTick,
      endTick: spec.endTick >= 2 ** 31 - 1 ? null : spec.endTick,
      firstYear: settings.startYear + Math.floor(spec.startTick / settings.ticksPerYear),
      lastYear: settings.startYear + Math.floor((Math.min(spec.endTick, settings.years * settings.ticksPerYear) - 1) / settings.ticksPerYear),
      budget: Number.isFinite(spec.budget) ? spec.budget : null,
      metrics: [...module.metrics],
    })),
    replications: outcome.results.map((r) => ({ replication: r.replication, seed: r.seed, streams: `${r.seed}/${r.replication}/`, agents: r.agents })),
    files: Object.fromEntries(files.map((f) => [f.name, f.bytes])),
    assumptions: resolved.assumptions,
    // The validated scenario with the settings actually used: run it again to reproduce these files.
    input: { ...resolved.input, run: { ...resolved.input.run, ...pick(settings, ['runs', 'seed', 'years', 'scale']) } },
  };
}

/** Writes rows as a new CSV file (header first, in batches through csv-stringify); returns its size in bytes. */
export function writeCsv(path: string, columns: readonly string[], rows: Iterable<object>): number {
  let batch: object[] = [];
  let header = true;
  const chunks = function* () {
    for (const row of rows) {
      batch.push(row);
      if (batch.length === BATCH) {
        yield stringify(batch, { header, columns: [...columns], cast });
        header = false;
        batch = [];
      }
    }
    if (batch.length || header) yield stringify(batch, { header, columns: [...columns], cast });
  };
  return writeFile(path, chunks());
}

/** Writes the chunks to a new file; returns its size in bytes. */
export function writeFile(path: string, chunks: Iterable<string>): number {
  const fd = openSync(path, 'wx');
  let bytes = 0;
  try {
    for (const chunk of chunks) bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** Refuses a target that is a file, or a non-empty folder that does not hold a previous result set. */
function checkReplaceable(dir: string): void {
  if (!existsSync(dir)) return;
  const fix = 'choose another folder with --out DIR, or move this one away';
  if (!statSync(dir).isDirectory()) throw new UsageError(`cannot write the outputs to ${dir}: it is a file, not a folder\n    fix: ${fix}`);
  const entries = readdirSync(dir);
  if (entries.length > 0 && !entries.includes('run.json'))
    throw new UsageError(`will not replace ${dir}: it is not empty and holds no run.json, so it does not look like an earlier output folder\n    fix: ${fix}`);
}

/** Puts the complete staging folder in place of the target, keeping the old target until the new one is in. */
export function swapIn(staging: string, dir: string): void {
  if (!existsSync(dir)) {
    renameSync(staging, dir);
    return;
  }
  const old = `${dir}.old-${process.pid}`;
  rmSync(old, { recursive: true, force: true });
  renameSync(dir, old);
  try {
    renameSync(staging, dir);
  } catch (error) {
    renameSync(old, dir);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the path is too long',
  EISDIR: 'a folder of that name is in the way',
  ENOTEMPTY: 'a folder of that name is in the way',
};

/** File-system problems the user can fix become UsageErrors (path, reason, fix); anything else is a bug and passes through. */
function asUsageError(error: unknown, target: string, what: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof UsageError || !code || !(code in REASONS)) return error;
  const where = (error as NodeJS.ErrnoException).path;
  const at = where && where !== target ? ` (at ${where})` : '';
  return new UsageError(`${what} ${target}: ${REASONS[code]}${at} [${code}]\n    fix: choose a folder you can write to with --out DIR`);
}

function attempt(action: () => void, target: string, what: string): void {
  try {
    action();
  } catch (error) {
    throw asUsageError(error, target, what);
  }
}

function pick<T extends object, K extends keyof T>(object: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, object[k]])) as Pick<T, K>;
}

let cachedPackage: { name: string; version: string } | undefined;
/** This package's name and version, read from package.json two levels up (from src/output or dist/output). */
export function packageInfo(): { name: string; version: string } {
  if (!cachedPackage) {
    const { name, version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    cachedPackage = { name, version };
  }
  return cachedPackage;
}

/** For messages: the path relative to the working directory when it lies inside it, e.g. "output/baseline". */
export function shortPath(path: string, cwd: string = process.cwd()): string {
  const inside = relative(cwd, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}
