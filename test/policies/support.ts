// Paired runs for policy tests: the baseline and a policy scenario with the same seeds, and the statistics to compare them.
import { expect } from 'vitest';
import { runReplication } from '../../src/core/model.js';
import { flowIndex, perTickIndex, TickMetric, type RunResult } from '../../src/core/results.js';
import type { ResolvedScenario } from '../../src/scenario/resolve.js';
import { baselineInput, resolveInput } from '../support.js';

export interface PairedOptions {
  runs?: number;
  years?: number;
  /** Persons per agent; 20 keeps a test fast (about 165,000 agents). */
  scale?: number;
  seed?: number;
}

/** The baseline with these policies switched on (and any other top-level fields replaced). */
export function withPolicies(policies: Record<string, unknown>[], overrides: Record<string, unknown> = {}): ResolvedScenario {
  return resolveInput({ ...baselineInput(), ...overrides, policies });
}

export const baseline = (): ResolvedScenario => resolveInput(baselineInput());

/** Runs both scenarios with the same seed and replications: run k of one is paired with run k of the other. */
export function paired(policy: ResolvedScenario, options: PairedOptions = {}, base: ResolvedScenario = baseline()) {
  const { runs = 4, years = 3, scale = 20, seed = 11 } = options;
  const run = (scenario: ResolvedScenario) => Array.from({ length: runs }, (_, replication) => runReplication(scenario, { replication, seed, years, scale }));
  return { base: run(base), policy: run(policy), scenario: policy };
}

/** Sum over ticks (default: the whole run) and tiers (default: all) of a per-tick metric at a location, in persons. */
export function total(r: RunResult, location: number, metric: number, options: { tiers?: number[]; ticks?: [number, number] } = {}): number {
  const [from, to] = options.ticks ?? [0, r.ticks];
  const tiers = options.tiers ?? Array.from({ length: r.tiers }, (_, t) => t);
  let n = 0;
  for (let tick = from; tick < to; tick++) for (const t of tiers) n += r.perTick[perTickIndex(r, tick, location, t, metric)];
  return n * r.scale;
}

/** A per-tick metric at the last tick (a stock, effective talent), in persons. */
export function atEnd(r: RunResult, location: number, metric: number, tiers?: number[]): number {
  return total(r, location, metric, { tiers, ticks: [r.ticks - 1, r.ticks] });
}

/** Moves from one location to another over the whole run, in persons. */
export function moves(r: RunResult, from: number, to: number, tiers?: number[]): number {
  let n = 0;
  for (let year = 0; year < r.years; year++) for (let t = 0; t < r.tiers; t++) if (!tiers || tiers.includes(t)) n += r.flows[flowIndex(r, year, from, to, t)];
  return n * r.scale;
}

/** Mean and standard error of the paired differences f(policy run) − f(baseline run). */
export function difference(pair: { base: RunResult[]; policy: RunResult[] }, f: (r: RunResult) => number) {
  const d = pair.policy.map((r, k) => f(r) - f(pair.base[k]));
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, d.length - 1));
  return { mean, se: sd / Math.sqrt(d.length), values: d };
}

/** The paired difference is positive by more than z standard errors (z = 3 by default). */
export function expectIncrease(diff: { mean: number; se: number }, z = 3): void {
  expect(diff.mean, `difference ${diff.mean} (se ${diff.se})`).toBeGreaterThan(z * diff.se);
  expect(diff.mean).toBeGreaterThan(0);
}

/** The paired difference is negative by more than z standard errors. */
export function expectDecrease(diff: { mean: number; se: number }, z = 3): void {
  expectIncrease({ mean: -diff.mean, se: diff.se }, z);
}

/** The paired difference is within z standard errors of zero, or exactly zero. */
export function expectNoChange(diff: { mean: number; se: number; values: number[] }, z = 3): void {
  if (diff.values.every((v) => v === 0)) return;
  expect(Math.abs(diff.mean), `difference ${diff.mean} (se ${diff.se})`).toBeLessThanOrEqual(z * diff.se);
}

export { TickMetric };
export const home = (s: ResolvedScenario) => s.homeIndex;
export const locationIndex = (s: ResolvedScenario, id: string) => s.locations.findIndex((l) => l.id === id);
export const tierIndex = (s: ResolvedScenario, id: string) => s.tiers.findIndex((t) => t.id === id);

/** A policy's yearly figures from a run: `spending` (CNY) or one of its metrics (persons), for the run's first policy. */
export function reported(r: RunResult, metric: string): number[] {
  const p = r.policies[0];
  const width = 1 + p.metrics.length;
  const column = metric === 'spending' ? 0 : 1 + p.metrics.indexOf(metric);
  if (column < 1 && metric !== 'spending') throw new Error(`policy ${p.name} reports no metric "${metric}"`);
  return Array.from({ length: r.years }, (_, year) => p.values[year * width + column]);
}

export const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** Whether two runs agree to the last bit: per-tick figures, flows and the home city's yearly counts. */
export const identical = (a: RunResult, b: RunResult): boolean =>
  Buffer.from(a.perTick.buffer).equals(Buffer.from(b.perTick.buffer)) &&
  Buffer.from(a.flows.buffer).equals(Buffer.from(b.flows.buffer)) &&
  Buffer.from(a.home.buffer).equals(Buffer.from(b.home.buffer));
