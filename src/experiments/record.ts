// What an experiment's run.json says about what produced its files (Node only: reads the package version).
import { formatPath } from '../scenario/errors.js';
import { packageInfo } from '../output/write.js';
import type { RunSettings } from '../runner/run.js';
import type { ExperimentBase, PointsOutcome } from './runner.js';
import type { Factor } from './paths.js';
import type { Outcome } from './plan.js';

/** The common part of run.json for a sweep or a sensitivity analysis. */
export function experimentRecord(
  kind: 'sweep' | 'sensitivity',
  base: ExperimentBase,
  outcome: PointsOutcome,
  factors: readonly (Factor & { values?: number[] })[],
  chosen: Outcome,
  notes: readonly string[],
  design: Record<string, unknown>,
) {
  const { resolved } = base;
  const { settings } = outcome;
  const overrides = Object.fromEntries(
    (['runs', 'seed', 'years', 'scale'] as const).filter((k) => settings[k] !== resolved.run[k]).map((k) => [k, settings[k]]),
  );
  return {
    kind,
    scenario: resolved.name,
    description: resolved.description,
    file: base.file,
    package: packageInfo(),
    node: process.version,
    settings,
    overrides,
    threads: outcome.threads,
    wallMs: Math.round(outcome.wallMs),
    design: { ...design, modelRuns: outcome.modelRuns },
    outcome: chosen,
    factors: factors.map((f) => ({
      parameter: f.label,
      path: formatPath(f.path),
      base: f.base,
      range: f.range ?? null,
      source: f.source ?? null,
      ...(f.values ? { values: f.values } : {}),
    })),
    notes: [...notes],
    seeds:
      'Every point runs replications 0 … runs − 1 from the same master seed (the seed column): common random numbers, so points differ by their parameter values, not by chance. Replication r of a point draws from the streams "<seed>/<r>/<stream name>", as a single run does.',
  };
}

/** The scenario as run, with the settings used: each point is it with the point's values set. */
export function inputRecord(base: ExperimentBase, settings: RunSettings) {
  const input = base.resolved.input;
  return { ...input, run: { ...input.run, runs: settings.runs, seed: settings.seed, years: settings.years, scale: settings.scale } };
}
