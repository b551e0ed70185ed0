// Field paths into a scenario for sweeps, sensitivity analysis, calibration and posteriors: parsing, finding, labelling
// and setting a parameter. Pure: works on the validated scenario object (src/scenario/schema.ts), no I/O.
import { didYouMean, formatPath, type FieldPath } from '../core/errors.js';
import { UsageError } from '../core/errors.js';
import { experiments as messages } from '../core/messages.js';
import type { Param } from '../core/params.js';
import type { Scenario } from './schema.js';

/**
 * A numeric field of a scenario that an experiment varies, usually a parameter with a declared range (an
 * assumption). `label` is its canonical path, e.g. `locations.bazhong.wage.top`: list items by id, or by name in
 * brackets (`populations[talent in Bazhong].count`), or by index when they have neither (`hazard.age[0].factor`).
 */
export interface Factor {
  label: string;
  /** The path with list indices, as in resolved.assumptions (e.g. ['locations', 0, 'wage', 'top']). */
  path: FieldPath;
  /** The value in the scenario. */
  base: number;
  /** The declared uncertainty range, if the parameter has one. */
  range?: [number, number];
  source?: string;
}

const ID = /^[A-Za-z_][\w-]*$/;
const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isDetailed = (x: unknown): x is Exclude<Param, number> => isPlainObject(x) && typeof x.value === 'number';

/**
 * Splits a field path into its parts: `a.b[2].c`, `locations.bazhong.wage.top`, `populations[talent in Bazhong].count`,
 * `populations["talent in Bazhong"].count`. Bracketed digits are indices; anything else is a key, id or name.
 */
export function parseFieldPath(text: string): (string | number)[] {
  const parts: (string | number)[] = [];
  const bad = (why: string) => new UsageError(messages.pathSyntax(text, why));
  let i = 0;
  let expectKey = true;
  while (i < text.length) {
    const c = text[i];
    if (c === '[') {
      const quote = text[i + 1] === '"' || text[i + 1] === "'" ? text[i + 1] : undefined;
      let end: number;
      let inner: string;
      if (quote) {
        end = text.indexOf(quote, i + 2);
        if (end < 0 || text[end + 1] !== ']') throw bad('an unclosed quote inside [ ]');
        inner = text.slice(i + 2, end);
        end += 1;
      } else {
        end = text.indexOf(']', i + 1);
        if (end < 0) throw bad('a [ without its ]');
        inner = text.slice(i + 1, end).trim();
      }
      if (!inner) throw bad('empty [ ]');
      parts.push(!quote && /^\d+$/.test(inner) ? Number(inner) : inner);
      i = end + 1;
      expectKey = false;
    } else if (c === '.') {
      if (expectKey) throw bad('an empty part between dots');
      i += 1;
      expectKey = true;
    } else {
      if (!expectKey) throw bad(`a "." or "[" is missing before "${text.slice(i)}"`);
      let end = i;
      while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
      const key = text.slice(i, end).trim();
      parts.push(/^\d+$/.test(key) ? Number(key) : key);
      i = end;
      expectKey = false;
    }
  }
  if (expectKey) throw bad(text ? 'it ends with a dot' : 'it is empty');
  return parts;
}

/** The key an item of a list is known by: its id, else its name, else (a policy) its type. */
function itemName(item: unknown): string | undefined {
  if (!isPlainObject(item)) return undefined;
  for (const key of ['id', 'name', 'type']) if (typeof item[key] === 'string') return item[key] as string;
  return undefined;
}

/** The index of the list item that `part` names (id, name, a unique type, or an index), or -1. */
function findItem(list: unknown[], part: string | number): number {
  if (typeof part === 'number') return part < list.length ? part : -1;
  for (const key of ['id', 'name'])
    for (let i = 0; i < list.length; i++) if (isPlainObject(list[i]) && (list[i] as Record<string, unknown>)[key] === part) return i;
  const byType = list.flatMap((item, i) => (isPlainObject(item) && item.type === part ? [i] : []));
  if (byType.length === 1) return byType[0];
  return /^\d+$/.test(part) && Number(part) < list.length ? Number(part) : -1;
}

/** The canonical label of a path with indices: list items by id (`.bazhong`), name (`[talent in Bazhong]`) or index. */
export function pathLabel(scenario: unknown, path: FieldPath): string {
  let out = '';
  let node: unknown = scenario;
  for (const part of path) {
    if (Array.isArray(node) && typeof part === 'number') {
      const item = node[part];
      const id = isPlainObject(item) && typeof item.id === 'string' ? item.id : undefined;
      const name = itemName(item);
      const unique = name !== undefined && node.filter((other) => itemName(other) === name).length === 1;
      if (id !== undefined && ID.test(id) && unique) out += `${out ? '.' : ''}${id}`;
      else if (name !== undefined && unique && !name.includes(']') && !/^["']/.test(name) && name.trim() === name && !/^\d+$/.test(name)) out += `[${name}]`;
      else out += `[${part}]`;
    } else out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${ID.test(part) ? part : `[${part}]`}`;
    node = (node as Record<string | number, unknown> | undefined)?.[part];
  }
  return out;
}

/** Every numeric field of a scenario that an experiment may vary (run settings and the explorer's levers excluded), as canonical labels. */
export function numericPaths(scenario: Scenario): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (typeof node === 'number' || isDetailed(node)) {
      out.push(pathLabel(scenario, path));
      return;
    }
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
    else if (isPlainObject(node))
      for (const [key, value] of Object.entries(node))
        if (!(path.length === 0 && (key === 'run' || key === '$schema' || key === 'levers'))) walk(value, [...path, key]);
  };
  walk(scenario, []);
  return out;
}

/**
 * Finds the numeric field that `text` names in a scenario: its index path, canonical label, value and declared
 * range. A trailing `.value` is allowed. An unknown path is a UsageError with a "did you mean".
 */
export function findFactor(scenario: Scenario, text: string): Factor {
  const parts = parseFieldPath(text);
  if (parts[parts.length - 1] === 'value' && parts.length > 1) parts.pop();
  const path: (string | number)[] = [];
  let node: unknown = scenario;
  const unknown = (why: string, known: string[]) => {
    const whole = didYouMean(text, numericPaths(scenario));
    const local = known.length ? didYouMean(String(parts[path.length]), known) : undefined;
    const suggestion =
      whole ?? (local !== undefined ? pathLabel(scenario, path) + (Array.isArray(node) ? `[${local}]` : `${path.length ? '.' : ''}${local}`) : undefined);
    const hint = suggestion
      ? `did you mean "${suggestion}"?`
      : known.length
        ? `${path.length ? `${pathLabel(scenario, path)} has: ` : 'top-level fields: '}${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}`
        : 'run `sim validate FILE` to see the scenario; docs/scenarios.md lists every field';
    return new UsageError(messages.unknownPath(text, why, hint));
  };
  if (parts[0] === 'run') throw new UsageError(messages.runSetting(text));
  for (const part of parts) {
    if (typeof node === 'number' || isDetailed(node)) throw unknown(`${pathLabel(scenario, path)} is a number, with no field "${part}"`, []);
    if (Array.isArray(node)) {
      const at = findItem(node, part);
      if (at < 0) {
        const names = node.map((item, i) => itemName(item) ?? String(i));
        throw unknown(`${pathLabel(scenario, path) || 'the scenario'} has no item "${part}"`, names);
      }
      path.push(at);
      node = node[at];
    } else if (isPlainObject(node)) {
      const key = String(part);
      if (!(key in node) || node[key] === undefined) {
        const where = path.length ? pathLabel(scenario, path) : 'the scenario';
        throw unknown(
          `${where} has no field "${key}"`,
          Object.keys(node).filter((k) => !(path.length === 0 && k === 'run')),
        );
      }
      path.push(key);
      node = node[key];
    } else throw unknown(`${pathLabel(scenario, path)} holds no fields`, []);
  }
  const label = pathLabel(scenario, path);
  if (typeof node === 'number') return { label, path, base: node };
  if (isDetailed(node)) return { label, path, base: node.value, range: node.range ? [node.range[0], node.range[1]] : undefined, source: node.source };
  // Only what holds a number can vary: texts (an id, a label) and switches are left out of the suggestions.
  const inside = Array.isArray(node)
    ? node.flatMap((item, i) => (holdsNumber(item) ? [itemName(item) ?? String(i)] : []))
    : isPlainObject(node)
      ? Object.keys(node).filter((k) => holdsNumber(node[k]))
      : [];
  const what = Array.isArray(node)
    ? 'a list'
    : isPlainObject(node)
      ? 'a mapping'
      : `the ${typeof node === 'string' ? 'text' : 'value'} ${JSON.stringify(node)}`;
  const more = inside.length > 12 ? ', …' : '';
  const names = inside.slice(0, 12).map((k) => `${label}${Array.isArray(node) ? `[${k}]` : `.${k}`}`);
  throw new UsageError(messages.notANumber(text, what, names.length ? names.join(', ') + more : undefined));
}

/** Whether a value is a number, or a list or mapping with a number somewhere inside: something a path into it can vary. */
function holdsNumber(value: unknown): boolean {
  if (typeof value === 'number' || isDetailed(value)) return true;
  if (Array.isArray(value)) return value.some(holdsNumber);
  return isPlainObject(value) && Object.values(value).some(holdsNumber);
}

/** The factor of an assumption listed by resolveScenario (its path has list indices). */
export function factorAt(scenario: Scenario, path: FieldPath): Factor {
  let node: unknown = scenario;
  for (const part of path) node = (node as Record<string | number, unknown> | undefined)?.[part];
  const label = pathLabel(scenario, path);
  if (typeof node === 'number') return { label, path: [...path], base: node };
  if (isDetailed(node))
    return { label, path: [...path], base: node.value, range: node.range ? [node.range[0], node.range[1]] : undefined, source: node.source };
  // Only the paths of the scenario's assumptions come here, and each holds a number: anything else is a bug.
  throw new Error(`no number at ${formatPath(path)}`);
}

/**
 * A copy of the scenario with the given values set. A parameter in the detailed form keeps its range and source;
 * a value outside the declared range is allowed, but then the range is dropped (a note says so) because a
 * scenario's value must lie in its own range. Returns the copy and a note per value outside its range.
 */
export function withValues(scenario: Scenario, factors: readonly Factor[], values: readonly number[]): { scenario: Scenario; notes: string[] } {
  const copy = structuredClone(scenario);
  const notes: string[] = [];
  factors.forEach((factor, k) => {
    const value = values[k];
    let parent: Record<string | number, unknown> = copy as unknown as Record<string, unknown>;
    for (const part of factor.path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
    const key = factor.path[factor.path.length - 1];
    const old = parent[key];
    if (isDetailed(old)) {
      const range = old.range;
      if (range && (value < range[0] || value > range[1])) {
        notes.push(outsideNote(factor, value));
        const { range: _dropped, ...rest } = old;
        parent[key] = { ...rest, value, note: `set to ${value}, outside its declared range [${range[0]}, ${range[1]}]` };
      } else parent[key] = { ...old, value };
    } else parent[key] = value;
  });
  return { scenario: copy, notes };
}

/** The note for a value outside a factor's declared range. */
export function outsideNote(factor: Factor, value: number): string {
  return `${factor.label} = ${value} lies outside its declared range [${factor.range![0]}, ${factor.range![1]}]`;
}
