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

// ---- plugins ----------------------------------------------------------------------------------------------------

// ---- command-line options ---------------------------------------------------------------------------------------
// Each names the option, the value typed (when there is one) and what it takes; `takes` reads "a whole number from 1
// to 10000", `example` is a good value.

export const options = {
  givenTwice: (name: string, times: number): Message => ({
    message: `--${name} is given ${times} times`,
    hint: `give --${name} once`,
  }),
  empty: (name: string, takes: string, example: string): Message => ({
    message: `--${name} is empty: it takes ${takes}`,
    hint: `give a value, e.g. --${name} ${example}`,
  }),
  notANumber: (name: string, typed: string, takes: string, example: string): Message => ({
    message: `--${name} ${JSON.stringify(typed)} is not a number: it takes ${takes}`,
    hint: `e.g. --${name} ${example}`,
  }),
  notWhole: (name: string, typed: string, takes: string, example: string): Message => ({
    message: `--${name} ${typed} is not a whole number: it takes ${takes}`,
    hint: `e.g. --${name} ${example}`,
  }),
  outOfRange: (name: string, typed: string, takes: string, example: string): Message => ({
    message: `--${name} ${typed} is out of range: it takes ${takes}`,
    hint: `e.g. --${name} ${example}`,
  }),
  missingValue: (name: string, takes: string | undefined, example: string | undefined): Message => ({
    message: `--${name} needs a value${takes ? `: ${takes}` : ''}`,
    hint: example ? `e.g. --${name} ${example}` : `put the value after --${name} (see sim --help)`,
  }),
  notAChoice: (name: string, typed: string, choices: readonly string[], suggestion: string | undefined): Message => ({
    message: `--${name} ${JSON.stringify(typed)} is not one of ${choices.join(', ')}`,
    hint: suggestion
      ? `did you mean --${name} ${suggestion}?`
      : choices.length <= 4
        ? `use one of: ${choices.map((c) => `--${name} ${c}`).join(', ')}`
        : `use one of the values listed, e.g. --${name} ${choices[0]}`,
  }),
  unknownOption: (name: string, suggestion: string | undefined, command: string): Message => ({
    message: `unknown option --${name}`,
    hint: suggestion ? `did you mean --${suggestion}?` : `see ${command} --help for the options`,
  }),
  unexpectedArgument: (text: string, command: string, suggestion?: string): Message => ({
    message: `${JSON.stringify(text)} is neither an option nor a command of ${command}`,
    hint: suggestion ?? `options start with --; see ${command} --help`,
  }),
  missingScenario: (): Message => ({
    message: 'no scenario given: --scenario is required',
    hint: 'name a scenario file, e.g. sim --scenario baseline (see sim --help)',
  }),
  other: (message: string): Message => ({ message, hint: 'see sim --help' }),
};

// ---- experiments (compare, sweep, sensitivity) ------------------------------------------------------------------

/** `1 run`, `2 runs`, `1,000 points`: a count with its noun, singular for exactly 1. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

const VARY_FORMS = 'write --vary PATH=v1,v2,… (e.g. --vary utility.income.coefficient=0.8,1.2,1.6) or --vary PATH=low:high:n (n evenly spaced values)';

export const experiments = {
  /** Past the limit on model runs (LIMITS.maxModelRuns): `size` reads "1,000 points × 20 runs". */
  tooManyModelRuns: (what: string, size: string, total: number, limit: number, lower: string): Message => ({
    message: `the ${what} would make ${size} = ${counted(total, 'model run')}, more than the limit of ${limit.toLocaleString('en-US')}`,
    hint: `${lower}; or, on purpose, raise the limit with --max-model-runs ${Math.ceil(total)}`,
  }),
  varySyntax: (text: string, why: string): Message => ({ message: `--vary ${text}: ${why}`, hint: VARY_FORMS }),
  varyCount: (text: string, n: number): Message => ({
    message: `--vary ${text}: the count n of low:high:n must be a whole number of at least 2, not ${n}`,
    hint: 'e.g. --vary PATH=0.8:2:4 for 0.8, 1.2, 1.6, 2',
  }),
  varyStep: (text: string, low: number, high: number): Message => ({
    message:
      low === high
        ? `--vary ${text}: low and high are both ${low}, so every value would be the same (a step of 0)`
        : `--vary ${text}: high (${high}) is below low (${low}), a negative step`,
    hint: low === high ? `give a single value (--vary PATH=${low}) or a high above the low` : `write the range low first: PATH=${high}:${low}:n`,
  }),
  varyTwice: (label: string): Message => ({ message: `the parameter ${label} is named twice with --vary`, hint: 'give it once, with all its values' }),
  pathSyntax: (text: string, why: string): Message => ({
    message: `cannot read the parameter path "${text}": ${why}`,
    hint: 'write it like utility.income.coefficient, locations.bazhong.wage.top or populations[talent in Bazhong].count',
  }),
  unknownPath: (text: string, why: string, hint: string): Message => ({ message: `unknown parameter path "${text}": ${why}`, hint }),
  runSetting: (text: string): Message => ({
    message: `"${text}" is a run setting, not a parameter`,
    hint: 'use --runs, --seed, --years or --scale to change run settings',
  }),
  notANumber: (text: string, what: string, inside: string | undefined): Message => ({
    message: `the parameter path "${text}" names ${what}, not a number`,
    hint: inside ? `name one of its numbers: ${inside}` : 'name a number of the scenario; docs/scenarios.md lists every field',
  }),
  gridNeedsParameter: (): Message => ({
    message: 'a grid sweep needs at least one parameter',
    hint: 'add --vary PATH=v1,v2,… (e.g. --vary utility.income.coefficient=0.8,1.2,1.6), or sample the declared ranges with --sample lhs',
  }),
  cannotTake: (describe: string, problems: readonly string[]): Message => ({
    message: `the scenario cannot take ${describe}:\n  ${problems.join('\n  ')}`,
    hint: 'keep the values within the limits of docs/scenarios.md (a share from 0 to 1, a positive wage, …)',
  }),
  // compare
  noScenarios: (): Message => ({
    message: 'name the scenarios to compare',
    hint: 'e.g. sim compare flexible.yaml enclave.yaml, or sim compare "scenarios/*.yaml"',
  }),
  onlyBaseline: (baseline: string): Message => ({
    message: `nothing to compare: the only scenario given is the baseline ${baseline}`,
    hint: 'name at least one other scenario, e.g. sim compare flexible.yaml (the baseline runs too), or choose another baseline with --baseline FILE',
  }),
  listedTwice: (argument: string, file: string): Message => ({
    message: `the scenario ${file} is listed twice (as ${JSON.stringify(argument)} and before)`,
    hint: 'list each scenario once',
  }),
  noMatch: (pattern: string, where: string): Message => ({
    message: `no scenario file matches "${pattern}" in ${where}`,
    hint: 'check the pattern, e.g. sim compare "scenarios/*.yaml"',
  }),
};
