// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC) with an adaptive tolerance schedule.
//
// What: a weighted sample ("particles") from the ABC posterior of parameters θ with a uniform prior on a box, for a
// model we can only simulate: a proposal is accepted when the distance between its simulated moments and the target
// moments is at most a tolerance ε, and ε shrinks from one generation to the next.
//
// How (Beaumont, Cornuet, Marin & Robert 2009, "Adaptive approximate Bayesian computation", Biometrika 96(4)):
//   generation 0   samples the prior; every proposal with a finite distance is accepted (ε_0 is recorded as the
//                  largest accepted distance, a JSON-safe stand-in for +∞);
//   generation t   ε_t = the `quantile` (e.g. the weighted median) of generation t−1's distances: the adaptive
//                  schedule of Del Moral, Doucet & Jasra (2012, Statistics and Computing 22) and pyabc's default
//                  (QuantileEpsilon, α = 0.5, weighted);
//                  a proposal picks an ancestor θ_j with probability w_j and moves it by a Gaussian kernel
//                  K(· | θ_j) = N(θ_j, Σ) with Σ = 2 × the weighted covariance of generation t−1 (full matrix, drawn
//                  through its Cholesky factor): Beaumont et al.'s choice, which Filippi, Barnes, Cornebise & Stumpf
//                  (2013, SAGMB 12(1)) show to be a good global kernel;
//                  a proposal outside the box has prior density 0 and is redrawn without being simulated;
//                  accepted particles are weighted w_i ∝ π(θ_i) / Σ_j w_j K(θ_i | θ_j), normalised to sum to 1
//                  (with a uniform prior π is constant inside the box and cancels).
//   stop           after `maxGenerations` generations (generation 0 included, as pyabc's max_nr_populations); after a
//                  generation whose acceptance rate fell below `minAcceptanceRate`; after a generation whose ε is at
//                  most `minEpsilon`; or when a generation has spent particles ÷ minAcceptanceRate simulations without
//                  accepting enough particles (its rate can no longer reach the minimum, as pyabc's max_eval): that
//                  incomplete generation is summarised in the history (complete: false) and the previous one is the
//                  result.
//
// Simulations run in batches of `batchSize` proposals through the caller's `distance` (which may run them in
// parallel). Within a generation, acceptances are taken in evaluation order and the surplus of the last batch (those
// with the highest evaluation indices) is dropped, so a generation has exactly `particles` particles.
//
// Determinism: the random numbers of generation g, batch b come from their own stream seeded by (seed, g, b)
// (src/core/random.ts), and the algorithm reads nothing but those streams and the distances. A run is therefore the
// same for a seed whatever the batch timing, and a run resumed from a state saved at a generation boundary (including
// one that went through JSON) ends exactly as an uninterrupted one. Evaluation indices count up from 0 over the whole
// run (they are `simulations` before the batch), so the caller can derive each model run's seed from its index.
//
// Pure: no I/O, no clock, no Math.random; it never prints.
import { stream, type Uniform } from '../core/random.js';

/** Settings of an ABC-SMC run. */
export interface AbcSmcOptions {
  /** Accepted particles per generation (the population size). */
  particles: number;
  /** Generations at most, generation 0 (the prior sample) included. */
  maxGenerations: number;
  /** ε_t is this quantile of generation t−1's weighted distances (0 < quantile < 1; pyabc's default is 0.5). */
  quantile: number;
  /** Stop after a generation whose acceptance rate (accepted ÷ simulated) is below this (e.g. 0.02; 0 never stops). */
  minAcceptanceRate: number;
  /** Stop after a generation whose ε is at most this. */
  minEpsilon?: number;
  /** Proposals simulated per call of `distance`. */
  batchSize: number;
  /** Seed of the random streams. */
  seed: number;
}

/** One accepted parameter vector. */
export interface Particle {
  /** Parameter values, one per bound. */
  theta: number[];
  /** Importance weight; a generation's weights sum to 1. */
  weight: number;
  /** Distance of its simulation to the targets. */
  distance: number;
  /** Evaluation index of its simulation, unique across the run. */
  index: number;
}

/** What one generation did. */
export interface GenerationSummary {
  generation: number;
  /** Tolerance: the largest accepted distance in generation 0, the quantile of the previous generation's after. */
  epsilon: number;
  /** Proposals within ε, surplus included (so acceptanceRate = accepted ÷ simulations). */
  accepted: number;
  /** Proposals simulated in this generation (proposals outside the box are not simulated and not counted). */
  simulations: number;
  acceptanceRate: number;
  /** Effective sample size of the weights, 1 / Σ w² (0 for an incomplete generation). */
  ess: number;
  /** False for a generation stopped because its acceptance rate could no longer reach minAcceptanceRate. */
  complete: boolean;
}

/** Why a run stopped. */
export type AbcSmcStopReason = 'maxGenerations' | 'acceptanceRate' | 'minEpsilon';

/** The state of a run at a generation boundary: JSON-serialisable, and enough to resume it. */
export interface AbcSmcState {
  /** The generation `particles` belong to. */
  generation: number;
  particles: Particle[];
  /** One summary per generation run, an incomplete last one included. */
  history: GenerationSummary[];
  /** Simulations over the whole run: also the next evaluation index. */
  simulations: number;
  done: boolean;
  /** Set when done. */
  stopReason?: AbcSmcStopReason;
}

/** A batch of proposals to simulate: their parameter values and evaluation indices. */
export interface AbcSmcBatch {
  thetas: number[][];
  indices: number[];
}

/** Distances of a batch's simulations to the targets, in order; a non-finite distance (a failed run) is never accepted. */
export type AbcSmcDistance = (batch: AbcSmcBatch) => Promise<number[]>;

export interface AbcSmcHooks {
  /** A state saved at a generation boundary (from onGeneration or an earlier result) to continue from. */
  resume?: AbcSmcState;
  /** Called (and awaited) after every completed generation with the new state, e.g. to save it. */
  onGeneration?: (state: AbcSmcState) => void | Promise<void>;
  /** Called after every batch with the run's simulations so far, e.g. for progress. */
  onBatch?: (simulationsSoFar: number) => void;
  /** Checked before every batch: when aborted, the run throws the signal's reason. */
  signal?: AbortSignal;
}

/** Runs (or resumes) ABC-SMC and returns the final state. */
export async function abcSmc(
  bounds: readonly (readonly [number, number])[],
  distance: AbcSmcDistance,
  options: AbcSmcOptions,
  hooks: AbcSmcHooks = {},
): Promise<AbcSmcState> {
  checkOptions(bounds, options);
  // Marks a state done when a stopping rule holds after its last generation.
  const judge = (state: AbcSmcState): AbcSmcState => {
    const reason = stopReason(state, options);
    return reason ? { ...state, done: true, stopReason: reason } : state;
  };
  let state: AbcSmcState;
  if (hooks.resume) {
    // A resumed state is judged again under the current options (a run stopped by maxGenerations may go on).
    if (hooks.resume.particles.some((p) => p.theta.length !== bounds.length))
      throw new RangeError(`abcSmc: the state to resume has particles of another dimension than the ${bounds.length} bounds`);
    const { stopReason: _, ...saved } = structuredClone(hooks.resume);
    state = judge({ ...saved, done: false });
  } else {
    state = judge(await generationZero(bounds, distance, options, hooks));
    await hooks.onGeneration?.(state);
  }
  while (!state.done) {
    state = judge(await nextGeneration(state, bounds, distance, options, hooks));
    await hooks.onGeneration?.(state);
  }
  return state;
}

/** Why a run should stop after its last generation, if it should. */
function stopReason(state: AbcSmcState, options: AbcSmcOptions): AbcSmcStopReason | undefined {
  const last = state.history[state.history.length - 1];
  if (!last.complete || last.acceptanceRate < options.minAcceptanceRate) return 'acceptanceRate';
  if (options.minEpsilon !== undefined && last.epsilon <= options.minEpsilon) return 'minEpsilon';
  if (state.generation + 1 >= options.maxGenerations) return 'maxGenerations';
  return undefined;
}

function checkOptions(bounds: readonly (readonly [number, number])[], options: AbcSmcOptions): void {
  if (!bounds.length) throw new RangeError('abcSmc needs at least one parameter');
  for (const [lower, upper] of bounds)
    if (!(Number.isFinite(lower) && Number.isFinite(upper) && lower < upper)) throw new RangeError(`abcSmc: bounds [${lower}, ${upper}] are not a finite box`);
  const whole = (name: keyof AbcSmcOptions, min: number) => {
    const value = options[name];
    if (!Number.isInteger(value) || (value as number) < min) throw new RangeError(`abcSmc: ${name} must be a whole number ≥ ${min}, not ${value}`);
  };
  whole('particles', 2);
  whole('maxGenerations', 1);
  whole('batchSize', 1);
  if (!(options.quantile > 0 && options.quantile < 1)) throw new RangeError(`abcSmc: quantile must lie strictly between 0 and 1, not ${options.quantile}`);
  if (!(options.minAcceptanceRate >= 0 && options.minAcceptanceRate < 1))
    throw new RangeError(`abcSmc: minAcceptanceRate must lie in [0, 1), not ${options.minAcceptanceRate}`);
}

/** The random numbers of one batch of one generation. */
const batchStream = (seed: number, generation: number, batch: number): Uniform => stream(seed, generation, `abc-smc/batch/${batch}`);

/** Simulations a generation may spend before its acceptance rate can no longer reach the minimum. */
const simulationCap = (options: AbcSmcOptions) => (options.minAcceptanceRate > 0 ? Math.ceil(options.particles / options.minAcceptanceRate) : Infinity);

/** Generation 0: the prior sample; every finite distance is accepted. */
async function generationZero(
  bounds: readonly (readonly [number, number])[],
  distance: AbcSmcDistance,
  options: AbcSmcOptions,
  hooks: AbcSmcHooks,
): Promise<AbcSmcState> {
  const accepted: Omit<Particle, 'weight'>[] = [];
  let simulations = 0;
  // Without a minimum acceptance rate, still give up on a prior sample whose runs nearly all fail.
  const cap = Math.min(simulationCap(options), 100 * options.particles);
  for (let batch = 0; accepted.length < options.particles && simulations < cap; batch++) {
    hooks.signal?.throwIfAborted();
    const uniform = batchStream(options.seed, 0, batch);
    // Only as many as still needed: in generation 0 every proposal is accepted unless its run fails.
    const size = Math.min(options.batchSize, options.particles - accepted.length);
    const thetas = Array.from({ length: size }, () => bounds.map(([lower, upper]) => lower + (upper - lower) * uniform()));
    const indices = thetas.map((_, k) => simulations + k);
    const distances = await simulate(distance, thetas, indices);
    simulations += size;
    hooks.onBatch?.(simulations);
    for (let k = 0; k < size; k++) if (Number.isFinite(distances[k])) accepted.push({ theta: thetas[k], distance: distances[k], index: indices[k] });
  }
  const kept = accepted.slice(0, options.particles);
  const complete = kept.length === options.particles;
  const summary: GenerationSummary = {
    generation: 0,
    epsilon: kept.reduce((max, p) => Math.max(max, p.distance), 0),
    accepted: accepted.length,
    simulations,
    acceptanceRate: accepted.length / simulations,
    ess: complete ? kept.length : 0,
    complete,
  };
  // With too many failed runs generation 0 cannot be completed, and there is no earlier generation to fall back on.
  if (!complete) throw new Error(`abcSmc: only ${kept.length} of ${simulations} prior simulations gave a finite distance; ${options.particles} were needed`);
  return { generation: 0, particles: kept.map((p) => ({ ...p, weight: 1 / kept.length })), history: [summary], simulations, done: false };
}

/** Generation t + 1 from the state at generation t. */
async function nextGeneration(
  state: AbcSmcState,
  bounds: readonly (readonly [number, number])[],
  distance: AbcSmcDistance,
  options: AbcSmcOptions,
  hooks: AbcSmcHooks,
): Promise<AbcSmcState> {
  const generation = state.generation + 1;
  const previous = state.particles;
  const thetas = previous.map((p) => p.theta);
  const weights = previous.map((p) => p.weight);
  const epsilon = weightedQuantile(
    previous.map((p) => p.distance),
    weights,
    options.quantile,
  );
  const kernel = gaussianKernel(thetas, weights, bounds);
  const cumulative = cumulativeSums(weights);

  const accepted: Omit<Particle, 'weight'>[] = [];
  let simulations = 0;
  let index = state.simulations;
  const cap = simulationCap(options);
  for (let batch = 0; accepted.length < options.particles && simulations < cap; batch++) {
    hooks.signal?.throwIfAborted();
    const uniform = batchStream(options.seed, generation, batch);
    const size = Math.min(options.batchSize, cap - simulations);
    const proposals: number[][] = [];
    // Redraw proposals outside the box (prior density 0) without simulating them; give up if the kernel almost
    // never lands inside, which would mean a degenerate population.
    for (let tries = 0; proposals.length < size; tries++) {
      if (tries > 1000 * size + 10000) throw new Error(`abcSmc: generation ${generation} cannot propose inside the bounds`);
      const proposal = kernel.draw(thetas[pickIndex(cumulative, uniform())], uniform);
      if (inside(proposal, bounds)) proposals.push(proposal);
    }
    const indices = proposals.map((_, k) => index + k);
    const distances = await simulate(distance, proposals, indices);
    index += size;
    simulations += size;
    hooks.onBatch?.(index);
    for (let k = 0; k < size; k++) if (distances[k] <= epsilon) accepted.push({ theta: proposals[k], distance: distances[k], index: indices[k] });
  }

  const kept = accepted.slice(0, options.particles);
  const complete = kept.length === options.particles;
  const newWeights = complete ? importanceWeights(kept, thetas, weights, kernel) : [];
  const summary: GenerationSummary = {
    generation,
    epsilon,
    accepted: accepted.length,
    simulations,
    acceptanceRate: accepted.length / simulations,
    ess: complete ? 1 / newWeights.reduce((sum, w) => sum + w * w, 0) : 0,
    complete,
  };
  const history = [...state.history, summary];
  // An incomplete generation is recorded but not adopted: the previous population stays the result.
  if (!complete) return { ...state, history, simulations: index };
  return { generation, particles: kept.map((p, i) => ({ ...p, weight: newWeights[i] })), history, simulations: index, done: false };
}

/** Calls the caller's distance and checks its answer's shape. */
async function simulate(distance: AbcSmcDistance, thetas: number[][], indices: number[]): Promise<number[]> {
  const distances = await distance({ thetas, indices });
  if (!Array.isArray(distances) || distances.length !== thetas.length)
    throw new Error(
      `abcSmc: the distance function returned ${Array.isArray(distances) ? distances.length : typeof distances} values for a batch of ${thetas.length}`,
    );
  return distances;
}

const inside = (theta: readonly number[], bounds: readonly (readonly [number, number])[]) => theta.every((x, i) => x >= bounds[i][0] && x <= bounds[i][1]);

/**
 * Importance weights of the new particles: w_i ∝ π(θ_i) / Σ_j w_j K(θ_i | θ_j), with π uniform (constant inside the
 * box, so it cancels) and the kernel's normalising constant cancelling too. Computed in logs (log-sum-exp) so that a
 * particle far from every ancestor does not underflow to a zero denominator; normalised to sum to 1.
 */
function importanceWeights(
  particles: readonly Omit<Particle, 'weight'>[],
  ancestors: readonly number[][],
  ancestorWeights: readonly number[],
  kernel: GaussianKernel,
): number[] {
  const logWeights = particles.map((p) => {
    const terms = ancestors.map((a, j) => Math.log(ancestorWeights[j]) + kernel.logDensity(p.theta, a));
    return -logSumExp(terms);
  });
  const top = Math.max(...logWeights);
  const raw = logWeights.map((l) => Math.exp(l - top));
  const total = raw.reduce((sum, w) => sum + w, 0);
  return raw.map((w) => w / total);
}

function logSumExp(values: readonly number[]): number {
  const top = Math.max(...values);
  if (top === -Infinity) return -Infinity;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - top);
  return top + Math.log(sum);
}

interface GaussianKernel {
  /** A draw from N(centre, Σ). */
  draw(centre: readonly number[], uniform: Uniform): number[];
  /** log N(x; centre, Σ) up to a constant shared by all pairs: −½ (x − c)ᵀ Σ⁻¹ (x − c). */
  logDensity(x: readonly number[], centre: readonly number[]): number;
}

/**
 * The perturbation kernel: a multivariate normal with covariance Σ = 2 × the weighted covariance of the previous
 * population (Beaumont et al. 2009), Σ = L Lᵀ by Cholesky. The weighted covariance is Σ_i w_i (θ_i − m)(θ_i − m)ᵀ
 * with normalised weights (no small-sample correction). When the population has collapsed in some direction (Σ
 * singular), a small ridge is added to the diagonal, growing from 1e-10 of the box's squared widths until the
 * factorisation succeeds, so the kernel always keeps some spread.
 */
function gaussianKernel(thetas: readonly number[][], weights: readonly number[], bounds: readonly (readonly [number, number])[]): GaussianKernel {
  const d = bounds.length;
  const mean = Array.from({ length: d }, (_, a) => thetas.reduce((sum, t, i) => sum + weights[i] * t[a], 0));
  const covariance = Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => 2 * thetas.reduce((sum, t, i) => sum + weights[i] * (t[a] - mean[a]) * (t[b] - mean[b]), 0)),
  );
  let lower = cholesky(covariance);
  for (let ridge = 1e-10; !lower; ridge *= 10)
    lower = cholesky(covariance.map((row, a) => row.map((v, b) => (a === b ? v + ridge * (bounds[a][1] - bounds[a][0]) ** 2 : v))));
  const factor = lower;
  return {
    draw(centre, uniform) {
      const z = Array.from({ length: d }, () => standardNormal(uniform));
      return centre.map((c, a) => {
        let x = c;
        for (let b = 0; b <= a; b++) x += factor[a][b] * z[b];
        return x;
      });
    },
    logDensity(x, centre) {
      // Solve L y = x − c by forward substitution; then (x − c)ᵀ Σ⁻¹ (x − c) = |y|².
      const y = new Array<number>(d);
      let squared = 0;
      for (let a = 0; a < d; a++) {
        let v = x[a] - centre[a];
        for (let b = 0; b < a; b++) v -= factor[a][b] * y[b];
        y[a] = v / factor[a][a];
        squared += y[a] * y[a];
      }
      return -0.5 * squared;
    },
  };
}

/** Lower-triangular L with L Lᵀ = m, or undefined when m is not (numerically) positive definite. */
function cholesky(m: readonly number[][]): number[][] | undefined {
  const d = m.length;
  const l = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = m[a][b];
      for (let k = 0; k < b; k++) sum -= l[a][k] * l[b][k];
      if (a === b) {
        if (!(sum > 0)) return undefined;
        l[a][a] = Math.sqrt(sum);
      } else l[a][b] = sum / l[b][b];
    }
  }
  return l;
}

/** A standard normal draw by Box–Muller (two uniforms a draw, no cached second value, so a draw depends on nothing else). */
function standardNormal(uniform: Uniform): number {
  const u1 = uniform() || Number.MIN_VALUE;
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function cumulativeSums(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

/** The index drawn by u ∈ [0, 1) from cumulative weights, by binary search (first entry above u × total). */
function pickIndex(cumulative: readonly number[], u: number): number {
  const target = u * cumulative[cumulative.length - 1];
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (target < cumulative[mid]) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * The weighted q-quantile of values: sort (ties by position, so it is deterministic), place each value at the
 * midpoint of its cumulative weight, p_k = (W_k − w_k / 2) / W, and interpolate linearly between those points
 * (constant beyond the first and last). With equal weights this is the Hazen quantile, (k − ½) / n.
 */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const total = weights.reduce((sum, w) => sum + w, 0);
  let cumulative = 0;
  const points = order.map((i) => {
    cumulative += weights[i];
    return { p: (cumulative - weights[i] / 2) / total, v: values[i] };
  });
  if (q <= points[0].p) return points[0].v;
  for (let k = 1; k < points.length; k++) {
    if (q <= points[k].p) {
      const { p: p0, v: v0 } = points[k - 1];
      const { p: p1, v: v1 } = points[k];
      return p1 > p0 ? v0 + ((q - p0) / (p1 - p0)) * (v1 - v0) : v1;
    }
  }
  return points[points.length - 1].v;
}

/** Posterior summary of one parameter. */
export interface ParameterSummary {
  mean: number;
  sd: number;
  q05: number;
  q50: number;
  q95: number;
  /**
   * Posterior sd ÷ prior sd (the uniform prior's sd is (upper − lower) / √12). Near 1: the targets do not inform the
   * parameter (it is not identified by them); well below 1: they do.
   */
  sdRatio: number;
}

/** Weighted mean, sd, 5/50/95 % quantiles and sd ÷ prior sd of each parameter of a state's particles. */
export function posteriorSummary(state: Pick<AbcSmcState, 'particles'>, bounds: readonly (readonly [number, number])[]): ParameterSummary[] {
  const weights = state.particles.map((p) => p.weight);
  const total = weights.reduce((sum, w) => sum + w, 0);
  return bounds.map(([lower, upper], a) => {
    const values = state.particles.map((p) => p.theta[a]);
    const mean = values.reduce((sum, v, i) => sum + weights[i] * v, 0) / total;
    const sd = Math.sqrt(values.reduce((sum, v, i) => sum + weights[i] * (v - mean) ** 2, 0) / total);
    return {
      mean,
      sd,
      q05: weightedQuantile(values, weights, 0.05),
      q50: weightedQuantile(values, weights, 0.5),
      q95: weightedQuantile(values, weights, 0.95),
      sdRatio: sd / ((upper - lower) / Math.sqrt(12)),
    };
  });
}
