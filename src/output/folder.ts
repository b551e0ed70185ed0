// Writes a result folder all or nothing, for every command: into `<dir>.tmp-<pid>`, swapped in only when complete.
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import * as messages from '../core/messages.js';
import { csvCast, csvExactCast } from './format.js';

export interface WriteOptions {
  /** Target folder; default: output/<name> under `cwd`. */
  out?: string;
  /** Base for a relative `out` and for the default; default: process.cwd(). */
  cwd?: string;
}

/** The option that names the folder (default --out), as the messages' fixes name it: `sim plan` writes its --plan. */
export interface FolderOption {
  option?: string;
}

/** A folder being checked or written, and the option that named it: what a message says. */
interface Where {
  dir: string;
  option: string;
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
 * --out at once, not after it. It creates nothing (the missing levels are made when the folder is written), and
 * removes what killed runs left beside the folder (see removeStale).
 */
export function checkOutputTarget(name: string, options: WriteOptions & FolderOption = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const dir = options.out !== undefined ? resolve(cwd, options.out) : defaultOutputDir(name, cwd);
  return checkFolderTarget(dir, options);
}

/** checkOutputTarget for an absolute folder: throws a UsageError, naming `option`, if it cannot be written. */
export function checkFolderTarget(dir: string, { option = '--out' }: FolderOption = {}): string {
  const at = { dir, option };
  checkParent(at, prepare(at));
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

  /**
   * Writes rows (objects by column name, or arrays in column order) as a CSV file: the header, then one line a row.
   * Numbers have CSV_SIGNIFICANT_DIGITS significant digits, or full precision with `exact` (a file of raw figures that
   * `sim report` reads back).
   */
  csv(name: string, columns: readonly string[], rows: Iterable<object>, options: { exact?: boolean } = {}): void {
    const settings = { columns: [...columns], cast: options.exact ? csvExactCast : csvCast };
    this.text(
      name,
      (function* () {
        let batch: object[] = [];
        let header = true;
        for (const row of rows) {
          batch.push(row);
          if (batch.length === BATCH) {
            yield stringify(batch, { ...settings, header });
            header = false;
            batch = [];
          }
        }
        if (batch.length || header) yield stringify(batch, { ...settings, header });
      })(),
    );
  }

  /** Writes a new file of bytes (`name` may lie in a subfolder made with `folder`). */
  bytes(name: string, data: Uint8Array): void {
    writeFileSync(join(this.path, name), data, { flag: 'wx' });
    this.files.push({ name, bytes: data.byteLength });
  }

  /** Makes an empty subfolder. */
  folder(name: string): void {
    mkdirSync(join(this.path, name));
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

/**
 * Writes one file whole or not at all — into `<file>.tmp-<pid>`, then renamed over it — making the missing levels of
 * its folder one at a time (the state a calibration saves, a shard's results). A file-system error becomes the
 * UsageError `message` makes of it (the temporary name dropped), and the temporary file is removed.
 */
export function replaceFileSync(file: string, data: string | Uint8Array, message: (error: unknown) => messages.Message | undefined): void {
  const temporary = staging(file);
  try {
    makeLevels(dirname(file));
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    const found = error instanceof UsageError ? undefined : message(internalPathDropped(error, file));
    throw found ? new UsageError(found) : error;
  }
}

/**
 * Checks before a long computation that replaceFileSync can write `file` at its end: its name must leave room for
 * `.tmp-<pid>`, and where its folder exists the temporary file is made and removed as a probe (a missing folder is
 * checked by checkOutputTarget, which replaceFileSync's folder lies in).
 */
export function checkFileTarget(file: string, message: (error: unknown) => messages.Message | undefined): void {
  const fail = (error: unknown) => {
    const found = message(internalPathDropped(error, file));
    return found ? new UsageError(found) : error;
  };
  if (Buffer.byteLength(basename(file)) > LIMITS.outputNameBytes) throw fail({ code: 'ENAMETOOLONG', syscall: 'open' });
  if (!existsSync(dirname(file))) return;
  const temporary = staging(file);
  try {
    writeFileSync(temporary, '', { flag: 'wx' });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw fail(error);
  }
  rmSync(temporary, { force: true });
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
export function writeFolderSync(dir: string, fill: (folder: StagedFolder) => void, { option = '--out' }: FolderOption = {}): WrittenOutputs {
  const at = { dir, option };
  const { folder, target } = stage(at);
  try {
    fill(folder);
    return commit(folder, target, dir);
  } catch (error) {
    throw discard(folder, at, error);
  }
}

/** writeFolderSync for writers that wait (drawing charts). */
export async function writeFolder(dir: string, fill: (folder: StagedFolder) => Promise<void>): Promise<WrittenOutputs> {
  const at = { dir, option: '--out' };
  const { folder, target } = stage(at);
  try {
    await fill(folder);
    return commit(folder, target, dir);
  } catch (error) {
    throw discard(folder, at, error);
  }
}

/** Removes every folder still being written: for Ctrl-C, which ends the process before the writers can clean up. */
export function discardStagedFolders(): void {
  for (const path of staged) rmSync(path, { recursive: true, force: true });
  staged.clear();
}

/** Makes `<target>.tmp-<pid>` beside the folder the result set goes to (`target`: `dir`, or where a link `dir` points). */
function stage(at: Where): { folder: StagedFolder; target: string } {
  const target = prepare(at);
  const path = staging(target);
  attempt(() => rmSync(path, { recursive: true, force: true }), at, 'cannot write the output folder');
  // Another run's check (checkParent) may remove an empty level it made as a probe just as this one uses it: try again.
  for (let tries = 1; ; tries++) {
    try {
      makeLevels(dirname(target));
      mkdirSync(path);
      break;
    } catch (error) {
      if (tries === 3 || existsSync(dirname(target))) throw asUsageError(error, at, 'cannot create the output folder');
    }
  }
  staged.add(path);
  return { folder: new StagedFolder(path), target };
}

function commit(folder: StagedFolder, target: string, dir: string): WrittenOutputs {
  swapIn(folder.path, target);
  staged.delete(folder.path);
  return { dir, files: folder.files };
}

function discard(folder: StagedFolder, at: Where, error: unknown): unknown {
  rmSync(folder.path, { recursive: true, force: true });
  staged.delete(folder.path);
  return asUsageError(error, at, 'cannot write the output folder');
}

/** The temporary name `<target>.tmp-<pid>` a result set (or a file replaceFileSync writes) is written under. */
const staging = (target: string) => `${target}.tmp-${process.pid}`;

/**
 * What every writer checks first, and the folder the result set really goes to: the names must leave room for the
 * suffixes of the temporary folders, a symbolic link is written through (the folder it points to is replaced, the
 * link kept: what whoever made the link expects), what killed runs left is cleaned up, and the target must be
 * replaceable.
 */
function prepare(at: Where): string {
  checkLengths(at.dir, at);
  const target = attempt(() => followLinks(at.dir), at, 'cannot write the output folder');
  if (target !== at.dir) {
    checkLengths(target, at);
    // A link to nothing is written through only into a folder that exists: never make folders elsewhere unasked.
    if (!existsSync(target) && !isFolder(dirname(target))) throw new UsageError(messages.output.danglingLink(at.dir, target, dirname(target), at.option));
  }
  attempt(() => removeStale(target), at, 'cannot write the output folder');
  attempt(() => checkReplaceable(target, at), at, 'cannot write the output folder');
  return target;
}

/** The file system's longest name (NAME_MAX) in bytes: a longer part of a path fails with ENAMETOOLONG. */
const NAME_MAX = 255;

/**
 * Refuses a path the file system would refuse only at the end of the runs: its last part with `.tmp-<pid>` (or
 * `.old-<pid>`) must fit in a name, any other part too, and the whole with the suffix in a path.
 */
function checkLengths(dir: string, at: Where): void {
  const parts = dir.split(sep).filter(Boolean);
  parts.forEach((part, k) => {
    const bytes = Buffer.byteLength(part);
    const last = k === parts.length - 1;
    const limit = last ? LIMITS.outputNameBytes : NAME_MAX;
    if (bytes > limit) throw new UsageError(messages.output.nameTooLong(at.dir === dir ? dir : `${at.dir} (a link to ${dir})`, part, bytes, limit, last, at.option));
  });
  const bytes = Buffer.byteLength(dir);
  if (bytes > LIMITS.outputPathBytes) throw new UsageError(messages.output.pathTooLong(at.dir === dir ? dir : `${at.dir} (a link to ${dir})`, bytes, LIMITS.outputPathBytes, at.option));
}

/** Where a chain of symbolic links ends: the path itself if it is no link (or missing); ELOOP if the chain loops. */
function followLinks(dir: string): string {
  let path = dir;
  for (let hops = 0; hops < 40; hops++) {
    let link = false;
    try {
      link = lstatSync(path).isSymbolicLink();
    } catch {
      // Missing, or unreachable: the later checks say why.
    }
    if (!link) return path;
    path = resolve(realpathSync(dirname(path)), readlinkSync(path));
  }
  return realpathSync(dir);
}

/**
 * Fails fast where the folder cannot be made: the nearest existing ancestor must be a folder one can write, and a
 * folder is made and removed again as a probe — the first missing level, or when none is missing the temporary
 * folder itself (root passes every permission check, yet cannot make a folder in /proc). Each level is checked and
 * made on its own: Node 20's recursive mkdirSync loops forever where a level cannot be made.
 */
function checkParent(at: Where, target: string): void {
  const missing = missingLevels(dirname(target));
  const ancestor = dirname(missing[0] ?? target);
  attempt(
    () => {
      if (!statSync(ancestor).isDirectory()) throw new UsageError(messages.output.ancestorIsFile(at.dir, ancestor, at.option));
      accessSync(ancestor, constants.W_OK);
    },
    at,
    'cannot create the output folder',
  );
  const probe = missing[0] ?? staging(target);
  let made = false;
  attempt(
    () => {
      mkdirSync(probe);
      made = true;
    },
    at,
    'cannot create the output folder',
    () => isFolder(probe), // made by another run meanwhile (or left by this one)
  );
  // Made only to see that it can be; made again when the folder is written. Another run may have put something in.
  if (made) attempt(() => rmdirSync(probe), at, 'cannot create the output folder', () => true);
}

/** The levels of `folder` that do not exist yet, outermost first. */
function missingLevels(folder: string): string[] {
  const missing: string[] = [];
  for (let level = folder; !existsSync(level) && dirname(level) !== level; level = dirname(level)) missing.unshift(level);
  return missing;
}

/** Makes the missing levels of `folder`, one at a time. */
function makeLevels(folder: string): void {
  for (const level of missingLevels(folder)) {
    try {
      mkdirSync(level);
    } catch (error) {
      if (!isFolder(level)) throw error; // else another run made it meanwhile
    }
  }
}

/** Whether a folder is there (not: a file, nothing, or a path through a file). */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Refuses a target that is a file, or a non-empty folder that does not hold a previous result set. */
function checkReplaceable(dir: string, at: Where): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new UsageError(messages.output.isFile(dir, at.option));
  const entries = readdirSync(dir);
  if (entries.length > 0 && !entries.includes('run.json')) throw new UsageError(messages.output.notAResultFolder(dir, at.option));
}

/** `<name>.tmp-<pid>` or `<name>.old-<pid>`: the folders this writer makes beside a target. */
const BESIDE = /^\.(tmp|old)-(\d{1,7})$/;

/**
 * Removes what runs killed while writing (SIGKILL, a power cut) left beside the target: `.tmp-<pid>` folders with
 * partial files, and `.old-<pid>` backups of an earlier result. Folders of a process still alive are being written
 * (a concurrent run into the same folder) and are left alone. Cleaning up is best effort: a folder that cannot be
 * removed does not stop the run.
 */
function removeStale(target: string): void {
  const parent = dirname(target);
  const name = basename(target);
  if (!isFolder(parent)) return;
  const stale = readdirSync(parent)
    .map((entry) => ({ path: join(parent, entry), match: entry.startsWith(name) ? BESIDE.exec(entry.slice(name.length)) : null }))
    .flatMap(({ path, match }) => (match && !isAlive(Number(match[2])) ? [{ path, backup: match[1] === 'old' }] : []));
  // Backups first: a run killed between the two renames of swapIn had moved the earlier result aside and not yet put
  // the new one in, so its backup is then the only copy of the earlier result. It is put back, never deleted.
  for (const { path, backup } of [...stale.filter((s) => s.backup), ...stale.filter((s) => !s.backup)]) {
    try {
      if (backup && !existsSync(target)) renameSync(path, target);
      else rmSync(path, { recursive: true, force: true });
    } catch {
      // Best effort: another run may be cleaning up the same folder.
    }
  }
}

/** Whether a process runs with this id (signal 0 only asks); one of another user counts (EPERM), as does our own. */
function isAlive(pid: number): boolean {
  if (pid <= 0) return true; // 0 would signal our own process group: leave such a folder alone
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code !== 'ESRCH';
  }
}

/**
 * Puts the complete staging folder in place of the target, keeping the old target until the new one is in. Runs
 * into the same folder at the same time each put a complete result set in, the last one stays: when another run's
 * rename comes between, this one tries again.
 */
function swapIn(staging: string, dir: string): void {
  const old = `${dir}.old-${process.pid}`;
  for (let tries = 1; ; tries++) {
    const last = tries === 5;
    if (!existsSync(dir)) {
      try {
        renameSync(staging, dir);
        return;
      } catch (error) {
        if (last || !existsSync(dir)) throw error;
        continue; // another run's folder came in first: replace it
      }
    }
    rmSync(old, { recursive: true, force: true });
    try {
      renameSync(dir, old);
    } catch (error) {
      if (last || existsSync(dir)) throw error;
      continue; // another run moved it aside first
    }
    try {
      renameSync(staging, dir);
    } catch (error) {
      if (!existsSync(dir)) {
        renameSync(old, dir);
        throw error;
      }
      // Another run's complete folder came in between the two renames: the old one can go, and this one replaces it.
      rmSync(old, { recursive: true, force: true });
      if (last) throw error;
      continue;
    }
    rmSync(old, { recursive: true, force: true });
    return;
  }
}

/**
 * A file-system error becomes a UsageError naming the folder, the reason and a fix; anything else — a bug, a
 * UsageError already — passes through.
 */
function asUsageError(error: unknown, at: Where, what: string): unknown {
  if (error instanceof UsageError) return error;
  const message = messages.output.unwritable(internalPathDropped(error), at.dir, what, at.option);
  return message ? new UsageError(message) : error;
}

/** Runs `action`, its file-system errors as UsageErrors; `fine` says when an error is no problem after all. */
function attempt<T>(action: () => T, at: Where, what: string, fine?: (error: unknown) => boolean): T {
  try {
    return action();
  } catch (error) {
    if (fine?.(error)) return undefined as T;
    throw asUsageError(error, at, what);
  }
}

/** This process's temporary names, `<name>.tmp-<pid>` and `<name>.old-<pid>`, anywhere in a path. */
const INTERNAL = new RegExp(`\\.(tmp|old)-${process.pid}(/|$)`);

/**
 * A file-system error without its path when that is one of this writer's temporary names (or `subject`, which the
 * message names anyway): a message names what the user typed, never `<name>.tmp-<pid>`.
 */
function internalPathDropped(error: unknown, subject?: string): unknown {
  const e = error as { code?: unknown; syscall?: unknown; path?: unknown; message?: unknown } | undefined;
  if (typeof e?.path !== 'string' || !(INTERNAL.test(e.path) || e.path === subject)) return error;
  return { code: e.code, syscall: e.syscall, message: e.message };
}
