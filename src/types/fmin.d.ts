// The part of fmin 0.0.4 (BSD-3-Clause, ships no types) that src/calibration/optimise.ts uses.
//
// Under Node the import has no named exports (the package's main is a UMD bundle loaded as an ES module): see
// nelderMeadOfFmin in src/calibration/optimise.ts for where the function is found.
declare module 'fmin' {
  /** Options of fmin's nelderMead (src/nelderMead.js); a 0 or missing value means the default. */
  export interface NelderMeadParameters {
    /** Iterations at most (default 200 × dimensions). */
    maxIterations?: number;
    /** The initial simplex moves a non-zero coordinate x to x × nonZeroDelta (default 1.05). */
    nonZeroDelta?: number;
    /** The initial simplex moves a zero coordinate to zeroDelta (default 0.001). */
    zeroDelta?: number;
    /**
     * Converged when the best and worst vertices' values differ by less than this and the best two vertices by less
     * than this in every coordinate (fmin 0.0.4 uses this one value for both; default 1e-6).
     */
    minErrorDelta?: number;
    /** Reflection, expansion, contraction and shrink coefficients (defaults 1, 2, −0.5, 0.5); sigma ≥ 1 stops instead of shrinking. */
    rho?: number;
    chi?: number;
    psi?: number;
    sigma?: number;
    /** Receives one entry per iteration when given. */
    history?: { push(entry: unknown): unknown };
  }

  /** A point with its value, as fmin returns it. */
  export type Evaluated = number[] & { fx: number };

  export function nelderMead(f: (x: number[]) => number, x0: number[], parameters?: NelderMeadParameters): { fx: number; x: Evaluated };
}
