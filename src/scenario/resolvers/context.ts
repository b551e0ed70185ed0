// What every resolver shares: the scenario's ids, the problems found so far, and the assumptions met on the way.
import type { FieldPath, ScenarioIssue } from '../../core/errors.js';
import { unknownNameHint } from '../../core/errors.js';
import type { Param } from '../../core/params.js';
import { consistency, type Message } from '../../core/messages.js';
import type { Assumption } from '../../core/scenario.js';
import type { Scenario } from '../schema.js';

/**
 * The state of one resolution. Resolvers read numbers through `value` (which lists every number given with a range
 * as an assumption, once, in the order met) and ids through `indexOf` (which records an unknown id as a problem and
 * gives -1); they record problems with `fail` and go on, so that one pass reports every problem.
 */
export class ResolveContext {
  readonly issues: ScenarioIssue[] = [];
  readonly assumptions: Assumption[] = [];
  readonly tierIds: readonly string[];
  readonly industryIds: readonly string[];
  readonly stageIds: readonly string[];
  readonly locationIds: readonly string[];

  constructor(readonly scenario: Scenario) {
    this.tierIds = scenario.tiers.map((t) => t.id);
    this.industryIds = scenario.industries.map((i) => i.id);
    this.stageIds = scenario.familyStages.map((f) => f.id);
    this.locationIds = scenario.locations.map((l) => l.id);
  }

  /** Records a problem at a field, with its message from messages.ts (or an issue found by another check). */
  fail(path: FieldPath, problem: Message): void {
    this.issues.push({ path, message: problem.message, hint: problem.hint });
  }

  /** The number of a parameter; one given with a range is listed among the assumptions (once per path). */
  value(p: Param, path: FieldPath): number {
    if (typeof p === 'number') return p;
    if (p.range && !this.assumptions.some((a) => a.path.join('.') === path.join('.')))
      this.assumptions.push({ path, value: p.value, range: p.range, source: p.source });
    return p.value;
  }

  /** The index of an id among `ids`; an unknown id is a problem (with the closest known id) and gives -1. */
  indexOf(ids: readonly string[], id: string, what: string, path: FieldPath): number {
    const index = ids.indexOf(id);
    if (index < 0) this.fail(path, consistency.unknownId(what, id, unknownNameHint(id, ids, `${what} ids`)));
    return index;
  }

  /** A record keyed by ids as an array in id order: every key must be a known id; with `complete`, every id must be there. */
  byId(record: Record<string, Param>, ids: readonly string[], what: string, path: FieldPath, complete: boolean, fallback = 0): number[] {
    for (const key of Object.keys(record)) this.indexOf(ids, key, what, [...path, key]);
    return ids.map((id) => {
      if (record[id] === undefined) {
        if (complete) this.fail(path, consistency.noValueFor(what, id, path[path.length - 1]));
        return fallback;
      }
      return this.value(record[id], [...path, id]);
    });
  }

  /** Shares keyed by ids, in id order and normalised to sum to 1 (a missing id has share 0). */
  normalised(record: Record<string, Param>, ids: readonly string[], what: string, path: FieldPath): number[] {
    const raw = this.byId(record, ids, what, path, false);
    const total = raw.reduce((a, b) => a + b, 0);
    if (total <= 0) {
      this.fail(path, consistency.sharesAddUpToZero(what));
      return raw;
    }
    return raw.map((x) => x / total);
  }

  /** A 0/1 mask over `ids`: 1 for each chosen id, or for every id when no list is given (an empty list chooses none). */
  mask(ids: readonly string[], chosen: readonly string[] | undefined, what: string, path: FieldPath): Uint8Array {
    const out = new Uint8Array(ids.length).fill(chosen ? 0 : 1);
    chosen?.forEach((id, k) => {
      const at = this.indexOf(ids, id, what, [...path, k]);
      if (at >= 0) out[at] = 1;
    });
    return out;
  }

  /** Every {value, range} parameter inside a free-form entry (a term's or a module's parameters), as assumptions. */
  collectRanges(x: unknown, at: FieldPath): void {
    if (typeof x !== 'object' || x === null) return;
    if (!Array.isArray(x) && typeof (x as { value?: unknown }).value === 'number' && Array.isArray((x as { range?: unknown }).range)) {
      this.value(x as Param, at);
      return;
    }
    for (const [k, v] of Object.entries(x)) this.collectRanges(v, [...at, Array.isArray(x) ? Number(k) : k]);
  }
}

/** Ids used twice in tiers, industries, family stages or locations, and group names used twice. */
export function checkNames(ctx: ResolveContext): void {
  const { scenario } = ctx;
  for (const [what, ids, path] of [
    ['tier', ctx.tierIds, 'tiers'],
    ['industry', ctx.industryIds, 'industries'],
    ['family stage', ctx.stageIds, 'familyStages'],
    ['location', ctx.locationIds, 'locations'],
  ] as const) {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.fail([path, i, 'id'], consistency.idTwice(what, id));
    });
  }
  for (const [kind, groups] of [
    ['populations', scenario.populations],
    ['entries', scenario.entries],
  ] as const)
    groups.forEach((g, i) => {
      if (groups.findIndex((other) => other.name === g.name) !== i) ctx.fail([kind, i, 'name'], consistency.groupNameTwice(g.name, kind));
    });
}
