// The errors a user sees (a scenario's, a usage problem's) and how they are printed: what is wrong, where (file,
// line, field path) and how to fix it. The texts themselves are in messages.ts.
// Browser-safe: the model reports a bad term with it, the loader places its issues in the file.
import { distance } from 'fastest-levenshtein';
import { plugins as pluginMessages, thrownText, type Message, type PluginFault } from './messages.js';

export type { PluginFault } from './messages.js';

export type FieldPath = ReadonlyArray<string | number>;

export interface ScenarioIssue {
  /** Path of the field inside the scenario, e.g. ['locations', 0, 'wage', 'top']. */
  path: FieldPath;
  /** What is wrong, in one sentence. */
  message: string;
  /** How to fix it, when there is something to suggest. */
  hint?: string;
  /** Filled in by the loader: where the field stands in the file. */
  file?: string;
  line?: number;
  column?: number;
}

/** Thrown for a usage problem outside the scenario (a missing file, an unwritable folder, a bad option); the CLI exits with code 2. */
export class UsageError extends Error {
  /** How to fix it, printed after the message as `fix: …`. */
  readonly hint?: string;
  constructor(problem: string | Message) {
    const { message, hint } = typeof problem === 'string' ? { message: problem, hint: undefined } : problem;
    super(hint ? `${message}\n    fix: ${hint}` : message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

/** Thrown for a scenario that cannot run; the CLI prints it and exits with code 2. */
export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];
  constructor(issues: ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

/**
 * Thrown when code from a plugin file throws while the model runs: the user's error, not the simulator's, so the CLI
 * prints it with the plugin, the hook and the tick and exits with code 2.
 */
export class PluginRunError extends Error {
  readonly hint?: string;
  constructor(readonly fault: PluginFault) {
    const { message, hint } = pluginMessages.threw(fault);
    super(hint ? `${message}\n    fix: ${hint}` : message);
    this.name = 'PluginRunError';
    this.hint = hint;
  }

  /** The error to throw for `error`, thrown by the code of a policy or term from `origin` (an Origin of core/scenario.ts: 'builtin', 'code' or { plugin }) while in `where`: a PluginRunError only for plugin code. */
  static wrap(error: unknown, origin: string | { plugin: string }, where: Omit<PluginFault, 'file' | 'message' | 'stack'>): unknown {
    // Errors already meant for the user (a nested hook's, a non-finite value's) pass unchanged; so does anything
    // thrown by built-in code or code registered by hand, which are the simulator's or the caller's bugs.
    if (error instanceof PluginRunError || error instanceof ScenarioError || error instanceof UsageError || typeof origin !== 'object') return error;
    const thrown = error instanceof Error ? error : undefined;
    return new PluginRunError({ ...where, file: origin.plugin, message: thrownText(error), stack: thrown?.stack });
  }
}

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(top level)';
}

export function formatIssue(issue: ScenarioIssue): string {
  const where = issue.file ? `${issue.file}${issue.line ? `:${issue.line}:${issue.column ?? 1}` : ''}: ` : '';
  const field = issue.path.length ? `${formatPath(issue.path)}: ` : '';
  return `${where}${field}${issue.message}${issue.hint ? `\n    fix: ${issue.hint}` : ''}`;
}

/** The closest known name to a misspelt one, if it is close enough to be a likely typo. */
export function didYouMean(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

export function unknownNameHint(name: string, known: readonly string[], what: string): string {
  const suggestion = didYouMean(name, known);
  return suggestion ? `did you mean "${suggestion}"?` : `known ${what}: ${known.join(', ')}`;
}
