// Writes an experiment's result folder all or nothing: into a temporary sibling, renamed into place when complete (Node only).
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../scenario/errors.js';
import { checkOutputTarget, csvCast, swapIn, type WriteOptions, type WrittenOutputs } from '../output/write.js';

/** A CSV table as text: a header line, then one line per row (values in column order). */
export function csvText(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify(rows as unknown[][], { header: true, columns: [...columns], cast: csvCast });
}

/**
 * The folder an experiment writes to: `out`, or output/<name> (e.g. output/baseline-sweep). Checked before a long
 * run so that a bad --out is reported at once; like a scenario's outputs, an existing folder is replaced only if it
 * is empty or holds an earlier result set (a run.json).
 */
export function experimentOutputDir(name: string, options: WriteOptions = {}): string {
  return checkOutputTarget(name, options);
}

/**
 * Lets `fill` write the files into `<dir>.tmp-<pid>`, then puts that folder in place of `dir`, keeping any earlier
 * folder until the new one is in: a run that fails half-way leaves the earlier results and no partial folder.
 * `fill` returns the names of the files it wrote, in order.
 */
export async function writeFolder(dir: string, fill: (staging: string) => Promise<string[]>): Promise<WrittenOutputs> {
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging, { recursive: true });
    const names = await fill(staging);
    const files = names.map((name) => ({ name, bytes: statSync(join(staging, name)).size }));
    swapIn(staging, dir);
    return { dir, files };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code && ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR'].includes(code))
      throw new UsageError(`cannot write the output folder ${dir}: ${(error as Error).message}\n    fix: choose a folder you can write to with --out DIR`);
    throw error;
  }
}

/** Writes one text file into a folder; returns its name. */
export function writeText(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text, { flag: 'wx' });
  return name;
}
