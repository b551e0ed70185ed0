// Turns zod's issues into scenario issues that say what was expected, what was found and how to fix it: for the whole
// scenario (load.ts) and for a policy entry checked against its module's parameters (resolvers/policies.ts).
// Browser-safe: no Node imports.
import { z } from 'zod';
import { didYouMean, type FieldPath, type ScenarioIssue } from '../core/errors.js';
import { scenarioFields, type Message } from '../core/messages.js';

export const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The scenario issues for zod's `issues` from checking `data` against `schema`; each path is prefixed with `prefix`
 * (where `data` stands in the scenario). `what` names the object in unknown-field messages (e.g. "a subsidy policy").
 * A required field that is missing next to an unknown field that is its likely misspelling is reported once, as the
 * unknown field with its "did you mean": the missing field follows from it.
 */
export function zodIssues(issues: readonly z.core.$ZodIssue[], data: unknown, schema: z.ZodType, prefix: FieldPath = [], what = ''): ScenarioIssue[] {
  const misspelt = new Set<string>();
  for (const issue of issues)
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, knownKeys(schema, issue.path as FieldPath));
        if (suggestion) misspelt.add(pathKey([...(issue.path as FieldPath), suggestion]));
      }
  const out: ScenarioIssue[] = [];
  const push = (path: FieldPath, m: Message) => out.push({ path: [...prefix, ...path], ...m });
  for (const issue of issues) {
    const path = issue.path as FieldPath;
    const found = valueAt(data, path);
    const missing = found === undefined && path.length > 0;
    if (missing && misspelt.has(pathKey(path))) continue;
    const field = String(path[path.length - 1]);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const known = knownKeys(schema, path);
          push([...path, key], scenarioFields.unknownField(key, didYouMean(key, known), known, what));
        }
        break;
      case 'invalid_union': {
        // A number-or-{value, range} parameter: report the detailed form's problems when an object was written.
        const objectBranch = isPlainObject(found)
          ? issue.errors.find((branch) => branch.every((e) => e.code !== 'invalid_type' || e.path.length > 0))
          : undefined;
        if (objectBranch)
          out.push(
            ...zodIssues(
              objectBranch.map((e) => ({ ...e, path: [...path, ...e.path] })),
              data,
              schema,
              prefix,
              what,
            ),
          );
        else {
          // Each branch's own type: a parameter is a number or a {value, range} mapping; extends a text or a list.
          const types = issue.errors.map((branch) =>
            branch.length === 1 && branch[0].code === 'invalid_type' && !branch[0].path.length ? branch[0].expected : undefined,
          );
          const isParam = types.includes('number') && types.includes('object');
          const expected = isParam
            ? 'a number'
            : types.every((t) => t !== undefined)
              ? [...new Set(types.map((t) => article(t!)))].join(' or ')
              : 'another kind of value';
          if (missing) push(path, scenarioFields.missingField(field, expected));
          else push(path, isParam ? scenarioFields.notANumber(describe(found)) : scenarioFields.wrongType(expected, describe(found)));
        }
        break;
      }
      case 'invalid_type':
        push(path, missing ? scenarioFields.missingField(field, article(issue.expected)) : scenarioFields.wrongType(article(issue.expected), describe(found)));
        break;
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const inclusive = issue.inclusive !== false;
        const side = issue.code === 'too_small' ? (inclusive ? 'at least' : 'above') : inclusive ? 'at most' : 'below';
        const unit = issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : '';
        push(path, scenarioFields.outOfRange(describe(found), side, `${String(bound)}${unit}`));
        break;
      }
      case 'invalid_value':
        push(path, scenarioFields.notAllowed(describe(found), issue.values));
        break;
      default: {
        // A check of our own (schema.ts) may carry its fix as params.hint.
        const hint =
          (issue as { params?: { hint?: unknown } }).params?.hint ??
          (issue.message === scenarioFields.badId().message ? scenarioFields.badId().hint : undefined);
        push(path, { message: issue.message.replace(/^Invalid input: /, ''), hint: typeof hint === 'string' ? hint : undefined });
      }
    }
  }
  return out;
}

const pathKey = (path: FieldPath) => JSON.stringify(path);

/** Field names `schema` allows in the object at `path` (for "did you mean"). */
export function knownKeys(schema: z.ZodType, path: FieldPath): string[] {
  let at: z.ZodType | undefined = schema;
  for (const part of path) {
    at = unwrap(at);
    if (at instanceof z.ZodObject) at = at.shape[part as string] as z.ZodType | undefined;
    else if (at instanceof z.ZodArray) at = at.element as z.ZodType;
    else if (at instanceof z.ZodRecord) at = at.valueType as z.ZodType;
    else return [];
  }
  at = unwrap(at);
  return at instanceof z.ZodObject ? Object.keys(at.shape) : [];
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

export function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const part of path)
    value = (isPlainObject(value) || Array.isArray(value)) && Object.hasOwn(value, part) ? (value as Record<string | number, unknown>)[part] : undefined;
  return value;
}

/** A value as the user wrote it, in a few words. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'nothing (an empty value)';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value)}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (isPlainObject(value)) return 'a mapping';
  return String(value);
}

function article(expected: string): string {
  if (expected === 'object' || expected === 'record' || expected === 'map') return 'a mapping';
  if (expected === 'array' || expected === 'tuple') return 'a list';
  if (expected === 'string') return 'a string';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
