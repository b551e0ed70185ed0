// Runs the points of an experiment — each a variant of one scenario — with the same seeds, on the runner's scheduler (Node only).
import { performance } from 'node:perf_hooks';
import type { RunResult } from '../core/results.js';
import { SUMMARY_METRIC_NAMES, summaryRunRows } from '../core/rows.js';
import { Registry } from '../scenario/registry.js';
import { formatIssue, ScenarioError } from '../core/errors.js';
import { UsageError } from '../core/errors.js';
import { experiments as messages } from '../core/messages.js';
import { resolveScenario, type ResolvedScenario } from '../scenario/resolve.js';
import { Scenario } from '../scenario/schema.js';
import { chooseThreads, replicationTasks, runSettings, type RunSettings } from '../runner/run.js';
import { scheduleTasks } from '../runner/scheduler.js';
import { pathLabel, withValues, type Factor } from './paths.js';
import type { PointFigures } from './plan.js';

/** A loaded scenario: what loadScenario returns (the file is optional). */
export interface ExperimentBase {
  scenario: Scenario;
  resolved: ResolvedScenario;
  file?: string;
}

export interface PointRunOptions {
  /** Replications per point; default: the scenario's run.runs. */
  runs?: number;
  /** Master seed, the same for every point (common random numbers); default: the scenario's run.seed. */
  seed?: number;
  years?: number;
  scale?: number;
  /** Worker threads, this one included; 1 runs everything here. Default: min(model runs, CPUs). */
  threads?: number;
  /** Called as ticks complete, summed over all points and replications. */
  onProgress?: (doneTicks: number, totalTicks: number) => void;
  /** Aborting it stops every run at once; the call rejects with its reason. */
  signal?: AbortSignal;
}

/** The design points made into scenarios: distinct settings are run once, repeats share the run. */
export interface PreparedPoints {
  factors: Factor[];
  /** The factor values of each design point. */
  values: number[][];
  /** For each design point, the index of its distinct scenario in `scenarios`. */
  runOf: number[];
  /** One resolved scenario per distinct point. */
  scenarios: ResolvedScenario[];
  /** A note for every value outside its declared range (once per factor and value). */
  notes: string[];
}

export interface PointsOutcome extends PointFigures {
  settings: RunSettings;
  threads: number;
  wallMs: number;
  /** Model runs made: distinct points × runs. */
  modelRuns: number;
  /**
   * Bazhong's summary figures per design point: runs × years × metrics numbers (metrics in SUMMARY_METRIC_NAMES
   * order); read them with `figure` (plan.ts).
   */
  figures: Float64Array[];
}

/**
 * Makes every design point into a validated, resolved scenario (a copy of the base with the factor values set),
 * before anything runs, so that a value the scenario cannot take (a share above 1, say) is reported at once.
 * Identical points are resolved and run once.
 */
export function preparePoints(base: ExperimentBase, factors: Factor[], values: number[][]): PreparedPoints {
  const registry = registryOf(base.resolved);
  const seen = new Map<string, number>();
  const notes = new Set<string>();
  const scenarios: ResolvedScenario[] = [];
  const runOf = values.map((point) => {
    const key = point.map((v) => String(v)).join(',');
    const known = seen.get(key);
    if (known !== undefined) return known;
    const { scenario, notes: pointNotes } = withValues(base.scenario, factors, point);
    pointNotes.forEach((n) => notes.add(n));
    scenarios.push(resolvePoint(scenario, registry, factors, point));
    seen.set(key, scenarios.length - 1);
    return scenarios.length - 1;
  });
  return { factors, values, runOf, scenarios, notes: [...notes] };
}

/** Validates and resolves a varied scenario; a value it cannot take is a UsageError naming the values set. */
function resolvePoint(scenario: Scenario, registry: Registry, factors: Factor[], point: number[]): ResolvedScenario {
  const setting = factors.map((f, k) => `${f.label} = ${point[k]}`);
  const describe = setting.length > 3 ? `${setting.slice(0, 3).join(', ')}, …` : setting.join(', ');
  const parsed = Scenario.safeParse(scenario);
  const refuse = (problems: string[]) => new UsageError(messages.cannotTake(describe, problems));
  if (!parsed.success)
    throw refuse(
      parsed.error.issues.map((i) => {
        const path = (i.path as (string | number)[]).filter((part, k, all) => !(k === all.length - 1 && part === 'value'));
        return `${pathLabel(scenario, path)}: ${i.message.replace(/^Invalid input: /, '').replace(/^Too (big|small): expected number to be /, 'must be ')}`;
      }),
    );
  try {
    return resolveScenario(parsed.data, registry);
  } catch (error) {
    if (error instanceof ScenarioError) throw refuse(error.issues.map((i) => formatIssue(i)));
    throw error;
  }
}

/** A registry holding the scenario's own terms and policy modules (from plugins or code), to resolve its variants. */
function registryOf(resolved: ResolvedScenario): Registry {
  const registry = new Registry();
  for (const t of resolved.utility)
    if (t.origin !== 'builtin' && !t.expr) registry.register(t.term, typeof t.origin === 'object' ? t.origin.plugin : undefined);
  for (const p of resolved.policies) if (p.origin !== 'builtin') registry.register(p.module, typeof p.origin === 'object' ? p.origin.plugin : undefined);
  return registry;
}

/**
 * Runs replications 0 … runs − 1 of every distinct point, with the same master seed for all (so the points differ
 * only by their values, not by their random numbers), on `threads − 1` worker threads and this one. Each
 * (point, replication) is its own task and its figures depend only on it, so the outcome is identical whatever the
 * thread count. Only Bazhong's summary figures are kept; each run's full results are dropped as soon as they arrive.
 */
export async function runPoints(base: ExperimentBase, prepared: PreparedPoints, options: PointRunOptions = {}): Promise<PointsOutcome> {
  const settings = runSettings(base.resolved, options);
  const tasks = prepared.scenarios.flatMap((scenario) => replicationTasks(scenario, settings));
  const threads = chooseThreads(base.resolved, tasks.length, options.threads);
  const M = SUMMARY_METRIC_NAMES.length;
  const distinct = prepared.scenarios.map(() => new Float64Array(settings.runs * settings.years * M));
  const keep = (task: number, result: RunResult) => {
    const point = Math.floor(task / settings.runs);
    const rows = summaryRunRows([result], prepared.scenarios[point]);
    const out = distinct[point];
    rows.forEach((row, i) => (out[result.replication * settings.years * M + i] = row.value));
  };
  const started = performance.now();
  await scheduleTasks(tasks, keep, { threads, onProgress: options.onProgress, signal: options.signal });
  return { settings, threads, wallMs: performance.now() - started, modelRuns: tasks.length, figures: prepared.runOf.map((k) => distinct[k]) };
}
