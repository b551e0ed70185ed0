// Parameter uncertainty in every answer: with a posterior, replication r runs with the parameter values of the particle
// it draws (the same particle for every scenario of a comparison and every point of a sweep), so bands and
// probabilities hold both chance and what the calibration left uncertain.
import { UsageError } from '../core/errors.js';
import { posterior as messages } from '../core/messages.js';
import { findFactor, type Factor } from '../scenario/paths.js';
import { drawParticles, POSTERIOR_STREAM, type Posterior } from '../scenario/posterior.js';
import type { Registry } from '../scenario/registry.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/schema.js';
import { registryOf, variant } from '../scenario/variant.js';
import type { ModelTask } from './scheduler.js';

/** `posterior`: each replication draws its parameters from the posterior; `none`: every replication runs the scenario as written. */
export const UNCERTAINTY_MODES = ['posterior', 'none'] as const;
export type UncertaintyMode = (typeof UNCERTAINTY_MODES)[number];

/** The fewest runs for a 5–95 % band: below 1 / 0.05 runs, its ends are the smallest and largest run (or between them). */
export const RUNS_FOR_BAND = 20;

/** The warning for bands over fewer than RUNS_FOR_BAND runs (what stderr, run.json and the report say), or undefined. */
export function fewRunsWarning(runs: number): string | undefined {
  if (runs >= RUNS_FOR_BAND) return undefined;
  const { message, hint } = messages.fewRuns(runs, RUNS_FOR_BAND);
  return `${message}; ${hint}`;
}

/** The mode asked for, or the default: `posterior` when there is one, else `none`. Asking for a posterior without one is a UsageError. */
export function chooseUncertainty(posterior: Posterior | undefined, requested: string | undefined, scenario: string): UncertaintyMode {
  if (requested !== undefined && !(UNCERTAINTY_MODES as readonly string[]).includes(requested)) throw new UsageError(messages.unknownMode(requested));
  const mode = (requested as UncertaintyMode | undefined) ?? (posterior ? 'posterior' : 'none');
  if (mode === 'posterior' && !posterior) throw new UsageError(messages.none(scenario));
  return mode;
}

/** What a replication ran with: the particle drawn (its row and its number in the file) and its parameter values. */
export interface ReplicationDraw {
  replication: number;
  /** The row of posterior.csv, from 0. */
  row: number;
  /** The particle's number (its `particle` column). */
  particle: number;
  values: number[];
}

/** What run.json records of the uncertainty of a command's runs. */
export interface UncertaintyRecord {
  mode: UncertaintyMode;
  /** The posterior file (absolute path), with mode posterior. */
  posterior?: string;
  parameters?: string[];
  particles?: number;
  draws?: ReplicationDraw[];
}

/** The particle each replication 0 … runs − 1 draws (see drawParticle), with its values. */
export function replicationDraws(posterior: Posterior, seed: number, runs: number): ReplicationDraw[] {
  return drawParticles(posterior, seed, runs).map((row, replication) => ({
    replication,
    row,
    particle: posterior.particles[row],
    values: [...posterior.values[row]],
  }));
}

/** run.json's account of the uncertainty. */
export function uncertaintyRecord(mode: UncertaintyMode, posterior: Posterior | undefined, draws: readonly ReplicationDraw[] | undefined): UncertaintyRecord {
  if (mode === 'none' || !posterior || !draws) return { mode: 'none' };
  return { mode, posterior: posterior.file, parameters: [...posterior.parameters], particles: posterior.particles.length, draws: [...draws] };
}

/** run.json's note on the uncertainty. */
export function uncertaintyNote(record: UncertaintyRecord): string {
  return record.mode === 'posterior'
    ? `Replication r drew one particle of the posterior (probability ∝ weight) from the random stream "<seed>/<r>/${POSTERIOR_STREAM}" and ran with its parameter values (draws: particle and values in the order of parameters); every scenario of a comparison and every point of a sweep drew the same particle in run r, a swept parameter keeping its swept value. Bands and probabilities hold both chance and parameter uncertainty.`
    : 'No parameter uncertainty: every replication ran the scenario with its parameter values as written, so bands and probabilities reflect chance only (the random draws of each run).';
}

/**
 * The scenarios of a posterior's particles for one scenario, made on demand and kept by particle (and by what else
 * is fixed, e.g. a sweep's point), so each distinct setting is validated and resolved once: replications that draw
 * one particle share its resolved scenario.
 */
export class ParticleScenarios {
  private readonly cache = new Map<string, ResolvedScenario>();
  private readonly factors: Factor[];
  private readonly registry: Registry;
  readonly notes = new Set<string>();

  constructor(
    private readonly base: { scenario: Scenario; resolved: ResolvedScenario },
    private readonly posterior: Posterior,
  ) {
    // The posterior was checked against the scenario it came with; another scenario of a comparison may lack a parameter (a UsageError).
    this.factors = posterior.parameters.map((label) => findFactor(base.scenario, label));
    this.registry = registryOf(base.resolved);
  }

  /**
   * The scenario of particle `row`, with `fixed` factors (a sweep's point) set on top: a parameter both fitted and
   * fixed takes the fixed value. `key` names the fixed values (one per distinct point).
   */
  get(row: number, fixed: { factors: readonly Factor[]; values: readonly number[]; key: string } = { factors: [], values: [], key: '' }): ResolvedScenario {
    const key = `${fixed.key}#${row}`;
    const known = this.cache.get(key);
    if (known) return known;
    const fixedLabels = new Set(fixed.factors.map((f) => f.label));
    const drawn = this.factors.flatMap((f, j) => (fixedLabels.has(f.label) ? [] : [{ factor: f, value: this.posterior.values[row][j] }]));
    const factors = [...drawn.map((d) => d.factor), ...fixed.factors];
    const values = [...drawn.map((d) => d.value), ...fixed.values];
    const line = this.posterior.lines[row];
    const describe = `particle ${this.posterior.particles[row]} of ${this.posterior.file} (line ${line})${fixed.factors.length ? ` with ${fixed.factors.map((f, k) => `${f.label} = ${fixed.values[k]}`).join(', ')}` : ''}`;
    const { resolved, notes } = variant(this.base.scenario, this.registry, factors, values, describe);
    notes.forEach((n) => this.notes.add(n));
    this.cache.set(key, resolved);
    return resolved;
  }
}

/**
 * Replications 0 … runs − 1 of a scenario, replication r running with the particle draws[r] (ParticleScenarios.get):
 * the tasks of `sim --scenario` and of each scenario of `sim compare` with a posterior.
 */
export function drawnReplicationTasks(
  particles: ParticleScenarios,
  draws: readonly ReplicationDraw[],
  settings: { seed: number; years: number; scale: number },
): ModelTask[] {
  const { seed, years, scale } = settings;
  return draws.map(({ replication, row }) => ({ scenario: particles.get(row), options: { replication, seed, years, scale } }));
}
