// The calibration targets file (docs/calibration.md, "The targets file"): the facts a fitted model must reproduce, how
// each is measured in a run, and the scenario parameters to fit. Reads YAML (Node) and checks it, against a scenario
// when one is given; every problem is a ScenarioError naming the file, line, column and field, or a UsageError.
import { readFileSync, statSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { didYouMean, ScenarioError, UsageError, type FieldPath, type ScenarioIssue } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { targets as messages, type Message } from '../core/messages.js';
import { TENURE_BANDS } from '../core/results.js';
import { SUMMARY_METRIC_NAMES, type SummaryMetric } from '../core/rows.js';
import type { ResolvedScenario } from '../core/scenario.js';
import { findFactor, type Factor } from '../experiments/paths.js';
import type { Scenario } from '../scenario/schema.js';
import { describe, isPlainObject, zodIssues } from '../scenario/zod-issues.js';

/**
 * How a target's error is counted (moments.ts, targetError): `equal` on both sides of `value`; `atMost` only above it,
 * `atLeast` only below it (a one-sided fact such as "under 3 %"); `within` only outside `range` (a fact known as a band).
 */
export const TARGET_KINDS = ['equal', 'atMost', 'atLeast', 'within'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** A year, or years to pool or average over (first and last, calendar years, both included). */
const yearFields = { year: z.number().int().optional(), years: z.tuple([z.number().int(), z.number().int()]).optional() };
const names = z.array(z.string()).min(1);

/**
 * The kinds of measure, each written as a mapping whose first key names it (`{ summary: recruited, year: 2024 }`).
 * All figures are of the scenario's home city unless a location is named; counts are in persons.
 */
export const MEASURE_SCHEMAS = {
  /** A summary metric (rows.ts, SUMMARY_METRICS) in a year, or its mean over years. */
  summary: z.strictObject({ summary: z.string(), ...yearFields }),
  /** A summary metric's growth a year from one year to a later one: (v_to ÷ v_from)^(1 ÷ (to − from)) − 1. */
  growth: z.strictObject({ growth: z.string(), from: z.number().int(), to: z.number().int() }),
  /** The share of the home city's movers out (first jobs included) who go to the named locations, in the tiers named (default all). */
  outflowShare: z.strictObject({ outflowShare: names, tiers: names.optional(), ...yearFields }),
  /**
   * Movers out of a location ÷ person-years at risk there (rates.csv's `leave` rate), in the tiers and tenure bands
   * named (default all); with `withinYears: n`, the share who would leave within n years at that rate, 1 − e^(−n·rate).
   */
  leaveRate: z.strictObject({
    leaveRate: z.string(),
    tiers: names.optional(),
    tenure: names.optional(),
    withinYears: z.number().positive().optional(),
    ...yearFields,
  }),
  /** Of the graduates of an entry stream with firstJob: true who entered in the year(s), the share living `at` the named locations at the year's end. */
  firstJob: z.strictObject({ firstJob: z.string(), at: names, ...yearFields }),
  /** Persons living at a location at the year's end in the tiers named (default all), ÷ `per` if given (e.g. the residents, for a share). */
  stock: z.strictObject({ stock: z.string(), tiers: names.optional(), per: z.number().positive().optional(), ...yearFields }),
} as const;
export type MeasureKind = keyof typeof MEASURE_SCHEMAS;
export const MEASURE_KINDS = Object.keys(MEASURE_SCHEMAS) as MeasureKind[];

/** Calendar years, first and last included. */
export type Years = [number, number];

/** A measure as the checked file gives it: its kind, the names it refers to (ids, an entry stream's name) and its years. */
export type Measure =
  | { kind: 'summary'; metric: SummaryMetric; years: Years }
  | { kind: 'growth'; metric: SummaryMetric; from: number; to: number }
  | { kind: 'outflowShare'; to: string[]; tiers?: string[]; years: Years }
  | { kind: 'leaveRate'; location: string; tiers?: string[]; tenure?: string[]; withinYears?: number; years: Years }
  | { kind: 'firstJob'; entry: string; at: string[]; years: Years }
  | { kind: 'stock'; location: string; tiers?: string[]; per?: number; years: Years };

export interface Target {
  /** Unique; names the target in outputs. */
  name: string;
  label: string;
  measure: Measure;
  kind: TargetKind;
  /** The figure (equal, atMost, atLeast). */
  value?: number;
  /** The band (within). */
  range?: [number, number];
  /** The scale of an acceptable error: the distance counts ((simulated − value) ÷ tolerance)². */
  tolerance: number;
  source: string;
  /** Not fitted: predicted and reported as an out-of-sample check. */
  heldOut: boolean;
  note?: string;
}

export interface TargetsFile {
  /** The file read (absent when checked from data). */
  file?: string;
  description?: string;
  /** The parameters to fit, as written (paths as `sim sweep --vary` takes them). */
  parameters: string[];
  /** With a scenario: each parameter found in it (path, value, declared range), in the order listed. */
  factors?: Factor[];
  targets: Target[];
}

/** A target's name: it heads a column of posterior.csv and fit.csv. */
const TARGET_NAME = /^[A-Za-z][\w-]*$/;

const TargetSchema = z.strictObject({
  name: z.string(),
  label: z.string().min(1),
  measure: z.unknown(),
  kind: z.enum(TARGET_KINDS).default('equal'),
  value: z.number().optional(),
  range: z.tuple([z.number(), z.number()]).optional(),
  tolerance: z.number().positive(),
  source: z.string().min(1),
  heldOut: z.boolean().default(false),
  note: z.string().optional(),
});

const TargetsFileSchema = z.strictObject({
  description: z.string().optional(),
  parameters: z.array(z.string()).min(1),
  targets: z.array(TargetSchema).min(1),
});

/** The scenario to check the targets against: the parameters must be in it with a range, the names and years too. */
export interface TargetsBase {
  scenario: Scenario;
  resolved: ResolvedScenario;
}

/**
 * Reads and checks a targets file. With `base`, every parameter must name a number of the scenario with a declared
 * range, every name a location, tier or entry stream of it, and every year one it reports.
 */
export function loadTargets(file: string, base?: TargetsBase): TargetsFile {
  let text: string;
  try {
    if (!statSync(file, { throwIfNoEntry: false })) throw new UsageError(messages.notFound(file));
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(messages.unreadable(error, file));
  }
  return parseTargets(text, file, base);
}

/** Checks the text of a targets file (`file` names it in messages); see loadTargets. */
export function parseTargets(text: string, file: string, base?: TargetsBase): TargetsFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, m: Message): ScenarioIssue => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col, path: [], ...m };
  };
  if (doc.errors.length) throw new ScenarioError(doc.errors.slice(0, 5).map((e) => at(e.pos[0], messages.yamlSyntax(e.message.split('\n')[0]))));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.scenarioAliasCount });
  } catch (error) {
    throw new ScenarioError([at(0, messages.yamlSyntax((error as Error).message))]);
  }
  if (!isPlainObject(data)) throw new ScenarioError([at(doc.contents?.range?.[0] ?? 0, messages.notAMapping(describe(data)))]);
  const place = (issues: ScenarioIssue[]) => new ScenarioError(issues.slice(0, 50).map((issue) => locate(issue, file, doc, lines)));

  const parsed = TargetsFileSchema.safeParse(data);
  if (!parsed.success) throw place(zodIssues(parsed.error.issues, data, TargetsFileSchema, [], 'a targets file'));
  const issues: ScenarioIssue[] = [];
  const fail = (path: FieldPath, m: Message) => issues.push({ path, ...m });

  const targets: Target[] = [];
  const seen = new Set<string>();
  parsed.data.targets.forEach((t, k) => {
    const path = ['targets', k];
    if (!TARGET_NAME.test(t.name)) fail([...path, 'name'], messages.badName(t.name));
    else if (seen.has(t.name)) fail([...path, 'name'], messages.nameTwice(t.name));
    seen.add(t.name);
    if (t.kind === 'within' ? t.range === undefined || t.value !== undefined : t.value === undefined || t.range !== undefined)
      fail(
        [...path, t.kind === 'within' ? (t.value !== undefined ? 'value' : 'range') : t.range !== undefined ? 'range' : 'value'],
        messages.boundsForKind(t.kind),
      );
    else if (t.range && t.range[0] > t.range[1]) fail([...path, 'range'], messages.rangeOrder(t.range[0], t.range[1]));
    const measure = checkMeasure(t.measure, [...path, 'measure'], issues, base?.resolved);
    if (measure) targets.push({ ...t, measure } as Target);
  });
  if (parsed.data.targets.every((t) => t.heldOut)) fail(['targets'], messages.nothingToFit());

  const factors: Factor[] = [];
  const labels = new Set<string>();
  parsed.data.parameters.forEach((text, k) => {
    if (!base) return;
    let factor: Factor;
    try {
      factor = findFactor(base.scenario, text);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return fail(['parameters', k], messages.badParameter(error.message.split('\n')[0], error.hint));
    }
    if (labels.has(factor.label)) fail(['parameters', k], messages.parameterTwice(factor.label));
    else if (!factor.range) fail(['parameters', k], messages.noRange(factor.label, factor.base));
    labels.add(factor.label);
    factors.push(factor);
  });
  if (issues.length) throw place(issues);
  return {
    file,
    description: parsed.data.description,
    parameters: parsed.data.parameters,
    ...(base ? { factors } : {}),
    targets,
  };
}

/** The last calendar year any target needs: a run must report up to it. */
export function lastReportedYearNeeded(targets: readonly Target[]): number {
  let last = -Infinity;
  for (const { measure } of targets) last = Math.max(last, measure.kind === 'growth' ? measure.to : measure.years[1]);
  return last;
}

/** The calendar years a measure reads. */
export function measureYears(measure: Measure): number[] {
  if (measure.kind === 'growth') return [measure.from, measure.to];
  const out: number[] = [];
  for (let y = measure.years[0]; y <= measure.years[1]; y++) out.push(y);
  return out;
}

/** The measure of one target, checked (issues pushed with their paths), or undefined if it cannot be read at all. */
function checkMeasure(raw: unknown, path: FieldPath, issues: ScenarioIssue[], resolved: ResolvedScenario | undefined): Measure | undefined {
  const fail = (at: FieldPath, m: Message) => void issues.push({ path: [...path, ...at], ...m });
  if (!isPlainObject(raw)) {
    fail([], messages.measureKind([], MEASURE_KINDS));
    return undefined;
  }
  const keys = Object.keys(raw);
  const kinds = keys.filter((k): k is MeasureKind => Object.hasOwn(MEASURE_SCHEMAS, k));
  if (kinds.length !== 1) {
    // No kind named: the first key that is no common field is most likely a misspelt kind.
    const common = new Set(MEASURE_KINDS.flatMap((kind) => Object.keys(MEASURE_SCHEMAS[kind].shape)));
    const stray = keys.find((k) => !common.has(k));
    if (kinds.length === 0 && stray !== undefined) fail([stray], messages.unknownMeasure(stray, didYouMean(stray, MEASURE_KINDS), MEASURE_KINDS));
    else fail(kinds.length ? [kinds[1]] : [], messages.measureKind(kinds, MEASURE_KINDS));
    return undefined;
  }
  const kind = kinds[0];
  const schema: z.ZodType = MEASURE_SCHEMAS[kind];
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    issues.push(...zodIssues(parsed.error.issues, raw, schema, path, `a ${kind} measure`));
    return undefined;
  }
  const m = parsed.data as Record<string, unknown>;
  const before = issues.length;

  // The years: one or a span, within the reported years of the scenario when there is one.
  const reported = resolved ? { first: resolved.run.startYear, last: resolved.run.startYear + resolved.run.years - 1 } : undefined;
  const checkYear = (year: number, at: FieldPath) => {
    if (reported && (year < reported.first || year > reported.last)) fail(at, messages.yearNotReported(year, reported.first, reported.last));
  };
  let years: Years = [0, 0];
  if (kind === 'growth') {
    const { from, to } = m as { from: number; to: number };
    if (from >= to) fail(['to'], messages.growthYears(from, to));
    checkYear(from, ['from']);
    checkYear(to, ['to']);
  } else {
    const { year, years: span } = m as { year?: number; years?: Years };
    if ((year === undefined) === (span === undefined)) fail([], messages.yearOrYears());
    else if (year !== undefined) {
      checkYear(year, ['year']);
      years = [year, year];
    } else {
      if (span![0] > span![1]) fail(['years'], messages.yearsOrder(span![0], span![1]));
      checkYear(span![0], ['years', 0]);
      checkYear(span![1], ['years', 1]);
      years = [span![0], span![1]];
    }
  }

  // The names: metrics and tenure bands always; locations, tiers and entry streams against the scenario.
  const known = (what: string, name: string, all: readonly string[], at: FieldPath) => {
    if (!all.includes(name)) fail(at, messages.unknownName(what, name, unknownHint(name, all, what)));
  };
  const list = (what: string, names: unknown, all: readonly string[] | undefined, at: string) => {
    if (all && Array.isArray(names)) names.forEach((name: string, k) => known(what, name, all, [at, k]));
  };
  const locations = resolved?.locations.map((l) => l.id);
  const tiers = resolved?.tiers.map((t) => t.id);
  const tenure = TENURE_BANDS.map((b) => b.id);
  if (kind === 'summary' || kind === 'growth') known('summary metric', m[kind] as string, SUMMARY_METRIC_NAMES, [kind]);
  if ((kind === 'leaveRate' || kind === 'stock') && locations) known('location', m[kind] as string, locations, [kind]);
  if (kind === 'outflowShare') list('location', m.outflowShare, locations, 'outflowShare');
  if (kind === 'firstJob') {
    list('location', m.at, locations, 'at');
    if (resolved) {
      const entry = resolved.entries.find((e) => e.name === m.firstJob);
      if (!entry)
        known(
          'entry stream',
          m.firstJob as string,
          resolved.entries.map((e) => e.name),
          ['firstJob'],
        );
      else if (!entry.firstJob) fail(['firstJob'], messages.noFirstJob(entry.name));
    }
  }
  list('tier', m.tiers, tiers, 'tiers');
  list('tenure band', m.tenure, tenure, 'tenure');
  if (issues.length > before) return undefined;

  switch (kind) {
    case 'summary':
      return { kind, metric: m.summary as SummaryMetric, years };
    case 'growth':
      return { kind, metric: m.growth as SummaryMetric, from: m.from as number, to: m.to as number };
    case 'outflowShare':
      return { kind, to: m.outflowShare as string[], ...optional(m, 'tiers'), years };
    case 'leaveRate':
      return { kind, location: m.leaveRate as string, ...optional(m, 'tiers', 'tenure', 'withinYears'), years };
    case 'firstJob':
      return { kind, entry: m.firstJob as string, at: m.at as string[], years };
    case 'stock':
      return { kind, location: m.stock as string, ...optional(m, 'tiers', 'per'), years };
  }
}

/** The fields of `m` among `keys` that are set (so that a measure has no keys holding undefined). */
function optional(m: Record<string, unknown>, ...keys: string[]): Record<string, never> {
  return Object.fromEntries(keys.filter((k) => m[k] !== undefined).map((k) => [k, m[k]])) as Record<string, never>;
}

function unknownHint(name: string, all: readonly string[], what: string): string {
  const suggestion = didYouMean(name, all);
  return suggestion ? `did you mean "${suggestion}"?` : `the ${what}s are: ${all.join(', ')}`;
}

/** The issue placed at its field in the file: the deepest node of its path that the file has (a missing field: its parent). */
function locate(issue: ScenarioIssue, file: string, doc: Document, lines: LineCounter): ScenarioIssue {
  const offsetOf = (n: unknown) => (n as { range?: [number, number, number] } | null)?.range?.[0];
  let node: unknown = doc.contents;
  let offset = offsetOf(node) ?? 0;
  for (let depth = 0; depth < issue.path.length; depth++) {
    const part = issue.path[depth];
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === part);
      if (!pair) break;
      // A field is reported at its key, where a reader looks for it.
      const keyOffset = offsetOf(pair.key);
      if ((depth === issue.path.length - 1 || pair.value === null) && keyOffset !== undefined) {
        offset = keyOffset;
        break;
      }
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number' && part < node.items.length) node = node.items[part];
    else break;
    offset = offsetOf(node) ?? offset;
  }
  const pos = lines.linePos(offset);
  return { ...issue, file, line: pos.line, column: pos.col };
}
