// The parts of `sim report` every kind of folder shares: run.json read and checked field by field, a scenario
// rebuilt from the input it records, and a CSV file of the folder read as rows — each problem a UsageError that
// names the file and the fix.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../core/errors.js';
import { report as messages } from '../core/messages.js';
import type { RunSettings } from '../runner/run.js';
import { resolveScenario, type ResolvedScenario } from '../scenario/resolve.js';
import { Scenario } from '../scenario/schema.js';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A folder's run.json, read: its fields checked as they are taken, and the folder's other files read as tables. */
export interface FolderRecord {
  dir: string;
  /** The folder as the messages name it. */
  shown: string;
  record: Json;
  /** run.json as the messages name it. */
  recordShown: string;
  /** `value` (a field of run.json called `name`) if `ok`, else a UsageError naming the field. */
  field<T>(value: unknown, name: string, ok: (v: unknown) => boolean): T;
  /** run.json's settings (runs, seed, years, scale, startYear, ticksPerYear). */
  settings(): RunSettings;
  /**
   * A scenario recorded in run.json (`input`, the scenario as run), parsed and resolved again. The run settings given
   * on the command line (run.json's `overrides`) become NaN in the resolved run block, so that runRecord records them
   * as overrides again; nothing else reads the run block of a folder read back (the settings are given).
   */
  scenario(input: unknown, name: string): { scenario: Scenario; resolved: ResolvedScenario };
  /** The rows of the folder's CSV file `file`, its header first. */
  table(file: string): string[][];
}

export function folderRecord(dir: string, shown: string, record: Json): FolderRecord {
  const recordShown = join(shown, 'run.json');
  const field = <T>(value: unknown, name: string, ok: (v: unknown) => boolean): T => {
    if (!ok(value)) throw new UsageError(messages.missingField(recordShown, name));
    return value as T;
  };
  return {
    dir,
    shown,
    record,
    recordShown,
    field,
    settings: () =>
      field<RunSettings>(
        record.settings,
        'settings',
        (v) => isObject(v) && ['runs', 'seed', 'years', 'scale', 'startYear', 'ticksPerYear'].every((k) => isNumber(v[k])),
      ),
    scenario(input, name) {
      const parsed = Scenario.safeParse(field<unknown>(input, name, isObject));
      if (!parsed.success) throw new UsageError(messages.missingField(recordShown, name));
      const overrides = field<Json>(record.overrides ?? {}, 'overrides', isObject);
      try {
        const resolved = resolveScenario(parsed.data);
        const run = { ...resolved.run, ...Object.fromEntries(Object.keys(overrides).map((k) => [k, NaN])) };
        return { scenario: parsed.data, resolved: { ...resolved, run } };
      } catch (error) {
        throw new UsageError(
          messages.unreadableRecord(recordShown, `its scenario (${name}) does not resolve: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    },
    table(file) {
      const path = join(dir, file);
      const fileShown = join(shown, file);
      if (!existsSync(path)) throw new UsageError(messages.badTable(fileShown, 0, 'the file is missing'));
      try {
        return parse(readFileSync(path, 'utf8'), { relax_column_count: false }) as string[][];
      } catch (error) {
        throw new UsageError(messages.badTable(fileShown, 0, `not a CSV file (${error instanceof Error ? error.message : String(error)})`));
      }
    },
  };
}

/** A number cell of a raw file written at full precision (csvExactNumber): empty is NaN, Inf and -Inf the infinities; undefined if not a number. */
export function exactCell(text: string): number | undefined {
  const value = text === '' ? NaN : text === 'Inf' ? Infinity : text === '-Inf' ? -Infinity : Number(text);
  return text.trim() !== text || (text !== '' && Number.isNaN(value)) ? undefined : value;
}
