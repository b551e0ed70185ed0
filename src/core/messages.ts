// Every user-facing message of the engine in one place, each as {message, hint}: what is wrong, and what to do about
// it (as Vega-Lite keeps its messages in src/log/message.ts). A message is a function of what it must name (a file,
// a field, a count); callers throw it as a UsageError or place it in a ScenarioIssue. Policy modules and plugins
// keep their own messages beside their parameters, so that a student adds a policy in one file.
// Browser-safe: no Node imports.

/** What went wrong, in one sentence, and how to fix it (printed as `fix: …`). */
export interface Message {
  message: string;
  hint?: string;
}

// ---- file-system errors ------------------------------------------------------------------------------------------

/** Plain words for the error codes a file-system call gives (Node's `error.code`). */
export const FILE_SYSTEM_REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the path is too long',
  EISDIR: 'a folder of that name is in the way',
  ENOTEMPTY: 'a folder of that name is in the way',
  EMFILE: 'too many open files',
  EIO: 'an input/output error of the device',
  ENOENT: 'no such file or folder',
  ELOOP: 'too many symbolic links in the path',
};

/**
 * A file-system error (one with an errno code and a system call) as a message naming the target, the reason and a
 * fix; undefined for anything else (a bug, an error already meant for the user).
 */
export function fileSystemMessage(error: unknown, target: string, what: string, fix: string): Message | undefined {
  const e = error as { code?: unknown; syscall?: unknown; path?: unknown; message?: unknown } | undefined;
  if (typeof e?.code !== 'string' || typeof e.syscall !== 'string') return undefined;
  const reason = FILE_SYSTEM_REASONS[e.code] ?? String(e.message);
  const at = typeof e.path === 'string' && e.path !== target ? ` (at ${e.path})` : '';
  return { message: `${what} ${target}: ${reason}${at} [${e.code}]`, hint: fix };
}

// ---- output folders ---------------------------------------------------------------------------------------------

export const output = {
  unwritable: (error: unknown, dir: string, what = 'cannot write the output folder'): Message | undefined =>
    fileSystemMessage(error, dir, what, 'choose a folder you can write to with --out DIR'),
  isFile: (dir: string): Message => ({
    message: `cannot write the outputs to ${dir}: it is a file, not a folder`,
    hint: 'choose another folder with --out DIR, or move this one away',
  }),
  notAResultFolder: (dir: string): Message => ({
    message: `will not replace ${dir}: it is not empty and holds no run.json, so it does not look like an earlier output folder`,
    hint: 'choose another folder with --out DIR, or move this one away',
  }),
};

// ---- scenario files (reading, YAML, size) -----------------------------------------------------------------------

// ---- scenario fields (schema, resolving) ------------------------------------------------------------------------

// ---- expressions ------------------------------------------------------------------------------------------------

/** A value an expression gave, as the user should read it (true, NaN, -Infinity, 1+2i, a string in quotes). */
function shownValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  const text = String(value);
  const kind = (value as { type?: unknown }).type ?? (value as object).constructor?.name;
  return typeof kind === 'string' && kind !== 'Object' ? `${text} (a ${kind})` : text;
}

export const expressions = {
  tooLong: (length: number, limit: number): Message => ({
    message: `the expression is ${length.toLocaleString('en')} characters long, over the limit of ${limit.toLocaleString('en')}`,
    hint: 'split it into several expression terms, or write the term in TypeScript (docs/extending.md §3)',
  }),
  cannotParse: (expr: string, reason: string): Message => ({ message: `cannot parse "${expr}": ${reason}`, hint: 'check the operators and parentheses' }),
  refusedConstruct: (what: string, expr: string, allowed: string): Message => ({
    message: `${what} is not allowed in an expression term ("${expr}")`,
    hint: `an expression is arithmetic on numbers: ${allowed}`,
  }),
  refusedFunction: (name: string, expr: string, allowed: readonly string[], suggestion?: string): Message => ({
    message: `the function "${name}" is not allowed in an expression term ("${expr}")`,
    hint: `${suggestion ? `did you mean "${suggestion}"? ` : ''}the functions allowed: ${allowed.join(', ')}`,
  }),
  unknownSymbol: (name: string, expr: string, hint: string): Message => ({ message: `unknown symbol "${name}" in "${expr}"`, hint }),
  idClash: (id: string): Message => ({
    message: `the id "${id}" is also the name of an expression symbol`,
    hint: 'rename that tier, industry, family stage or location',
  }),
  /** An expression gave something other than a finite number; `scoring` says for which case. */
  notANumber: (name: string, expr: string, value: unknown, scoring: string): Message => ({
    message: `the expression term "${name}" (${expr}) gave ${shownValue(value)} ${scoring}, not a finite number`,
    hint:
      typeof value === 'boolean'
        ? 'a comparison alone gives true or false: write it as a number, e.g. (travelHours <= 3) ? 1 : 0, or inside arithmetic, e.g. native * (travelHours <= 3)'
        : 'guard logarithms, roots and divisions: log(1 + platforms) instead of log(platforms), sqrt(max(0, x)), x / max(1, y)',
  }),
};

// ---- plugins ----------------------------------------------------------------------------------------------------

export const plugins = {
  /** A parameter a utility term (a plugin's or a built-in one) does not take. */
  unknownParameter: (term: string, key: string, takes: readonly string[]): Message => ({
    message: `unknown field "${key}" for the utility term "${term}"`,
    hint: `term "${term}" takes only: ${takes.join(', ')}`,
  }),
  /** Code from a plugin file threw while the model ran (the fields of PluginFault in errors.ts). */
  threw: (fault: {
    file: string;
    kind: 'policy' | 'term';
    name: string;
    hook: string;
    tick?: number;
    year?: number;
    scoring?: string;
    message: string;
  }): Message => {
    const what = fault.kind === 'term' ? `the utility term "${fault.name}"` : `the ${fault.hook} hook of policy "${fault.name}"`;
    const when = fault.tick === undefined ? 'while the run was set up' : `at tick ${fault.tick} (${fault.year})`;
    const scoring = fault.scoring ? ` ${fault.scoring}` : '';
    const fn = fault.kind === 'term' ? 'its value function' : fault.hook === 'create' ? 'its create()' : `its ${fault.hook} hook`;
    return {
      message: `plugin ${fault.file}: ${what} threw ${when}${scoring}: ${fault.message}`,
      hint: `fix ${fn} in ${fault.file} (run again with SIM_DEBUG=1 to see the stack trace into the plugin)`,
    };
  },
};

// ---- command-line options ---------------------------------------------------------------------------------------

// ---- experiments (compare, sweep, sensitivity) ------------------------------------------------------------------
