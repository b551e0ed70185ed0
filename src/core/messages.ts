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
  ancestorIsFile: (dir: string, file: string): Message => ({
    message: `cannot create the output folder ${dir}: ${file} is a file, not a folder`,
    hint: 'choose another folder with --out DIR, or move that file away',
  }),
  nameTooLong: (dir: string, part: string, bytes: number, limit: number, last: boolean): Message => ({
    message: last
      ? `cannot write the outputs to ${dir}: the folder's name is ${bytes} bytes long (in UTF-8), and at most ${limit} fit: ` +
        `the file system allows 255 bytes in a name, and the folder is written through one named "<name>.tmp-<process id>"`
      : `cannot write the outputs to ${dir}: the part "${part}" of the path is ${bytes} bytes long (in UTF-8), and the file system allows at most ${limit} in a name`,
    hint: 'choose a shorter folder name with --out DIR',
  }),
  pathTooLong: (dir: string, bytes: number, limit: number): Message => ({
    message:
      `cannot write the outputs to ${dir}: the path is ${bytes} bytes long (in UTF-8), and at most ${limit} fit: ` +
      `the file system allows 4096 bytes in a path, and the folder is written through one named "<name>.tmp-<process id>"`,
    hint: 'choose a shorter path with --out DIR',
  }),
};

// ---- scenario files (reading, YAML, size) -----------------------------------------------------------------------

const kB = (bytes: number) => `${Math.ceil(bytes / 1000).toLocaleString('en')} kB`;
const START_HINT = 'start from a shipped scenario: write `extends: baseline.yaml` and then only the fields you change (docs/scenarios.md)';

export const scenarioFiles = {
  notFound: (name: string, dirs: readonly string[], suggestion: string | undefined, known: readonly string[]): Message => ({
    message: `scenario file "${name}" not found in ${dirs.join(' or in ')}`,
    hint: suggestion ? `did you mean "${suggestion}"?` : known.length ? `pick one of: ${known.join(', ')}` : 'check the name and the folder you run sim in',
  }),
  /** A path that exists but is a folder, a device, a pipe …: reading it would fail, block or give nothing. */
  notAFile: (path: string, kind: string): Message => ({
    message: `scenario ${path} is ${kind}, not a scenario file`,
    hint:
      kind === 'a folder'
        ? `name a .yaml file inside it (e.g. ${path.replace(/\/+$/, '')}/my-scenario.yaml), or write one that starts with \`extends: baseline.yaml\``
        : 'name a .yaml file, e.g. a copy of scenarios/baseline.yaml or one that starts with `extends: baseline.yaml`',
  }),
  unreadable: (error: unknown, file: string): Message =>
    fileSystemMessage(error, file, 'cannot read scenario', 'check that the file exists and that you may read it') ?? {
      message: `cannot read scenario ${file}: ${(error as Error)?.message ?? String(error)}`,
      hint: 'check that the file exists and that you may read it',
    },
  tooLarge: (bytes: number, limit: number): Message => ({
    message: `the file is ${kB(bytes)}, more than the limit of ${kB(limit)} for a scenario file (the shipped baseline is 20 kB)`,
    hint: 'a scenario gives numbers, not data: write `extends: baseline.yaml` and only the fields you change; check that this is the file you meant',
  }),
  tooDeep: (limit: number): Message => ({
    message: `the file nests lists and mappings more than ${limit} levels deep (the shipped scenarios nest 6 at most)`,
    hint: 'close the brackets [ ] and { } you opened, and check the indentation: a scenario is a few levels deep',
  }),
  tooManyNodes: (limit: number): Message => ({
    message: `the file holds more than ${limit.toLocaleString('en')} values (numbers, texts, lists and mappings), the limit for a scenario file (the shipped baseline has about 3,000)`,
    hint: 'write `extends: baseline.yaml` and only the fields you change; a scenario gives numbers, not data',
  }),
  aliasBomb: (limit: number): Message => ({
    message: `the file's YAML aliases (*name) expand to too many values (more than the limit of ${limit}): a file like this can exhaust the memory`,
    hint: 'write the values out instead of repeating anchors (&name) and aliases (*name) inside one another',
  }),
  yamlSyntax: (problem: string): Message => ({
    message: `YAML syntax error: ${problem}`,
    hint: /tab/i.test(problem)
      ? 'indent with spaces, not tabs (set your editor to insert spaces in .yaml files)'
      : /multiple documents/i.test(problem)
        ? 'a scenario file holds one YAML document: remove the line "---" (or "..."), or split the file in two'
        : 'check the indentation and the colon after each key on this line or the one before',
  }),
  moreSyntaxErrors: (count: number): Message => ({
    message: `and ${count} more YAML syntax error${count === 1 ? '' : 's'} after these`,
    hint: 'fix the first error: the ones after it often follow from it',
  }),
  empty: (): Message => ({
    message: 'the file is empty: it holds no fields, only blank lines or comments',
    hint: 'write `extends: baseline.yaml` on the first line, then the fields you change (see docs/scenarios.md, "The smallest useful file")',
  }),
  notAMapping: (found: string): Message => ({
    message: `a scenario must be a mapping of fields (name: ..., run: ..., ...), not ${found}`,
    hint: START_HINT,
  }),
  /** A key that would reach an object's prototype (__proto__) when the file is merged; never a field of a scenario. */
  forbiddenKey: (key: string): Message => ({
    message: `"${key}" is not allowed as a field name`,
    hint: 'remove it: no scenario field has this name (docs/scenarios.md lists the fields)',
  }),
  complexKey: (): Message => ({
    message: 'a list or a mapping cannot be a field name',
    hint: 'write a plain name before the colon, e.g. `years: 3` (a line starting with "? " makes the next value a key)',
  }),
  yamlTag: (tag: string): Message => ({
    message: `the YAML tag ${tag.replace(/^tag:yaml\.org,2002:/, '!!')} is not used in a scenario`,
    hint: 'remove the tag (the word starting with !) and write the value as a plain number, text, list or mapping',
  }),
  extendsNotText: (): Message => ({ message: 'must name a scenario file, e.g. baseline.yaml, or a list of them', hint: 'write `extends: baseline.yaml`' }),
  extendsItself: (chain: readonly string[]): Message => ({
    message: `scenario ${chain[0]} extends itself through ${chain.join(' → ')}`,
    hint: 'remove one of those extends lines',
  }),
  pluginsNeedAsync: (file: string): Message => ({
    message: `${file} lists plugins, which load asynchronously`,
    hint: 'use await loadScenario(...) instead of loadScenarioSync(...)',
  }),
};

// ---- scenario fields (schema, resolving) ------------------------------------------------------------------------

/** A character as a reader can find it: its code point and, for the common ones, its name. */
function characterName(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const names: Record<number, string> = {
    0: 'NUL',
    7: 'bell',
    8: 'backspace',
    9: 'tab',
    10: 'line break',
    11: 'vertical tab',
    12: 'form feed',
    13: 'carriage return',
    27: 'escape',
    127: 'delete',
  };
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return names[code] ? `${hex} (${names[code]})` : hex;
}

export const scenarioFields = {
  unknownField: (key: string, suggestion: string | undefined, known: readonly string[], what = ''): Message => ({
    message: `unknown field "${key}"${what ? ` for ${what}` : ''}`,
    hint: suggestion ? `did you mean "${suggestion}"?` : known.length ? `fields allowed here: ${known.join(', ')}` : 'remove it',
  }),
  missingField: (key: string, expected: string): Message => ({
    message: `missing required field (expected ${expected})`,
    hint: `add ${key}: to this section (see docs/scenarios.md)`,
  }),
  wrongType: (expected: string, found: string): Message => ({
    message: `expected ${expected}, got ${found}`,
    hint:
      expected === 'a list'
        ? 'write a list: [a, b] on one line, or one item per line starting with "- "'
        : expected === 'a mapping'
          ? 'write the fields of this section on the lines below it, indented'
          : expected === 'a number'
            ? 'write a number, e.g. 0.5 (no quotes, no units)'
            : expected === 'a boolean'
              ? 'write true or false'
              : expected === 'a string'
                ? 'write a text, in quotes if it holds a colon or starts with a special character'
                : undefined,
  }),
  notANumber: (found: string): Message => ({
    message: `expected a number, got ${found}`,
    hint: 'write a number, or {value: <number>, range: [<low>, <high>], source: "..."}',
  }),
  outOfRange: (found: string, side: string, bound: string): Message => ({
    message: `${found} is out of range: must be ${side} ${bound}`,
    hint: `use a value ${side} ${bound.replace(/ (items|characters)$/, '')}`,
  }),
  notAllowed: (found: string, values: readonly unknown[]): Message => ({
    message: `${found} is not allowed`,
    hint: `use one of: ${values.map((v) => JSON.stringify(v)).join(', ')}`,
  }),
  /** A name, label or description holding a control character, which no chart, table or file name can show. */
  controlCharacter: (ch: string, position: number, newlineAllowed: boolean): Message => ({
    message: `the text holds the control character ${characterName(ch)} at character ${position + 1}`,
    hint: newlineAllowed
      ? 'use printable characters only (line breaks and tabs are allowed in descriptions); check for a stray escape like "\\a" in quotes'
      : 'use printable characters only, on one line (no line breaks or tabs in names and labels); check for a stray escape like "\\a" in quotes',
  }),
  moreProblems: (count: number): Message => ({
    message: `and ${count.toLocaleString('en')} more problem${count === 1 ? '' : 's'} after these`,
    hint: 'fix these first: the ones after them often follow from them',
  }),
  /** An extending file adds an item to an inherited list without all its fields: usually a misspelt id or name. */
  newItemIncomplete: (key: string, list: string, missing: readonly string[], suggestion: string | undefined): Message => ({
    message: `"${key}" is a new item of ${list} (no inherited item has that id or name), so it needs every field; it lacks ${missing.join(', ')}`,
    hint: suggestion
      ? `did you mean "${suggestion}"? To change an inherited item, write its id or name exactly`
      : 'to change an inherited item, write its id or name exactly; to add one, give every field (docs/scenarios.md)',
  }),
  tooManyPolicies: (count: number, limit: number): Message => ({
    message: `the scenario lists ${count.toLocaleString('en')} policies, more than the limit of ${limit}`,
    hint: `list at most ${limit} policies (one entry per programme, with its own parameters); to compare many settings of a policy, use sim sweep or sim compare over several scenarios`,
  }),
};

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
