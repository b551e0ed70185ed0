// run.json: what produced a result folder and how to produce it again — one builder for every command.
import { readFileSync } from 'node:fs';
import type { RunSettings } from '../runner/run.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { WrittenFile } from './folder.js';

let cachedPackage: { name: string; version: string } | undefined;
/** This package's name and version, read from package.json two levels up (from src/output or dist/output). */
export function packageInfo(): { name: string; version: string } {
  if (!cachedPackage) {
    const { name, version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    cachedPackage = { name, version };
  }
  return cachedPackage;
}

/** What every command's run.json records. */
export interface RecordBasis {
  command: 'run' | 'compare' | 'sweep' | 'sensitivity' | 'calibrate' | 'robustness';
  /** The one scenario a run, sweep or sensitivity analysis ran: its name, description, file and input are recorded. */
  scenario?: { resolved: ResolvedScenario; file?: string };
  /** The run block the settings are measured against for `overrides`: the scenario's, or a comparison's baseline's. */
  runBlock: ResolvedScenario['run'];
  settings: RunSettings;
  /**
   * Worker threads and wall time vary from one run to the next, so run.json is the only file that holds them: every
   * table, chart and report.html is the same for the same scenario, seed and settings.
   */
  threads?: number;
  wallMs: number;
}

const OVERRIDABLE = ['runs', 'seed', 'years', 'scale'] as const;

/**
 * A command's run.json: the common part (command, scenario, package and Node versions, settings and the overrides
 * given, threads, wall time), then the command's own fields, then the sizes of the files written beside it and, for
 * a single scenario, its input as run.
 */
export function runRecord<T extends object>(basis: RecordBasis, own: T, files: readonly WrittenFile[]) {
  const { settings, scenario } = basis;
  return {
    command: basis.command,
    ...(scenario ? { scenario: scenario.resolved.name, description: scenario.resolved.description, file: scenario.file } : {}),
    package: packageInfo(),
    node: process.version,
    settings,
    overrides: Object.fromEntries(OVERRIDABLE.filter((k) => settings[k] !== basis.runBlock[k]).map((k) => [k, settings[k]])),
    ...(basis.threads !== undefined ? { threads: basis.threads } : {}),
    wallMs: Math.round(basis.wallMs),
    ...own,
    files: Object.fromEntries(files.map((f) => [f.name, f.bytes])),
    ...(scenario ? { input: inputAsRun(scenario.resolved, settings) } : {}),
  };
}

/** The validated scenario with the settings actually used: run it again to reproduce the figures. */
export function inputAsRun(resolved: ResolvedScenario, settings: RunSettings) {
  const { input } = resolved;
  return { ...input, run: { ...input.run, ...Object.fromEntries(OVERRIDABLE.map((k) => [k, settings[k]])) } };
}
