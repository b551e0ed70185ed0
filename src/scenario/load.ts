// Reads a scenario file from disk (Node only): finds it, parses the YAML, follows `extends`, validates and resolves.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { didYouMean, ScenarioError, type FieldPath, type ScenarioIssue } from '../core/errors.js';
import { UsageError } from '../core/errors.js';
import { resolveScenario, type ResolvedScenario } from './resolve.js';
import { Scenario } from './schema.js';
import { Registry } from './registry.js';
import { loadPlugin, PluginError } from './plugins.js';

export interface LoadedScenario {
  /** Absolute path of the file that was read. */
  file: string;
  /** The validated scenario after `extends` is applied: plain data, safe to send to a worker thread. */
  scenario: Scenario;
  resolved: ResolvedScenario;
}

/** The package's own scenarios/ folder, where `sim --scenario NAME` looks after the working directory. */
export const packageScenarios = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** Finds `name` in `dir` (default: the working directory), then in the package's scenarios/ folder; throws UsageError if absent. */
export function findScenarioFile(name: string, dir: string = process.cwd()): string {
  const candidates = isAbsolute(name) ? [name] : [resolve(dir, name), join(packageScenarios, name)];
  const withExtension = extname(name) ? [] : candidates.map((c) => `${c}.yaml`);
  for (const candidate of [...candidates, ...withExtension]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const known = existsSync(packageScenarios) ? listScenarios() : [];
  const suggestion = didYouMean(basename(name), known);
  throw new UsageError(
    `scenario file "${name}" not found in ${dir} or in ${packageScenarios}` +
      (suggestion ? `\n    fix: did you mean "${suggestion}"?` : known.length ? `\n    fix: pick one of: ${known.join(', ')}` : ''),
  );
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
      const message = error instanceof PluginError ? error.message : `cannot load plugin ${plugin}: ${(error as Error).message}`;
      throw new ScenarioError(
        locate(
          [
            {
              path: ['plugins', k],
              message,
              hint: error instanceof PluginError ? error.hint : 'fix the error in the plugin file (run it with `npx tsx` to see it in full)',
            },
          ],
          read.merged,
          read.layers,
        ),
      );
    }
  }
  return finish(read, registry);
}

/** Loads a scenario that lists no plugins, synchronously (tests, scripts); a scenario with plugins needs `loadScenario`. */
export function loadScenarioSync(name: string, options: { cwd?: string; registry?: Registry } = {}): LoadedScenario {
  const read = readScenario(name, options.cwd);
  if (pluginFiles(read).length)
    throw new UsageError(`${read.file} lists plugins, which load asynchronously\n    fix: use await loadScenario(...) instead of loadScenarioSync(...)`);
  return finish(read, options.registry);
}

interface ReadScenario {
  file: string;
  layers: Layer[];
  merged: Record<string, unknown>;
}

function readScenario(name: string, cwd?: string): ReadScenario {
  const file = findScenarioFile(name, cwd);
  const layers = readLayers(file, []);
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
  const parsed = Scenario.safeParse(read.merged);
  if (!parsed.success) throw new ScenarioError(locate(zodIssues(parsed.error.issues, read.merged), read.merged, read.layers));
  try {
    return { file: read.file, scenario: parsed.data, resolved: resolveScenario(parsed.data, registry) };
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(locate(error.issues, read.merged, read.layers));
    throw error;
  }
}

// ---- reading and merging ------------------------------------------------------------------------------------

interface Layer {
  file: string;
  doc: Document;
  lines: LineCounter;
  data: Record<string, unknown>;
}

/** The file and the files it extends, the file itself first. */
/**
 * The file and every file it extends, most derived first. `extends` may name one file or a list; the files are
 * ordered so that each comes after all it extends and a file shared by two parents (the baseline) comes once,
 * at the start: later files override earlier ones, so `extends: [a.yaml, b.yaml]` keeps a's changes unless b
 * changes the same field.
 */
function readLayers(file: string, seen: string[], done = new Map<string, Layer>()): Layer[] {
  const order: Layer[] = [];
  const visit = (at: string, chain: string[]) => {
    if (chain.includes(at))
      throw new UsageError(
        `scenario ${chain[0]} extends itself through ${[...chain, at].map((f) => basename(f)).join(' → ')}\n    fix: remove one of those extends lines`,
      );
    if (done.has(at)) return;
    const layer = readLayer(at);
    const parents = layer.data.extends === undefined ? [] : Array.isArray(layer.data.extends) ? layer.data.extends : [layer.data.extends];
    parents.forEach((name: unknown, k: number) => {
      const path = Array.isArray(layer.data.extends) ? ['extends', k] : ['extends'];
      if (typeof name !== 'string')
        throw new ScenarioError(locate([{ path, message: 'extends must name a scenario file, e.g. baseline.yaml, or a list of them' }], layer.data, [layer]));
      let parent: string;
      try {
        parent = findScenarioFile(name, dirname(at));
      } catch (error) {
        throw new ScenarioError(locate([{ path, message: (error as Error).message }], layer.data, [layer]));
      }
      visit(parent, [...chain, at]);
    });
    done.set(at, layer);
    order.push(layer);
  };
  visit(file, seen);
  return order.reverse();
}

function readLayer(file: string): Layer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read scenario ${file}: ${(error as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length)
    throw new ScenarioError(
      doc.errors.map((e) => {
        const at = lines.linePos(e.pos[0]);
        return {
          file,
          line: at.line,
          column: at.col,
          path: [],
          message: `YAML syntax error: ${firstLine(e.message)}`,
          hint: 'check the indentation and the colon after each key on this line or the one before',
        };
      }),
    );
  const data = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data))
    throw new ScenarioError([
      {
        file,
        line: 1,
        column: 1,
        path: [],
        message: 'a scenario must be a mapping of fields (name: ..., run: ..., ...)',
        hint: 'start from scenarios/baseline.yaml or write `extends: baseline.yaml`',
      },
    ]);
  // Plugin files are named relative to the scenario file that lists them.
  if (Array.isArray(data.plugins)) data.plugins = data.plugins.map((p: unknown) => (typeof p === 'string' ? resolve(dirname(file), p) : p));
  return { file, doc, lines, data };
}

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The key that identifies an item of a list for merging: its id, or its name (a policy without a name: its type). */
const itemKey = (x: unknown): string | undefined => (isPlainObject(x) ? ((x.id ?? x.name ?? x.type) as string | undefined) : undefined);

/**
 * Overlays `over` on `base`: mappings merge field by field; lists whose items all have an id (or name) merge item
 * by item, so an extending file can change one location's wage without repeating the rest (an item with
 * `remove: true` deletes the inherited one); other lists replace. A parameter given as {value, ...} replaces the
 * inherited parameter whole, range and source included.
 * The inherited name is dropped: a scenario is named after its own file unless it says otherwise.
 */
export function mergeScenario(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const { name: _inheritedName, ...rest } = base;
  const merged = merge(rest, over) as Record<string, unknown>;
  // Plugins add up: a file keeps the plugins of the files it extends.
  if (Array.isArray(rest.plugins) && Array.isArray(over.plugins)) merged.plugins = [...new Set([...rest.plugins, ...over.plugins])];
  return merged;
}

function merge(base: unknown, over: unknown): unknown {
  // A parameter written as {value, ...} replaces the inherited one whole: its range and source belong to the old value.
  if (isPlainObject(over) && 'value' in over) return over;
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) out[key] = key in base ? merge(base[key], value) : value;
    return out;
  }
  if (Array.isArray(base) && Array.isArray(over) && [...base, ...over].every((x) => itemKey(x) !== undefined)) {
    const out = [...base];
    for (const item of over) {
      const at = out.findIndex((x) => itemKey(x) === itemKey(item));
      // `remove: true` deletes an inherited item (e.g. an entry stream) instead of changing it.
      if ((item as Record<string, unknown>).remove === true) {
        if (at >= 0) out.splice(at, 1);
      } else if (at >= 0) out[at] = merge(out[at], item);
      else out.push(item);
    }
    return out;
  }
  return over;
}

// ---- error messages -------------------------------------------------------------------------------------------

/** Turns zod's issues into scenario issues that say what was expected, what was found and how to fix it. */
function zodIssues(issues: readonly z.core.$ZodIssue[], data: unknown, prefix: FieldPath = []): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    const found = valueAt(data, path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const known = knownKeys(path);
          const suggestion = didYouMean(key, known);
          out.push({
            path: [...path, key],
            message: `unknown field "${key}"`,
            hint: suggestion ? `did you mean "${suggestion}"?` : known.length ? `fields allowed here: ${known.join(', ')}` : 'remove it',
          });
        }
        break;
      case 'invalid_union': {
        // A number-or-{value, range} parameter: report the detailed form's problems when an object was written.
        const objectBranch = isPlainObject(found)
          ? issue.errors.find((branch) => branch.every((e) => e.code !== 'invalid_type' || e.path.length > 0))
          : undefined;
        if (objectBranch) out.push(...zodIssues(objectBranch, data, path));
        else
          out.push({
            path,
            message: `expected a number, got ${describe(found)}`,
            hint: 'write a number, or {value: <number>, range: [<low>, <high>], source: "..."}',
          });
        break;
      }
      case 'invalid_type':
        out.push({
          path,
          message:
            found === undefined
              ? `missing required field (expected ${article(issue.expected)})`
              : `expected ${article(issue.expected)}, got ${describe(found)}`,
          hint: found === undefined ? `add ${String(path[path.length - 1])}: to this section (see docs/scenarios.md)` : undefined,
        });
        break;
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const inclusive = issue.inclusive !== false;
        const side = issue.code === 'too_small' ? (inclusive ? 'at least' : 'above') : inclusive ? 'at most' : 'below';
        const what = issue.origin === 'array' ? 'items' : issue.origin === 'string' ? 'characters' : '';
        out.push({
          path,
          message: `${describe(found)} is out of range: must be ${side} ${String(bound)}${what ? ' ' + what : ''}`,
          hint: `use a value ${side} ${String(bound)}`,
        });
        break;
      }
      case 'invalid_value':
        out.push({ path, message: `${describe(found)} is not allowed`, hint: `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` });
        break;
      default:
        out.push({ path, message: issue.message });
    }
  }
  return out;
}

/** Field names the schema allows in the object at `path` (for "did you mean"). */
function knownKeys(path: FieldPath): string[] {
  let schema: z.ZodType | undefined = Scenario;
  for (const part of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) schema = schema.shape[part as string] as z.ZodType | undefined;
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else return [];
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  for (;;) {
    if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) schema = schema.unwrap() as z.ZodType;
    else if (schema instanceof z.ZodUnion)
      schema = (schema.options as z.ZodType[]).find((o) => unwrap(o) instanceof z.ZodObject) ?? (schema.options[0] as z.ZodType);
    else if (schema instanceof z.ZodPipe) schema = schema.in as z.ZodType;
    else return schema;
  }
}

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

function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const part of path) value = (value as Record<string | number, unknown> | undefined)?.[part];
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (isPlainObject(value)) return 'a mapping';
  return String(value);
}

function article(expected: string): string {
  return expected === 'object' ? 'a mapping' : expected === 'array' ? 'a list' : /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
