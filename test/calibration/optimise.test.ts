// The box-bounded Nelder–Mead (src/calibration/optimise.ts) on functions with known minima: inside the box, along
// Rosenbrock's curved valley, on a bound; only points inside the box are evaluated; the same answer every time; with
// an f that answers later (minimiseInBoxAsync), the same search and the same calls of f.
import { describe, expect, it } from 'vitest';
import { minimiseInBox, minimiseInBoxAsync } from '../../src/calibration/optimise.js';

const bowl = (x: number[]) => (x[0] - 1.3) ** 2 + 3 * (x[1] + 0.7) ** 2 + 0.5 * (x[2] - 4) ** 2 + 2;
const bowlBounds = [
  [-5, 5],
  [-2, 2],
  [0, 10],
] as const;
const rosenbrock = (x: number[]) => (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
const square = [
  [-2, 2],
  [-2, 2],
] as const;

/** f wrapped to count its calls and check that every point lies in the box. */
function watched(f: (x: number[]) => number, bounds: readonly (readonly [number, number])[]) {
  const record = { calls: 0, outside: 0 };
  const g = (x: number[]) => {
    record.calls++;
    if (x.some((v, i) => !(v >= bounds[i][0] && v <= bounds[i][1]))) record.outside++;
    return f(x);
  };
  return { g, record };
}

describe('minimiseInBox', () => {
  it('finds the minimum of a shifted quadratic bowl inside the box to 1e-4, evaluating only inside it', () => {
    const { g, record } = watched(bowl, bowlBounds);
    const result = minimiseInBox(g, [0, 0, 0], bowlBounds);
    [1.3, -0.7, 4].forEach((x, i) => expect(Math.abs(result.x[i] - x)).toBeLessThan(1e-4));
    expect(result.value).toBeCloseTo(2, 8);
    expect(result.value).toBe(bowl(result.x));
    expect(result.evaluations).toBe(record.calls);
    expect(record.outside).toBe(0);
    expect(result.iterations).toBeLessThanOrEqual(200 * 3);
  });

  it('follows Rosenbrock’s valley to (1, 1) within 1e-2 on [−2, 2]²', () => {
    const result = minimiseInBox(rosenbrock, [-1.5, 1.5], square, { maxIterations: 2000 });
    expect(Math.abs(result.x[0] - 1)).toBeLessThan(1e-2);
    expect(Math.abs(result.x[1] - 1)).toBeLessThan(1e-2);
    expect(result.value).toBeLessThan(1e-4);
  });

  it('puts a minimum beyond a bound exactly on that bound (the evaluated point is clamped)', () => {
    // Unconstrained minimum (3, 0.5): the best point of [−1, 2] × [0, 1] is (2, 0.5), value 1.
    const edge = (x: number[]) => (x[0] - 3) ** 2 + (x[1] - 0.5) ** 2;
    const bounds = [
      [-1, 2],
      [0, 1],
    ] as const;
    const { g, record } = watched(edge, bounds);
    const result = minimiseInBox(g, [0, 0.2], bounds);
    expect(result.x[0]).toBe(2);
    expect(Math.abs(result.x[1] - 0.5)).toBeLessThan(1e-4);
    expect(result.value).toBeCloseTo(1, 8);
    expect(record.outside).toBe(0);
    // A lower bound, in one dimension, from a start outside the box (clamped to it).
    const low = minimiseInBox((x) => (x[0] + 3) ** 2, [7], [[-1, 2]]);
    expect(low.x).toEqual([-1]);
    expect(low.value).toBe(4);
  });

  it('starts from a start on a bound with an inward simplex', () => {
    const result = minimiseInBox((x) => (x[0] - 0.25) ** 2, [1], [[0, 1]], { initialStep: 0.2 });
    expect(Math.abs(result.x[0] - 0.25)).toBeLessThan(1e-4);
  });

  it('gives the same answer, in the same number of evaluations, every time', () => {
    const first = minimiseInBox(rosenbrock, [0.5, -1], square, { maxIterations: 500 });
    const second = minimiseInBox(rosenbrock, [0.5, -1], square, { maxIterations: 500 });
    expect(second).toStrictEqual(first);
  });

  it('keeps to its iteration budget and steers away from failed evaluations', () => {
    const budget = minimiseInBox(rosenbrock, [-1.5, 1.5], square, { maxIterations: 10 });
    expect(budget.iterations).toBeLessThanOrEqual(10);
    // NaN where x > 0.5: the minimum at −0.25 is still found, and NaN is never reported as the best value.
    const holed = minimiseInBox((x) => (x[0] > 0.5 ? NaN : (x[0] + 0.25) ** 2), [0.4], [[-1, 1]], { initialStep: 0.3 });
    expect(Math.abs(holed.x[0] + 0.25)).toBeLessThan(1e-4);
    expect(Number.isFinite(holed.value)).toBe(true);
  });

  it('rejects a start of the wrong length and an empty box', () => {
    expect(() => minimiseInBox(bowl, [0], bowlBounds)).toThrow(/3 bounds/);
    expect(() => minimiseInBox(bowl, [0], [[1, 1]])).toThrow(/not a finite box/);
  });
});

describe('minimiseInBoxAsync', () => {
  /** f's calls in order, answered after a turn of the event loop, as a batch of model runs is. */
  const later = (f: (x: number[]) => number) => {
    const calls: number[][] = [];
    const g = async (x: number[]) => {
      calls.push(x.slice());
      await new Promise<void>((resolve) => setImmediate(resolve));
      return f(x);
    };
    return { g, calls };
  };

  it.each([
    ['Rosenbrock', rosenbrock, [0.5, -1], square, { maxIterations: 60 }],
    ['a function with a hole of NaN', (x: number[]) => (x[0] > 0.5 ? NaN : (x[0] + 0.25) ** 2), [0.4], [[-1, 1]], { initialStep: 0.3 }],
    ['a minimum on a bound', (x: number[]) => (x[0] + 3) ** 2, [7], [[-1, 2]], {}],
  ] as const)('finds what minimiseInBox finds on %s, calling f at the same points in the same order', async (_, f, start, bounds, options) => {
    const calls: number[][] = [];
    const sync = minimiseInBox((x) => (calls.push(x.slice()), f(x)), start, bounds, options);
    const async = later(f);
    const result = await minimiseInBoxAsync(async.g, start, bounds, options);
    expect(result).toStrictEqual(sync);
    expect(async.calls).toStrictEqual(calls);
    expect(async.calls).toHaveLength(result.evaluations);
  });

  it('rejects with the first rejection of f, and calls f no more', async () => {
    let calls = 0;
    const failing = async (x: number[]) => {
      if (++calls === 5) throw new Error('the model failed');
      return rosenbrock(x);
    };
    await expect(minimiseInBoxAsync(failing, [0.5, -1], square)).rejects.toThrow('the model failed');
    expect(calls).toBe(5);
  });
});
