// A calibration's posterior ensemble (posterior.csv) as plain data: reading and checking it against a scenario, and
// drawing a replication's particle. Pure: the loader (load.ts) reads the file; no I/O here.
import { ScenarioError, UsageError, type ScenarioIssue } from '../core/errors.js';
import { posterior as messages, type Message } from '../core/messages.js';
import { pick, stream } from '../core/random.js';
import { findFactor, type Factor } from './paths.js';
import type { Scenario } from './schema.js';

/**
 * A posterior ensemble: weighted particles, each a value of every fitted parameter. Plain data (numbers and texts),
 * so it crosses to worker threads and into run.json as it is.
 */
export interface Posterior {
  /** Absolute path of the file it was read from. */
  file: string;
  /** The fitted parameters, by their canonical path in the scenario (`locations.bazhong.jobSlack`), in column order. */
  parameters: string[];
  /** Each particle's number (the `particle` column), in file order. */
  particles: number[];
  /** Each particle's weight, normalised to sum to 1. */
  weights: number[];
  /** values[k][j]: particle k's value of parameter j. */
  values: number[][];
  /** The line of the file each particle is on (from 1; the header is line 1), for messages. */
  lines: number[];
}

/** The columns before the parameters, as sim calibrate writes them. */
export const POSTERIOR_COLUMNS = ['particle', 'weight', 'distance'] as const;

/** The name of the random stream a replication draws its particle from: `<seed>/<replication>/posterior`. */
export const POSTERIOR_STREAM = 'posterior';

/** Splits one CSV line into fields (RFC 4180 quoting, as csv-stringify writes it). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let text = '';
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === '"' && line[j + 1] === '"') {
          text += '"';
          j++;
        } else if (line[j] === '"') break;
        else text += line[j];
      }
      fields.push(text);
      const comma = line.indexOf(',', j);
      i = comma < 0 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end).trim());
      i = end + 1;
    }
  }
  return fields;
}

/**
 * Reads posterior.csv (its text) for a scenario: the header `particle,weight,distance,<parameter>,…`, each parameter
 * a path of the scenario with a declared range, and one row per particle with a whole particle number (each once), a
 * positive weight and a number for every parameter (the distance may be empty). Weights are normalised to sum to 1.
 * Every problem is a ScenarioError naming the file and line.
 */
export function parsePosterior(text: string, file: string, scenario: Scenario): Posterior {
  const fail = (line: number, m: Message, column?: number): never => {
    throw new ScenarioError([{ path: [], file, line, ...(column !== undefined ? { column } : {}), ...m } satisfies ScenarioIssue]);
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = csvFields(lines[0] ?? '');
  if (POSTERIOR_COLUMNS.some((c, k) => header[k] !== c)) fail(1, messages.badHeader((lines[0] ?? '').slice(0, 120)));
  const columns = header.slice(POSTERIOR_COLUMNS.length);
  if (columns.length === 0) fail(1, messages.noParameters());
  const factors: Factor[] = columns.map((column, j) => {
    let factor: Factor | undefined;
    try {
      factor = findFactor(scenario, column);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      // findFactor's message reads `unknown parameter path "x": why`; the column names the path here.
      const why = error.message.split('\n    fix: ')[0].replace(/^unknown parameter path "[^"]*": /, '');
      fail(1, messages.unknownParameter(column, why, error.hint ?? 'name the parameter by its path, as sim sweep --vary takes it'), columnOf(lines[0], j + 3));
    }
    if (!factor!.range) fail(1, messages.noRange(column, factor!.base), columnOf(lines[0], j + 3));
    return factor!;
  });
  factors.forEach((f, j) => {
    const first = factors.findIndex((g) => g.label === f.label);
    if (first < j) fail(1, messages.parameterTwice(columns[j], f.label, first + POSTERIOR_COLUMNS.length + 1), columnOf(lines[0], j + 3));
  });

  const out: Posterior = { file, parameters: factors.map((f) => f.label), particles: [], weights: [], values: [], lines: [] };
  const seen = new Map<number, number>();
  for (let n = 1; n < lines.length; n++) {
    if (lines[n].trim() === '') continue;
    const line = n + 1;
    const fields = csvFields(lines[n]);
    if (fields.length !== header.length) fail(line, messages.fieldCount(fields.length, header.length));
    const number = (k: number, name: string) => {
      const v = fields[k] === '' ? NaN : Number(fields[k]);
      if (!Number.isFinite(v)) fail(line, messages.notANumber(name, fields[k]), columnOf(lines[n], k));
      return v;
    };
    const particle = Number(fields[0]);
    if (fields[0] === '' || !Number.isInteger(particle) || particle < 0) fail(line, messages.particleNotWhole(fields[0]), 1);
    if (seen.has(particle)) fail(line, messages.particleTwice(particle, seen.get(particle)!), 1);
    seen.set(particle, line);
    const weight = number(1, 'weight');
    if (!(weight > 0)) fail(line, messages.weightNotPositive(fields[1]), columnOf(lines[n], 1));
    out.particles.push(particle);
    out.weights.push(weight);
    out.values.push(columns.map((c, j) => number(j + POSTERIOR_COLUMNS.length, c)));
    out.lines.push(line);
  }
  if (out.particles.length === 0) fail(lines.length > 1 ? 2 : 1, messages.empty());
  const total = out.weights.reduce((a, b) => a + b, 0);
  out.weights = out.weights.map((w) => w / total);
  return out;
}

/** The column (from 1) where field k of a CSV line starts; 1 when it cannot be told (quotes). */
function columnOf(line: string, k: number): number {
  let at = 0;
  for (let i = 0; i < k; i++) {
    const comma = line.indexOf(',', at);
    if (comma < 0) return 1;
    at = comma + 1;
  }
  return at + 1;
}

/** Cumulative weights, the last the total: what `pick` draws from. */
export function cumulativeWeights(posterior: Pick<Posterior, 'weights'>): Float64Array {
  const cumulative = new Float64Array(posterior.weights.length);
  let sum = 0;
  posterior.weights.forEach((w, k) => (cumulative[k] = sum += w));
  return cumulative;
}

/**
 * The particle (its row, from 0) that replication r draws: one uniform from the stream `<seed>/<r>/posterior`, with
 * probability ∝ weight. It depends only on the seed and r, so every scenario of a comparison and every point of a
 * sweep draw the same particle in run r (paired), whatever the thread count.
 */
export function drawParticle(cumulative: ArrayLike<number>, seed: number, replication: number): number {
  return pick(cumulative, stream(seed, replication, POSTERIOR_STREAM));
}

/** The particles (rows) drawn by replications 0 … runs − 1. */
export function drawParticles(posterior: Pick<Posterior, 'weights'>, seed: number, runs: number): number[] {
  const cumulative = cumulativeWeights(posterior);
  return Array.from({ length: runs }, (_, r) => drawParticle(cumulative, seed, r));
}
