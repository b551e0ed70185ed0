// What the experiments' CLI tests share: reading a CSV file as cells, and a result folder's files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CSV file as rows of cells (no quoted commas in these files), the header first. */
export const csv = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));

/** Every file of a folder but run.json (which records the wall time and thread count), by name. */
export const contents = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f !== 'run.json')
      .sort()
      .map((f) => [f, readFileSync(join(dir, f))]),
  );
