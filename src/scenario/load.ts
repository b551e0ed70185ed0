// Reads a scenario file from disk (Node only): finds it, parses the YAML within the documented limits (LIMITS), follows
// `extends`, validates and resolves. Every problem is a UsageError or a ScenarioError naming the file and, where there
// is one, the line, column and field; the texts are in core/messages.ts.
import { readdirSync, readFileSync, statSync, existsSync, type Stats } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { didYouMean, ScenarioError, UsageError, type FieldPath, type ScenarioIssue } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import {
  pluginFiles as pluginFileMessages,
  posterior as posteriorMessages,
  scenarioFields,
  scenarioFiles,
  thrownText,
  type Message,
} from '../core/messages.js';
import { parsePosterior, type Posterior } from './posterior.js';
import { resolveLevers } from './levers.js';
import { resolveScenario, type ResolvedScenario } from './resolve.js';
import { Scenario } from './schema.js';
import { Registry } from './registry.js';
import { loadPlugin, PluginError } from './plugins.js';
import { describe, isPlainObject, valueAt, zodIssues } from './zod-issues.js';

export interface LoadedScenario {
  /** Absolute path of the file that was read. */
  file: string;
  /** The validated scenario after `extends` is applied: plain data, safe to send to a worker thread. */
  scenario: Scenario;
  resolved: ResolvedScenario;
  /** The posterior ensemble the scenario names (`posterior:`), read and checked: plain data, safe to send to a worker thread. */
  posterior?: Posterior;
}

/** The package's own scenarios/ folder, where `sim --scenario NAME` looks after the working directory. */
export const packageScenarios = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** Finds `name` in `dir` (default: the working directory), then in the package's scenarios/ folder; throws UsageError if absent. */
export function findScenarioFile(name: string, dir: string = process.cwd()): string {
  const found = lookUp(name, dir);
  if (typeof found === 'string') return found;
  throw new UsageError(found);
}

/**
 * The path of scenario `name`, or why there is none. A folder, a device or a pipe of that name is not a scenario
 * (reading a pipe would wait for ever): it is named as what it is, unless a file of the name with .yaml exists.
 */
function lookUp(name: string, dir: string): string | Message {
  const candidates = isAbsolute(name) ? [name] : [resolve(dir, name), join(packageScenarios, name)];
  const withExtension = extname(name) ? [] : candidates.map((c) => `${c}.yaml`);
  let notAFile: Message | undefined;
  for (const candidate of [...candidates, ...withExtension]) {
    let stats: Stats | undefined;
    try {
      stats = statSync(candidate, { throwIfNoEntry: false });
    } catch (error) {
      // ENOTDIR: a file where a folder of the path should be; anything else (EACCES) is worth saying.
      if ((error as { code?: string }).code !== 'ENOTDIR') notAFile ??= scenarioFiles.unreadable(error, candidate);
    }
    if (stats?.isFile()) return candidate;
    if (stats) notAFile ??= scenarioFiles.notAFile(candidate, kindOf(stats));
  }
  if (notAFile) return notAFile;
  // Shipped scenarios are suggested by their names without .yaml, so that "basline" finds baseline.yaml.
  const known = listScenarios();
  const stem = (file: string) => basename(file, extname(file));
  const suggestion = didYouMean(stem(name), known.map(stem));
  return scenarioFiles.notFound(name, isAbsolute(name) ? [dirname(name)] : [dir, packageScenarios], suggestion && `${suggestion}.yaml`, known);
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The scenario files shipped in scenarios/. */
export function listScenarios(): string[] {
  return existsSync(packageScenarios)
    ? readdirSync(packageScenarios)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
    : [];
}

/**
 * Loads, validates and resolves a scenario, loading the plugin files it lists (TypeScript or JavaScript) into the
 * registry first; throws ScenarioError (with file, line, column) or UsageError.
 */
export async function loadScenario(name: string, options: { cwd?: string; registry?: Registry } = {}): Promise<LoadedScenario> {
  const read = readScenario(name, options.cwd);
  const registry = options.registry ?? new Registry();
  const plugins = pluginFiles(read);
  for (const [k, plugin] of plugins.entries()) {
    try {
      await loadPlugin(plugin, registry);
    } catch (error) {
      const problem = error instanceof PluginError ? error : pluginFileMessages.cannotLoad(plugin, thrownText(error));
      throw new ScenarioError(locate([{ path: ['plugins', k], message: problem.message, hint: problem.hint }], read.merged, read.layers));
    }
  }
  return finish(read, registry);
}

/** Loads a scenario that lists no plugins, synchronously (tests, scripts); a scenario with plugins needs `loadScenario`. */
export function loadScenarioSync(name: string, options: { cwd?: string; registry?: Registry } = {}): LoadedScenario {
  const read = readScenario(name, options.cwd);
  if (pluginFiles(read).length) throw new UsageError(scenarioFiles.pluginsNeedAsync(read.file));
  return finish(read, options.registry);
}

interface ReadScenario {
  file: string;
  layers: Layer[];
  merged: Record<string, unknown>;
}

function readScenario(name: string, cwd?: string): ReadScenario {
  const file = findScenarioFile(name, cwd);
  const layers = readLayers(file);
  const merged = layers.reduceRight<Record<string, unknown>>((base, layer) => mergeScenario(base, layer.data), {});
  delete merged.extends;
  delete merged.$schema;
  merged.name ??= basename(file, extname(file));
  return { file, layers, merged };
}

/** Plugin paths as absolute paths; each file's `plugins` are relative to that file (readLayers made them absolute). */
function pluginFiles(read: ReadScenario): string[] {
  const plugins = read.merged.plugins;
  return Array.isArray(plugins) ? plugins.filter((p): p is string => typeof p === 'string') : [];
}

function finish(read: ReadScenario, registry?: Registry): LoadedScenario {
  const policies = read.merged.policies;
  if (Array.isArray(policies) && policies.length > LIMITS.scenarioPolicies)
    throw new ScenarioError(
      locate([{ path: ['policies'], ...scenarioFields.tooManyPolicies(policies.length, LIMITS.scenarioPolicies) }], read.merged, read.layers),
    );
  const parsed = Scenario.safeParse(read.merged);
  if (!parsed.success) throw new ScenarioError(place(zodIssues(parsed.error.issues, read.merged, Scenario), read));
  let resolved: ResolvedScenario;
  try {
    resolved = resolveScenario(parsed.data, registry);
    resolveLevers(parsed.data);
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(place(error.issues, read));
    throw error;
  }
  const posterior = parsed.data.posterior === undefined ? undefined : readPosterior(parsed.data.posterior, parsed.data, read);
  return { file: read.file, scenario: parsed.data, resolved, ...(posterior ? { posterior } : {}) };
}

/**
 * Reads and checks the posterior a scenario names (its path made absolute by readLayer, relative to the file that
 * names it). A missing or unreadable file is reported at the `posterior` field of the scenario; a problem inside
 * it at its line in the posterior file.
 */
function readPosterior(file: string, scenario: Scenario, read: ReadScenario): Posterior {
  const atField = (m: Message): never => {
    throw new ScenarioError(locate([{ path: ['posterior'], ...m }], read.merged, read.layers));
  };
  let text = '';
  try {
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) atField(posteriorMessages.notFound(file));
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    atField(posteriorMessages.unreadable(error, file));
  }
  return parsePosterior(text, file, scenario);
}

/** Most problems listed at once: past them, the first ones are what to fix (and placing thousands would be slow). */
const MAX_LISTED = 50;

/** The issues of a merged scenario, each placed in its file, new list items' missing fields in one issue each, at most MAX_LISTED. */
function place(issues: ScenarioIssue[], read: ReadScenario): ScenarioIssue[] {
  const grouped = newItems(issues, read);
  const listed = locate(grouped.slice(0, MAX_LISTED), read.merged, read.layers);
  if (grouped.length > MAX_LISTED) listed.push({ path: [], file: read.file, ...scenarioFields.moreProblems(grouped.length - MAX_LISTED) });
  return listed;
}

/**
 * An extending file that adds an item to an inherited list (a population, a location …) must give all its fields;
 * more often the user meant to change an inherited item and misspelt its id or name. The missing fields of such a
 * new item become one issue at the item, suggesting the inherited item meant.
 */
function newItems(issues: ScenarioIssue[], read: ReadScenario): ScenarioIssue[] {
  const inherited = new Map<string, unknown[]>();
  const inheritedKeys = (list: string): unknown[] => {
    if (!inherited.has(list))
      inherited.set(
        list,
        read.layers.slice(1).flatMap((layer) => (Array.isArray(layer.data[list]) ? (layer.data[list] as unknown[]).map(itemKey) : [])),
      );
    return inherited.get(list)!;
  };
  /** The item (list, index) of a missing field in a list item that no inherited file has, or undefined. */
  const newItemOf = (issue: ScenarioIssue): string | undefined => {
    const [list, index] = issue.path;
    if (issue.path.length !== 3 || typeof list !== 'string' || typeof index !== 'number' || valueAt(read.merged, issue.path) !== undefined) return undefined;
    const key = itemKey(valueAt(read.merged, [list, index]));
    const inherited = inheritedKeys(list);
    return key !== undefined && inherited.length && !inherited.includes(key) ? JSON.stringify([list, index]) : undefined;
  };
  const missing = new Map<string, string[]>();
  for (const issue of issues) {
    const item = newItemOf(issue);
    if (item) missing.set(item, [...(missing.get(item) ?? []), String(issue.path[2])]);
  }
  const out: ScenarioIssue[] = [];
  for (const issue of issues) {
    const item = newItemOf(issue);
    if (!item) out.push(issue);
    else if (missing.has(item)) {
      const [list, index] = JSON.parse(item) as [string, number];
      const key = String(itemKey(valueAt(read.merged, [list, index])));
      const names = inheritedKeys(list).filter((k): k is string => typeof k === 'string');
      out.push({ path: [list, index], ...scenarioFields.newItemIncomplete(key, list, missing.get(item)!, didYouMean(key, names)) });
      missing.delete(item);
    }
  }
  return out;
}

// ---- reading and merging ------------------------------------------------------------------------------------

interface Layer {
  file: string;
  doc: Document;
  lines: LineCounter;
  data: Record<string, unknown>;
}

/**
 * The file and every file it extends, most derived first. `extends` may name one file or a list; the files are
 * ordered so that each comes after all it extends and a file shared by two parents (the baseline) comes once,
 * at the start: later files override earlier ones, so `extends: [a.yaml, b.yaml]` keeps a's changes unless b
 * changes the same field. A problem with an `extends` entry is reported at that entry, in the file that has it.
 */
function readLayers(file: string): Layer[] {
  const order: Layer[] = [];
  const done = new Set<string>();
  const follow = (layer: Layer, chain: string[]) => {
    const ext = layer.data.extends;
    const parents: unknown[] = ext === undefined ? [] : Array.isArray(ext) ? ext : [ext];
    parents.forEach((name, k) => {
      const path = Array.isArray(ext) ? ['extends', k] : ['extends'];
      const fail = (m: Message): never => {
        throw new ScenarioError(locate([{ path, ...m }], layer.data, [layer]));
      };
      if (typeof name !== 'string') return fail(scenarioFiles.extendsNotText());
      const parent = lookUp(name, dirname(layer.file));
      if (typeof parent !== 'string') return fail(parent);
      const through = [...chain, layer.file];
      if (through.includes(parent)) return fail(scenarioFiles.extendsItself([...through, parent].map((f) => basename(f))));
      if (!done.has(parent)) follow(readLayer(parent), through);
    });
    done.add(layer.file);
    order.push(layer);
  };
  follow(readLayer(file), []);
  return order.reverse();
}

/** The text of a scenario file, refused before reading when it is larger than LIMITS.scenarioBytes. */
function readText(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new UsageError(scenarioFiles.unreadable(error, file));
  }
  if (size > LIMITS.scenarioBytes) throw new ScenarioError([{ file, path: [], ...scenarioFiles.tooLarge(size, LIMITS.scenarioBytes) }]);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(scenarioFiles.unreadable(error, file));
  }
}

/** Most YAML syntax errors listed: the first is what to fix, the rest often follow from it. */
const MAX_SYNTAX_ERRORS = 5;

function readLayer(file: string): Layer {
  const text = readText(file);
  const at = (offset: number, m: Message, lines?: LineCounter): ScenarioIssue => {
    const pos = lines ? lines.linePos(offset) : position(text, offset);
    return { file, line: pos.line, column: pos.col, path: [], ...m };
  };
  // Deep brackets are refused before parsing: the parser reports each level past its stack as an error, or runs out of memory.
  const deep = deepBracket(text, LIMITS.scenarioDepth);
  if (deep >= 0) throw new ScenarioError([at(deep, scenarioFiles.tooDeep(LIMITS.scenarioDepth))]);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
    if (overflow) throw new ScenarioError([at(overflow.pos[0], scenarioFiles.tooDeep(LIMITS.scenarioDepth), lines)]);
    const issues = doc.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => at(e.pos[0], scenarioFiles.yamlSyntax(firstLine(e.message)), lines));
    if (doc.errors.length > MAX_SYNTAX_ERRORS) issues.push({ file, path: [], ...scenarioFiles.moreSyntaxErrors(doc.errors.length - MAX_SYNTAX_ERRORS) });
    throw new ScenarioError(issues);
  }
  const shape = checkShape(doc);
  if (shape.problem) throw new ScenarioError([at(shape.problem.offset, shape.problem.message, lines)]);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.scenarioAliasCount });
  } catch (error) {
    // The yaml package stops an alias bomb ("Excessive alias count indicates a resource exhaustion attack").
    if (error instanceof ReferenceError && /alias/i.test(error.message))
      throw new ScenarioError([at(shape.firstAlias ?? 0, scenarioFiles.aliasBomb(LIMITS.scenarioAliasCount), lines)]);
    throw error;
  }
  if (data === null || data === undefined) throw new ScenarioError([{ file, path: [], ...scenarioFiles.empty() }]);
  if (!isPlainObject(data)) throw new ScenarioError([at(doc.contents?.range?.[0] ?? 0, scenarioFiles.notAMapping(describe(data)), lines)]);
  // Plugin files are named relative to the scenario file that lists them.
  if (Array.isArray(data.plugins)) data.plugins = data.plugins.map((p: unknown) => (typeof p === 'string' ? resolve(dirname(file), p) : p));
  // So is the posterior: a file that extends this one inherits it with the path still right.
  if (typeof data.posterior === 'string' && data.posterior !== '') data.posterior = resolve(dirname(file), data.posterior);
  const layer = { file, doc, lines, data };
  // Checked in each file too, before merging: a long list costs time to merge.
  if (Array.isArray(data.policies) && data.policies.length > LIMITS.scenarioPolicies)
    throw new ScenarioError(locate([{ path: ['policies'], ...scenarioFields.tooManyPolicies(data.policies.length, LIMITS.scenarioPolicies) }], data, [layer]));
  return layer;
}

/** The explicit YAML tags that give plain data (`!!str 2024`); others (`!!binary`, `!!set`, `!custom`) give objects no field takes. */
const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * One walk over the parsed file: the first place past the limits on nesting (LIMITS.scenarioDepth) and on the number
 * of values (LIMITS.scenarioNodes), or a `__proto__` key (which would reach an object's prototype when merged);
 * and where the first alias is, to point at if the aliases expand too far.
 */
function checkShape(doc: Document): { problem?: { offset: number; message: Message }; firstAlias?: number } {
  let nodes = 0;
  let problem: { offset: number; message: Message } | undefined;
  let firstAlias: number | undefined;
  const offsetOf = (node: unknown) => (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
  visit(doc, (_key, node, path) => {
    // An empty document or value is visited as null.
    if (node === null || node === undefined) return undefined;
    if (isPair(node)) {
      if (isScalar(node.key) && node.key.value === '__proto__') problem = { offset: offsetOf(node.key), message: scenarioFiles.forbiddenKey('__proto__') };
      // A list or mapping as a key (`? [a, b]`) would be turned into text, with a warning on the console.
      else if (node.key !== null && !isScalar(node.key) && !isAlias(node.key)) problem = { offset: offsetOf(node.key), message: scenarioFiles.complexKey() };
    } else if (++nodes > LIMITS.scenarioNodes) problem = { offset: offsetOf(node), message: scenarioFiles.tooManyNodes(LIMITS.scenarioNodes) };
    else if (typeof (node as { tag?: unknown }).tag === 'string' && !PLAIN_TAGS.has((node as { tag: string }).tag))
      problem = { offset: offsetOf(node), message: scenarioFiles.yamlTag((node as { tag: string }).tag) };
    else if (isAlias(node)) firstAlias ??= offsetOf(node);
    else if (isCollection(node) && path.filter(isCollection).length >= LIMITS.scenarioDepth)
      problem = { offset: offsetOf(node), message: scenarioFiles.tooDeep(LIMITS.scenarioDepth) };
    return problem ? visit.BREAK : undefined;
  });
  return { problem, firstAlias };
}

/**
 * The offset at which brackets ([ ], { }) first nest deeper than `limit`, or -1. A rough scan, enough to stop a file
 * of thousands of open brackets: quoted texts and comments are skipped, and a line that starts with a key at the
 * left margin closes whatever brackets a text left open.
 */
function deepBracket(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const after = i === 0 ? ' ' : text[i - 1];
    if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '#' && /\s/.test(after)) i = endOf(text, '\n', i);
    else if ((c === '"' || c === "'") && /[\s[{,:]/.test(after)) i = endOf(text, c, i);
    else if (c === '\n' && /[A-Za-z_$]/.test(text[i + 1] ?? '')) depth = 0;
  }
  return -1;
}

/** The offset of the next `close` after `from` (skipping backslash escapes in double quotes), or the end of the text. */
function endOf(text: string, close: string, from: number): number {
  for (let i = from + 1; i < text.length; i++) {
    if (close === '"' && text[i] === '\\') i++;
    else if (text[i] === close) return close === '\n' ? i - 1 : i;
  }
  return text.length;
}

/** Line and column (from 1) of an offset, before the parser has counted the lines. */
function position(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/** The key that identifies an item of a list for merging: its id, or its name (a policy without a name: its type). */
const itemKey = (x: unknown): unknown => (isPlainObject(x) ? (x.id ?? x.name ?? x.type) : undefined);

/** Sets an own property, even one named __proto__ (which an assignment would take as the object's prototype). */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Overlays `over` on `base`: mappings merge field by field; lists whose items all have an id (or name) merge item
 * by item, so an extending file can change one location's wage without repeating the rest (an item with
 * `remove: true` deletes the inherited one); other lists replace. A parameter given as {value, ...} replaces the
 * inherited parameter whole, range and source included.
 * The inherited name is dropped: a scenario is named after its own file unless it says otherwise.
 */
export function mergeScenario(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  // A scenario's identity (its name, title and summary) is its own: a file that extends another names itself.
  const { name: _inheritedName, title: _inheritedTitle, summary: _inheritedSummary, ...rest } = base;
  const merged = merge(rest, over) as Record<string, unknown>;
  // Plugins add up: a file keeps the plugins of the files it extends.
  if (Array.isArray(rest.plugins) && Array.isArray(over.plugins)) merged.plugins = [...new Set([...rest.plugins, ...over.plugins])];
  // So do levers, one per path: a later file's lever of the same path replaces the earlier one in its place.
  if (Array.isArray(rest.levers) && Array.isArray(over.levers)) {
    const byPath = new Map<unknown, unknown>();
    for (const lever of [...rest.levers, ...over.levers]) byPath.set(isPlainObject(lever) ? lever.path : lever, lever);
    merged.levers = [...byPath.values()];
  }
  return merged;
}

function merge(base: unknown, over: unknown): unknown {
  // A parameter written as {value, ...} replaces the inherited one whole: its range and source belong to the old value.
  if (isPlainObject(over) && Object.hasOwn(over, 'value')) return over;
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) setOwn(out, key, Object.hasOwn(base, key) ? merge(base[key], value) : value);
    return out;
  }
  if (Array.isArray(base) && Array.isArray(over) && [...base, ...over].every((x) => itemKey(x) !== undefined)) {
    // Items are found by key through a map, so that merging long lists stays linear.
    const out: unknown[] = [...base];
    const index = new Map<unknown, number>();
    out.forEach((item, i) => index.has(itemKey(item)) || index.set(itemKey(item), i));
    const removed = new Set<number>();
    for (const item of over) {
      const key = itemKey(item);
      const at = index.get(key);
      // `remove: true` deletes an inherited item (e.g. an entry stream) instead of changing it.
      if ((item as Record<string, unknown>).remove === true) {
        if (at !== undefined) removed.add(at);
        index.delete(key);
      } else if (at !== undefined) out[at] = merge(out[at], item);
      else {
        index.set(key, out.length);
        out.push(item);
      }
    }
    return removed.size ? out.filter((_, i) => !removed.has(i)) : out;
  }
  return over;
}

// ---- placing issues in the file --------------------------------------------------------------------------------

/** Places issues found after loading (while the model runs) in the scenario file and the files it extends; unplaced if they cannot be read again. */
export function locateInScenario(file: string, issues: ScenarioIssue[]): ScenarioIssue[] {
  try {
    const read = readScenario(file);
    return locate(issues, read.merged, read.layers);
  } catch {
    return issues;
  }
}

/** Adds file, line and column to each issue by finding its field in the file that set it (the extending file first). */
function locate(issues: ScenarioIssue[], merged: unknown, layers: Layer[]): ScenarioIssue[] {
  return issues.map((issue) => {
    if (issue.file) return issue;
    let best: { layer: Layer; depth: number; offset: number } | undefined;
    for (const layer of layers) {
      const found = deepestNode(layer, issue.path, merged);
      if (found && (!best || found.depth > best.depth)) best = { layer, ...found };
    }
    if (!best) return { ...issue, file: layers[0].file };
    const at = best.layer.lines.linePos(best.offset);
    return { ...issue, file: best.layer.file, line: at.line, column: at.col };
  });
}

/** The deepest node of `path` present in a layer's YAML, translating merged list indices through item ids. */
function deepestNode(layer: Layer, path: FieldPath, merged: unknown): { depth: number; offset: number } | undefined {
  let node: unknown = layer.doc.contents;
  let mergedValue = merged;
  let result: { depth: number; offset: number } | undefined;
  const offsetOf = (n: unknown) => (n as { range?: [number, number, number] })?.range?.[0];
  const start = offsetOf(node);
  if (start !== undefined) result = { depth: 0, offset: start };
  for (let depth = 0; depth < path.length; depth++) {
    const part = path[depth];
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === part);
      if (!pair) break;
      // The field itself is reported at its key, where a reader looks for it.
      const keyOffset = offsetOf(pair.key);
      if ((depth === path.length - 1 || pair.value === null) && keyOffset !== undefined) return { depth: depth + 1, offset: keyOffset };
      next = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const key = Array.isArray(mergedValue) ? itemKey(mergedValue[part]) : undefined;
      const index = key !== undefined ? node.items.findIndex((item) => isMap(item) && itemKey(item.toJSON()) === key) : part;
      if (index < 0 || index >= node.items.length) break;
      next = node.items[index];
    } else break;
    mergedValue = (mergedValue as Record<string | number, unknown> | undefined)?.[part];
    node = next;
    const offset = offsetOf(node);
    if (offset !== undefined) result = { depth: depth + 1, offset };
  }
  return result;
}

function firstLine(message: string): string {
  // The yaml package's advice on its own API means nothing to a user.
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/; please use YAML\.parseAllDocuments\(\)/, '');
}
