// Every user-facing message of the engine lives in src/core/messages.ts (issue 8, "Errors in one place"). These tests
// keep it so: no throw site writes its own text, and every message says what is wrong and (but for a few) what to do.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as messages from '../../src/core/messages.js';

const root = join(import.meta.dirname, '../..');
const src = join(root, 'src');

/** The one file that may hold message texts: the built-in policy modules take theirs from it too (policyChecks). */
const exempt = (file: string) => file === 'src/core/messages.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Inline user-facing texts at a throw site. A literal is a quote or backquote; an internal `throw new Error(…)` (an
 * invariant: a bug if it fires) is allowed, as is a template that only formats a message and hint made elsewhere.
 */
const RULES: { name: string; pattern: RegExp }[] = [
  { name: 'a UsageError, PluginError or ExpressionError with its own text', pattern: /new (?:UsageError|PluginError|ExpressionError)\(\s*['"`{]/g },
  { name: 'ctx.fail with its own text', pattern: /\bfail\(\s*(?:\[[^\]]*\]|[\w.]+)\s*,\s*['"`]/g },
  { name: 'a message or hint written as a literal', pattern: /\b(?:message|hint):\s*['"`]/g },
  { name: 'a hint written into the message ("\\n    fix: …")', pattern: /\\n\s*fix: (?!\$\{|['"`])/g },
];

/** Line comments and block comments blanked (keeping line breaks), so that a comment quoting a message is not a site. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:\\'"`])\/\/[^\n]*/g, (c, before: string) => before);
}

export function inlineMessages(files: { file: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    if (exempt(file)) continue;
    const code = withoutComments(text);
    for (const { name, pattern } of RULES)
      for (const match of code.matchAll(pattern)) {
        const line = code.slice(0, match.index).split('\n').length;
        found.push(`${file}:${line}: ${name}: ${text.split('\n')[line - 1].trim()}`);
      }
  }
  return found;
}

describe('messages live in src/core/messages.ts', () => {
  it('no throw site in src/, the policy modules included, writes its own message or hint', () => {
    const files = sourceFiles(src).map((path) => ({ file: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => f.file.startsWith('src/policies/')).length).toBeGreaterThan(10);
    expect(inlineMessages(files)).toEqual([]);
  });

  it('the check finds each kind of inline text, and passes a message from messages.ts', () => {
    const file = 'src/runner/example.ts';
    const bad = [
      "throw new UsageError('--runs must be positive');",
      'throw new UsageError(`no ${thing}\\n    fix: add one`);',
      "throw new UsageError({ message: 'bad', hint: 'do this' });",
      "ctx.fail(['locations', i], 'a wage must be positive', 'give one');",
      'ctx.fail(path, `unknown ${what}`);',
      "issues.push({ path, message: 'bad' });",
      "push(path, { message: issue.message, hint: 'write a number' });",
      "throw new PluginError(`plugin ${file} not found`, 'check the path');",
    ];
    const found = inlineMessages([{ file, text: bad.join('\n') }]);
    for (let line = 1; line <= bad.length; line++) expect(found.some((f) => f.startsWith(`${file}:${line}:`))).toBe(true);
    const good = [
      'throw new UsageError(messages.runSettings.workerMissing(file));',
      "ctx.fail(['locations', i, 'wage'], consistency.wageNotPositive(w));",
      'throw new Error(`policy ${type} records an unknown metric`); // an invariant: a bug if it fires',
      '// a comment may quote one: new UsageError("…"), message: "…"',
      'super(hint ? `${message}\\n    fix: ${hint}` : message);',
    ];
    expect(inlineMessages([{ file, text: good.join('\n') }])).toEqual([]);
    // The policy modules are held to the same rule: their check() problems come from messages.policyChecks.
    const inPolicy = inlineMessages([{ file: 'src/policies/subsidy.ts', text: bad.join('\n') }]);
    expect(new Set(inPolicy.map((f) => f.split(':')[1])).size).toBe(bad.length);
    expect(inlineMessages([{ file: 'src/policies/subsidy.ts', text: "[{ path, ...policyChecks.unknownId('tier', id, hint) }]" }])).toEqual([]);
  });
});

// ---- every message function says what is wrong and what to do --------------------------------------------------

/**
 * A stand-in for any argument: a list of two texts that also answers the string methods, so that each message
 * function runs whether it joins a list, counts a number or edits a text.
 */
function anyArgument(): unknown {
  const list = ['first', 'second'];
  return new Proxy(list, {
    get(target, key, receiver) {
      if (key in target) return Reflect.get(target, key, receiver);
      const method = (String.prototype as unknown as Record<PropertyKey, unknown>)[key];
      return typeof method === 'function' ? method.bind(target.join(',')) : undefined;
    },
  });
}

/** The names of a function's parameters, from its source (`(file, kind) => …`); enough for the arrows in messages.ts. */
function parameterNames(fn: (...args: never[]) => unknown): string[] {
  const head = /^(?:function\s*\w*\s*)?\(([^)]*)\)/.exec(fn.toString())?.[1] ?? '';
  return head
    .split(',')
    .map((p) => p.trim().replace(/\s*=.*$/, ''))
    .filter(Boolean);
}

/** A text where the caller passes a ready text (a hint, zod's message), a whole fault for plugins.threw, else anything. */
function argumentFor(name: string): unknown {
  if (name === 'hint' || name === 'message' || name === 'suggestion') return 'a text from the caller';
  if (name === 'fault') return { file: 'plugin.ts', kind: 'policy', name: 'rule', hook: 'work', tick: 3, year: 2024, message: 'it broke' };
  return anyArgument();
}

/** Messages that may come without a hint (each says why). */
const WITHOUT_HINT = new Set([
  // Only for an error that is not a file-system error: the caller then reports the error as it is (a bug).
  'output.unwritable',
  'calibration.stateUnwritable',
  'cluster.shardUnwritable',
  // A wrong type the schema does not name (a tuple, a union): no single way to write it.
  'scenarioFields.wrongType',
]);

type MessageFunction = (...args: unknown[]) => messages.Message | undefined;
const groups = (Object.entries(messages) as [string, unknown][]).filter(
  (entry): entry is [string, Record<string, MessageFunction>] =>
    typeof entry[1] === 'object' && entry[1] !== null && Object.values(entry[1]).every((f) => typeof f === 'function'),
);

describe('every message function', () => {
  it('finds the message groups', () => {
    expect(groups.map(([name]) => name)).toEqual(expect.arrayContaining(['output', 'scenarioFiles', 'consistency', 'runSettings', 'plugins', 'experiments']));
  });

  for (const [group, functions] of groups)
    for (const [name, fn] of Object.entries(functions))
      it(`${group}.${name} gives a message${WITHOUT_HINT.has(`${group}.${name}`) ? '' : ' and a hint'}`, () => {
        const result = fn(...parameterNames(fn).map(argumentFor));
        if (WITHOUT_HINT.has(`${group}.${name}`) && result === undefined) return;
        expect(typeof result?.message).toBe('string');
        expect(result!.message.trim()).not.toBe('');
        expect(result!.message).not.toMatch(/\bundefined\b|\[object /);
        if (WITHOUT_HINT.has(`${group}.${name}`)) return;
        expect(typeof result!.hint).toBe('string');
        expect(result!.hint!.trim()).not.toBe('');
      });
});
