// A box-bounded minimiser: Nelder–Mead (fmin's `nelderMead`, npm fmin 0.0.4, BSD-3-Clause) on the unit cube.
//
// What: the point of a box [lower_i, upper_i] where f is smallest, found without derivatives (f is a simulated
// distance, noisy in the parameters unless runs share their random numbers). Used for the method-of-simulated-moments
// point fit, started from the ABC posterior's best particle.
//
// How:
// - Unit cube. Each parameter is rescaled to u = (x − lower) / (upper − lower), so one simplex step means the same
//   share of every parameter's range, whatever its units.
// - Staying in the box: the point handed to f is the simplex vertex CLAMPED to the box (projection; not reflection),
//   so f is never asked about a point outside it and a minimum on a bound comes back exactly on that bound. So that
//   the simplex does not drift in the flat region beyond a bound (where the clamped f no longer changes), the value
//   the simplex sees there is raised by a tie-breaking penalty proportional to the distance outside:
//   f(clamp(u)) + 1e-6 × (|f| + 1) × |u − clamp(u)|. The reported value is always f itself at the reported point.
// - Initial simplex: fmin builds it by moving each coordinate of the start by a relative 5 %, or by `zeroDelta` when
//   the coordinate is 0. We hand fmin coordinates relative to the start (all 0), so every edge is `initialStep` of the
//   unit cube, pointing inwards (away from a bound that is nearer than the step).
// - Restarts instead of shrinks: fmin 0.0.4's shrink step assigns an undeclared loop variable and throws a
//   ReferenceError in strict mode, so we run it with sigma = 1, which stops instead of shrinking. Each run then
//   restarts from the best point found so far with a fresh simplex; a restart that improves nothing ends the search.
//   Restarting after apparent convergence is itself a remedy for Nelder–Mead's stagnation (Kelley 1999, "Detection
//   and remediation of stagnation in the Nelder–Mead algorithm", SIAM J. Optim. 10(1)).
// - The result is the best point ever evaluated (the first one on a tie), with the number of evaluations of f.
//
// - An f that answers later (minimiseInBoxAsync: the point fit's model runs on the scheduler's threads): fmin asks
//   for f synchronously, so the search is replayed from the start with the values found so far until it asks for a
//   new point, which is then evaluated; the search being deterministic, the result is minimiseInBox's.
//
// Deterministic (no random numbers) and pure apart from calling f.
import * as fminModule from 'fmin';
import type { NelderMeadParameters } from 'fmin';

/**
 * fmin's nelderMead. fmin 0.0.4's "main" is a UMD bundle in a package marked "type": "module", so where it lands
 * depends on how it is loaded: a named export where a tool resolves the package to its ES source; `globalThis.fmin`
 * when Node loads the bundle as an ES module (its top-level `this` is undefined), as in the CLI, the workers and the
 * tests; the CommonJS `exports` global where one exists (`node -e`, the REPL), which the bundle takes for its own.
 */
function nelderMeadOfFmin(): typeof fminModule.nelderMead {
  type Fmin = Partial<typeof fminModule> | undefined;
  const global = globalThis as { fmin?: Fmin; exports?: Fmin };
  const found = (fminModule as Partial<typeof fminModule>).nelderMead ?? global.fmin?.nelderMead ?? global.exports?.nelderMead;
  if (!found) throw new Error('the fmin package did not provide nelderMead');
  return found;
}

export interface MinimiseOptions {
  /** Nelder–Mead iterations at most, over all restarts (default 200 × dimensions, fmin's default for one run). */
  maxIterations?: number;
  /** Edge of the initial simplex, as a share of each parameter's range (default 0.1; at most 1). */
  initialStep?: number;
  /**
   * Convergence tolerance (default 1e-8): a run stops when its simplex's values differ by less than this and its
   * best two vertices by less than this (in unit-cube units) in every coordinate; a restart must improve the best
   * value by more than tolerance × (1 + |value|) to go on.
   */
  tolerance?: number;
}

export interface MinimiseResult {
  /** The best point, inside the box. */
  x: number[];
  /** f(x). */
  value: number;
  /** Calls of f. */
  evaluations: number;
  /** Nelder–Mead iterations over all runs. */
  iterations: number;
  /** Runs of Nelder–Mead after the first. */
  restarts: number;
}

/** Minimises f over the box from a start point (clamped into the box) by Nelder–Mead with restarts. */
export function minimiseInBox(
  f: (x: number[]) => number,
  start: readonly number[],
  bounds: readonly (readonly [number, number])[],
  options: MinimiseOptions = {},
): MinimiseResult {
  const d = bounds.length;
  if (!d) throw new RangeError('minimiseInBox needs at least one parameter');
  if (start.length !== d) throw new RangeError(`minimiseInBox: the start has ${start.length} values for ${d} bounds`);
  for (const [lower, upper] of bounds)
    if (!(Number.isFinite(lower) && Number.isFinite(upper) && lower < upper))
      throw new RangeError(`minimiseInBox: bounds [${lower}, ${upper}] are not a finite box`);
  const maxIterations = options.maxIterations ?? 200 * d;
  const step = options.initialStep ?? 0.1;
  const tolerance = options.tolerance ?? 1e-8;
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1))
    throw new RangeError(`minimiseInBox: maxIterations must be a whole number ≥ 1, not ${maxIterations}`);
  if (!(step > 0 && step <= 1)) throw new RangeError(`minimiseInBox: initialStep must lie in (0, 1], not ${step}`);
  if (!(tolerance > 0)) throw new RangeError(`minimiseInBox: tolerance must be positive, not ${tolerance}`);

  const clamp01 = (u: number) => Math.min(1, Math.max(0, u));
  const toBox = (u: readonly number[]) => u.map((v, i) => bounds[i][0] + clamp01(v) * (bounds[i][1] - bounds[i][0]));
  const toUnit = (x: readonly number[]) => x.map((v, i) => clamp01((v - bounds[i][0]) / (bounds[i][1] - bounds[i][0])));

  let evaluations = 0;
  let best = { u: toUnit(start), x: toBox(toUnit(start)), value: NaN, score: Infinity };
  /** f at the clamped point, as the simplex sees it (penalised outside the box); records the best point. */
  const objective = (u: readonly number[]): number => {
    const inside = u.map(clamp01);
    const x = toBox(inside);
    const value = f(x.slice());
    evaluations++;
    // A failed evaluation (NaN or ±∞) counts as the worst finite value, so the simplex's sorting stays consistent.
    const seen = Number.isFinite(value) ? value : Number.MAX_VALUE;
    if (seen < best.score) best = { u: inside, x, value, score: seen };
    const outside = Math.hypot(...u.map((v, i) => v - inside[i]));
    return outside > 0 ? seen + 1e-6 * (Math.abs(seen) + 1) * outside : seen;
  };

  const nelderMead = nelderMeadOfFmin();
  let iterations = 0;
  let restarts = -1;
  while (iterations < maxIterations) {
    restarts++;
    const before = best.score;
    const centre = best.u.slice();
    // Edges point inwards: away from an upper bound nearer than the step.
    const direction = centre.map((c) => (c + step > 1 ? -1 : 1));
    let runIterations = 0;
    const parameters: NelderMeadParameters = {
      maxIterations: maxIterations - iterations,
      zeroDelta: step,
      minErrorDelta: tolerance,
      sigma: 1,
      history: { push: () => runIterations++ },
    };
    nelderMead((y) => objective(centre.map((c, i) => c + direction[i] * y[i])), new Array<number>(d).fill(0), parameters);
    iterations += runIterations;
    // The first run always gets one restart to confirm its end; a restart that found nothing better ends the search.
    if (restarts > 0 && !(best.score < before - tolerance * (1 + Math.abs(before)))) break;
  }
  return { x: best.x, value: best.value, evaluations, iterations, restarts };
}

/** Thrown inside a replay of the search at its first point not yet evaluated. */
class Unanswered {
  constructor(readonly x: number[]) {}
}

/**
 * minimiseInBox for an f that answers later, such as a batch of model runs on worker threads. fmin's Nelder–Mead
 * calls f synchronously, so the search is replayed: each pass runs minimiseInBox from the start, answers the calls
 * answered before with their values, in order, and stops at the first new call; that point is evaluated (the only
 * call of f at a time), and the next pass goes one call further. The search is deterministic, so every pass retraces
 * the one before, and the result — with the calls of f, in order and repeats included — is minimiseInBox's with the
 * same f. The replays cost evaluations² steps of simplex arithmetic, nothing next to one model run. A rejection of f
 * rejects the call.
 */
export async function minimiseInBoxAsync(
  f: (x: number[]) => Promise<number>,
  start: readonly number[],
  bounds: readonly (readonly [number, number])[],
  options: MinimiseOptions = {},
): Promise<MinimiseResult> {
  const answered: { x: number[]; value: number }[] = [];
  for (;;) {
    let call = 0;
    const replayed = (x: number[]): number => {
      const known = answered[call++];
      if (!known) throw new Unanswered(x);
      if (known.x.length !== x.length || known.x.some((v, i) => !Object.is(v, x[i])))
        throw new Error(`minimiseInBoxAsync: the replayed search left its path at call ${call} (the search is not deterministic)`);
      return known.value;
    };
    try {
      return minimiseInBox(replayed, start, bounds, options);
    } catch (error) {
      if (!(error instanceof Unanswered)) throw error;
      answered.push({ x: error.x, value: await f(error.x.slice()) });
    }
  }
}
