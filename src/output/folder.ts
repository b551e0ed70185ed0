// Writes a result folder all or nothing, for every command: into `<dir>.tmp-<pid>`, swapped in only when complete.
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../core/errors.js';
import * as messages from '../core/messages.js';
import { csvCast } from './format.js';

export interface WriteOptions {
  /** Target folder; default: output/<name> under `cwd`. */
  out?: string;
  /** Base for a relative `out` and for the default; default: process.cwd(). */
  cwd?: string;
}

export interface WrittenFile {
  name: string;
  bytes: number;
}

export interface WrittenOutputs {
  /** Absolute path of the folder written. */
  dir: string;
  /** Each file with its size, in the order written. */
  files: WrittenFile[];
}

/** Rows are stringified in batches so a large time series never sits in memory as one string. */
const BATCH = 10000;

/** Where outputs go by default: output/<name>, with characters unsafe in a folder name replaced. */
export function defaultOutputDir(name: string, cwd: string = process.cwd()): string {
  const safe = name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[.-]+/, '') || 'scenario';
  return resolve(cwd, 'output', safe);
}

/**
 * Checks that outputs can go where asked (`out`, else output/<name>), and returns the absolute folder; throws a
 * UsageError if they cannot. The folder writers check again, but calling this before a long run reports a mistyped
 * --out at once, not after it. Creates the target's parent folder (e.g. output/) if it is missing.
 */
export function checkOutputTarget(name: string, options: WriteOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const dir = options.out !== undefined ? resolve(cwd, options.out) : defaultOutputDir(name, cwd);
  checkReplaceable(dir);
  const parent = dirname(dir);
  attempt(() => mkdirSync(parent, { recursive: true }), dir, 'cannot create the output folder');
  attempt(() => accessSync(parent, constants.W_OK), dir, 'cannot write the output folder');
  return dir;
}

/** For messages: the path relative to the working directory when it lies inside it, e.g. "output/baseline". */
export function shortPath(path: string, cwd: string = process.cwd()): string {
  const inside = relative(cwd, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

/** The temporary folder a result set is being written into: each file written is listed with its size. */
export class StagedFolder {
  readonly files: WrittenFile[] = [];

  constructor(
    /** The temporary folder, `<dir>.tmp-<pid>`. */
    readonly path: string,
  ) {}

  /** Writes a new file from text or chunks of text. */
  text(name: string, chunks: string | Iterable<string>): void {
    const fd = openSync(join(this.path, name), 'wx');
    let bytes = 0;
    try {
      for (const chunk of typeof chunks === 'string' ? [chunks] : chunks) bytes += writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    this.files.push({ name, bytes });
  }

  /** Writes rows (objects by column name, or arrays in column order) as a CSV file: the header, then one line a row. */
  csv(name: string, columns: readonly string[], rows: Iterable<object>): void {
    const options = { columns: [...columns], cast: csvCast };
    this.text(
      name,
      (function* () {
        let batch: object[] = [];
        let header = true;
        for (const row of rows) {
          batch.push(row);
          if (batch.length === BATCH) {
            yield stringify(batch, { ...options, header });
            header = false;
            batch = [];
          }
        }
        if (batch.length || header) yield stringify(batch, { ...options, header });
      })(),
    );
  }

  /** Writes a value as indented JSON. */
  json(name: string, value: unknown): void {
    this.text(name, JSON.stringify(value, null, 2) + '\n');
  }

  /** Lists files another writer (the chart renderer) put in the folder, in order. */
  added(names: readonly string[]): void {
    for (const name of names) this.files.push({ name, bytes: statSync(join(this.path, name)).size });
  }
}

/** Folders being written, removed by discardStagedFolders if the process is interrupted. */
const staged = new Set<string>();

/**
 * Lets `fill` write the files into `<dir>.tmp-<pid>`, then puts that folder in place of `dir`, keeping an earlier
 * result set until the new one is in: a command that fails half-way leaves the earlier results and no partial
 * folder. An existing `dir` is replaced only if it is empty or holds an earlier result set (a run.json), so a
 * mistyped --out cannot wipe an unrelated folder. File-system problems are UsageErrors naming the folder, the
 * reason and a fix.
 */
export function writeFolderSync(dir: string, fill: (folder: StagedFolder) => void): WrittenOutputs {
  const folder = stage(dir);
  try {
    fill(folder);
    return commit(folder, dir);
  } catch (error) {
    throw discard(folder, dir, error);
  }
}

/** writeFolderSync for writers that wait (drawing charts). */
export async function writeFolder(dir: string, fill: (folder: StagedFolder) => Promise<void>): Promise<WrittenOutputs> {
  const folder = stage(dir);
  try {
    await fill(folder);
    return commit(folder, dir);
  } catch (error) {
    throw discard(folder, dir, error);
  }
}

/** Removes every folder still being written: for Ctrl-C, which ends the process before the writers can clean up. */
export function discardStagedFolders(): void {
  for (const path of staged) rmSync(path, { recursive: true, force: true });
  staged.clear();
}

function stage(dir: string): StagedFolder {
  checkReplaceable(dir);
  const path = `${dir}.tmp-${process.pid}`;
  rmSync(path, { recursive: true, force: true });
  attempt(() => mkdirSync(path), dir, 'cannot write the output folder');
  staged.add(path);
  return new StagedFolder(path);
}

function commit(folder: StagedFolder, dir: string): WrittenOutputs {
  swapIn(folder.path, dir);
  staged.delete(folder.path);
  return { dir, files: folder.files };
}

function discard(folder: StagedFolder, dir: string, error: unknown): unknown {
  rmSync(folder.path, { recursive: true, force: true });
  staged.delete(folder.path);
  return asUsageError(error, dir, 'cannot write the output folder');
}

/** Refuses a target that is a file, or a non-empty folder that does not hold a previous result set. */
function checkReplaceable(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new UsageError(messages.output.isFile(dir));
  const entries = readdirSync(dir);
  if (entries.length > 0 && !entries.includes('run.json')) throw new UsageError(messages.output.notAResultFolder(dir));
}

/** Puts the complete staging folder in place of the target, keeping the old target until the new one is in. */
function swapIn(staging: string, dir: string): void {
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

/**
 * A file-system error becomes a UsageError naming the folder, the reason and a fix; anything else — a bug, a
 * UsageError already — passes through.
 */
function asUsageError(error: unknown, target: string, what: string): unknown {
  if (error instanceof UsageError) return error;
  const message = messages.output.unwritable(error, target, what);
  return message ? new UsageError(message) : error;
}

function attempt(action: () => void, target: string, what: string): void {
  try {
    action();
  } catch (error) {
    throw asUsageError(error, target, what);
  }
}
