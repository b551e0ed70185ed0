// What an experiment's run.json says about what produced its files: the common run.json and the design.
import type { WrittenFile } from '../output/folder.js';
import { runRecord } from '../output/record.js';
import { formatPath } from '../core/errors.js';
import type { Factor } from './paths.js';
import type { Outcome } from './plan.js';
import type { ExperimentBase, PointsOutcome } from './runner.js';

/** The run.json of a sweep or a sensitivity analysis; `extra` holds what only one of them records. */
export function experimentRecord(
  kind: 'sweep' | 'sensitivity',
  base: ExperimentBase,
  outcome: PointsOutcome,
  factors: readonly (Factor & { values?: number[] })[],
  chosen: Outcome,
  notes: readonly string[],
  design: Record<string, unknown>,
  extra: Record<string, unknown>,
  files: readonly WrittenFile[],
) {
  const { settings } = outcome;
  return runRecord(
    { command: kind, scenario: base, runBlock: base.resolved.run, settings, threads: outcome.threads, wallMs: outcome.wallMs },
    {
      kind,
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
      ...extra,
    },
    files,
  );
}
