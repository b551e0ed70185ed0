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

/** A message as the fields of a zod custom issue: the hint rides in params, where zod-issues.ts finds it. */
export function zodMessage({ message, hint }: Message): { message: string; params: { hint?: string } } {
  return { message, params: { hint } };
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
  unwritable: (error: unknown, dir: string, what = 'cannot write the output folder', option = '--out'): Message | undefined =>
    fileSystemMessage(error, dir, what, `choose a folder you can write to with ${option} DIR`),
  isFile: (dir: string, option = '--out'): Message => ({
    message: `cannot write the outputs to ${dir}: it is a file, not a folder`,
    hint: `choose another folder with ${option} DIR, or move this one away`,
  }),
  notAResultFolder: (dir: string, option = '--out'): Message => ({
    message: `will not replace ${dir}: it is not empty and holds no run.json, so it does not look like an earlier output folder`,
    hint: `choose another folder with ${option} DIR, or move this one away`,
  }),
  ancestorIsFile: (dir: string, file: string, option = '--out'): Message => ({
    message: `cannot create the output folder ${dir}: ${file} is a file, not a folder`,
    hint: `choose another folder with ${option} DIR, or move that file away`,
  }),
  /** A symbolic link whose target is missing, and so is the folder the target would be made in. */
  danglingLink: (dir: string, target: string, parent: string, option = '--out'): Message => ({
    message: `cannot write the outputs through the symbolic link ${dir}: it points to ${target}, and ${parent} does not exist`,
    hint: `create ${parent} first if the link is right, or choose another folder with ${option} DIR (a link is written through only when the folder it points into exists)`,
  }),
  nameTooLong: (dir: string, part: string, bytes: number, limit: number, last: boolean, option = '--out'): Message => ({
    message: last
      ? `cannot write the outputs to ${dir}: the folder's name is ${bytes} bytes long (in UTF-8), and at most ${limit} fit: ` +
        `the file system allows 255 bytes in a name, and the folder is written through one named "<name>.tmp-<process id>"`
      : `cannot write the outputs to ${dir}: the part "${part}" of the path is ${bytes} bytes long (in UTF-8), and the file system allows at most ${limit} in a name`,
    hint: `choose a shorter folder name with ${option} DIR`,
  }),
  pathTooLong: (dir: string, bytes: number, limit: number, option = '--out'): Message => ({
    message:
      `cannot write the outputs to ${dir}: the path is ${bytes} bytes long (in UTF-8), and at most ${limit} fit: ` +
      `the file system allows 4096 bytes in a path, and the folder is written through one named "<name>.tmp-<process id>"`,
    hint: `choose a shorter path with ${option} DIR`,
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
/**
 * What a plugin threw, in words: an Error's message, a string as it is, anything else in a short JSON-like form with
 * its kind ("{"code":42} (a plain object thrown, not an Error)") rather than "[object Object]".
 */
export function thrownText(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message || thrown.name;
  if (typeof thrown === 'string') return thrown;
  if (thrown === null || thrown === undefined || typeof thrown !== 'object') return `${String(thrown)} (thrown instead of an Error)`;
  // An object's own message (an Error-like object from another realm) says most.
  const message = (thrown as { message?: unknown }).message;
  if (typeof message === 'string' && message) return message;
  let shown: string | undefined;
  try {
    shown = JSON.stringify(thrown);
  } catch {
    // A cycle or a BigInt: the kind of object is all that is left to say.
  }
  const kind = Array.isArray(thrown)
    ? 'a list'
    : Object.getPrototypeOf(thrown) === Object.prototype || !Object.getPrototypeOf(thrown)
      ? 'a plain object'
      : `a ${thrown.constructor?.name ?? 'object'}`;
  const limit = 200;
  const text = shown === undefined || shown === '{}' ? Object.prototype.toString.call(thrown) : shown.length > limit ? `${shown.slice(0, limit)}…` : shown;
  return `${text} (${kind} thrown, not an Error)`;
}

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
  /** A name, label or description holding a character XML 1.0 forbids (U+FFFE, U+FFFF, a lone surrogate): no SVG chart can hold it. */
  notXmlCharacter: (ch: string, position: number): Message => {
    const code = ch.codePointAt(0) ?? 0;
    const what = code >= 0xd800 && code <= 0xdfff ? 'half of a surrogate pair' : 'a noncharacter';
    return {
      message: `the text holds ${characterName(ch)} (${what}) at character ${position + 1}, which no SVG chart or XML file can hold`,
      hint: 'use printable characters only; check for a stray escape like "\\uFFFE" in quotes or text pasted from a binary file',
    };
  },
  leverRange: (range: readonly number[]): Message => ({
    message: `the lever's range [${range.join(', ')}] does not run from a lower to a higher number`,
    hint: 'write range: [low, high] with low < high',
  }),
  leverPath: (path: string, problem: string): Message => ({
    message: `the lever's path "${path}" names no number of the scenario: ${problem}`,
    hint: 'name a number as sim sweep --vary takes it, e.g. policies[候鸟型专家].slots',
  }),
  leverNoRange: (path: string): Message => ({
    message: `the lever ${path} has no range, and the parameter declares none`,
    hint: 'give the lever range: [low, high]',
  }),
  leverOutside: (path: string, value: number, range: readonly number[]): Message => ({
    message: `${path} is ${value}, outside its lever's range [${range.join(', ')}]`,
    hint: "widen the lever's range to include the scenario's value",
  }),
  leverTwice: (path: string): Message => ({
    message: `two levers move ${path}`,
    hint: 'keep one lever per number',
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
  /** An id (of a tier, industry, family stage or location) not written as one (schema.ts checks it with a pattern). */
  badId: (): Message => ({
    message: 'an id starts with a lower-case letter and holds only letters, digits, "-" and "_"',
    hint: 'write it like bazhong, topTalent or early-career (the label fields hold the names as shown)',
  }),
  ageMinAboveMax: (min: number, max: number): Message => ({
    message: `age.min ${min} is above age.max ${max}`,
    hint: `lower age.min to ${max} or less, or raise age.max to ${min} or more`,
  }),
  /** A parameter's {value, range}: the range written high end first. */
  rangeReversed: (low: number, high: number): Message => ({
    message: `range [${low}, ${high}] has its low end above its high end`,
    hint: `write it as [${high}, ${low}]`,
  }),
  valueOutsideRange: (value: number, low: number, high: number): Message => ({
    message: `value ${value} lies outside its own range [${low}, ${high}]`,
    hint: 'widen the range or change the value: the value is what a run uses, the range what sensitivity analysis sweeps',
  }),
  tooManyPolicies: (count: number, limit: number): Message => ({
    message: `the scenario lists ${count.toLocaleString('en')} policies, more than the limit of ${limit}`,
    hint: `list at most ${limit} policies (one entry per programme, with its own parameters); to compare many settings of a policy, use sim sweep or sim compare over several scenarios`,
  }),
};

// ---- scenario consistency (resolvers) ---------------------------------------------------------------------------
// What the schema cannot see: ids that name nothing, shares that add up to 0, bands out of order. `what` reads
// "tier", "industry", "family stage" or "location".

export const consistency = {
  unknownId: (what: string, id: string, hint: string): Message => ({ message: `unknown ${what} "${id}"`, hint }),
  noValueFor: (what: string, id: string, under: string | number): Message => ({
    message: `no value for ${what} "${id}"`,
    hint: `add "${id}: <number>" under ${under}`,
  }),
  sharesAddUpToZero: (what: string): Message => ({ message: `the ${what} shares add up to 0`, hint: `give at least one ${what} a positive share` }),
  idTwice: (what: string, id: string): Message => ({ message: `${what} id "${id}" is used twice`, hint: 'give each an id of its own' }),
  groupNameTwice: (name: string, kind: string): Message => ({
    message: `the name "${name}" is used twice in ${kind}`,
    hint: 'give each group a name of its own: an extending file finds groups by name',
  }),
  groupRetiresAtOnce: (min: number, retirementAge: number): Message => ({
    message: `age.min ${min} is at or above the retirement age ${retirementAge}: the group would retire at once`,
    hint: `lower age.min below ${retirementAge}`,
  }),
  lastAgeBandTooLow: (upTo: number, retirementAge: number): Message => ({
    message: `the last age band ends at ${upTo}, below the retirement age ${retirementAge}`,
    hint: `raise its upTo to at least ${retirementAge}`,
  }),
  bandsNotAscending: (upTo: number, previous: number): Message => ({
    message: `band bounds must ascend (${upTo} follows ${previous})`,
    hint: 'list the bands from youngest/shortest to oldest/longest',
  }),
  changeToItself: (id: string): Message => ({
    message: `a change from "${id}" to itself does nothing`,
    hint: 'name another id under to, or remove this line',
  }),
  homeCount: (count: number): Message => ({
    message: `${count} locations are marked home: true; exactly one must be`,
    hint: 'mark the focal city (Bazhong) with home: true, and only it',
  }),
  noTravelTime: (from: string, to: string): Message => ({
    message: `no travel time from "${from}" to "${to}"`,
    hint: `add "${to}: <hours>" here or "${from}: <hours>" under that location`,
  }),
  wageNotPositive: (wage: number): Message => ({
    message: `a wage must be positive (the income term takes its log), not ${wage}`,
    hint: 'give a wage in CNY per year, e.g. 80000',
  }),
  unknownTerm: (name: string, hint: string): Message => ({ message: `unknown utility term "${name}"`, hint }),
  /** A parameter of a utility term its own schema refuses (zod's words for what is wrong). */
  termParameter: (term: string, problem: string, takes: readonly string[]): Message => ({
    message: `the utility term "${term}": ${problem.replace(/^Invalid input: /, '')}`,
    hint: `term "${term}" takes: ${takes.join(', ')} (see its description in docs/scenarios.md or its plugin file)`,
  }),
  termNameTaken: (name: string): Message => ({
    message: `a utility term named "${name}" already exists`,
    hint: 'give the expression term a name of its own',
  }),
  unknownPolicyType: (type: string, hint: string): Message => ({ message: `unknown policy type "${type}"`, hint }),
  policyEndsBeforeStart: (endTick: number, startTick: number): Message => ({
    message: `the policy ends (tick ${endTick}) before it starts (tick ${startTick})`,
    hint: 'check start and end: end is the last year in force',
  }),
  policyNameTwice: (name: string): Message => ({ message: `two policies are named "${name}"`, hint: 'give each a name of its own' }),
};

// ---- running the model (values the model cannot use) ------------------------------------------------------------

export const running = {
  /** `scoring` reads "for a top agent in tech moving from bazhong to chengdu". */
  termNotFinite: (name: string, value: unknown, scoring: string): Message => ({
    message: `the utility term "${name}" gave ${String(value)} ${scoring}`,
    hint: 'a term must return a finite number: guard logarithms and divisions (e.g. Math.log1p(x) instead of Math.log(x))',
  }),
  policyNotFinite: (hook: string, name: string, type: string, value: unknown, scoring: string): Message => ({
    message: `the ${hook} of policy "${name}" (${type}) gave ${String(value)} ${scoring}`,
    hint: "a policy module's utility must be a finite number: guard logarithms and divisions (e.g. Math.log1p(x) instead of Math.log(x))",
  }),
  tooManyFirstJobStreams: (max: number): Message => ({
    message: `more than ${max} entry streams have firstJob: true; the model follows the first jobs of at most ${max}`,
    hint: 'merge streams that graduate at the same place into one (their shares of tiers, industries and natives combined)',
  }),
};

// ---- calibration targets (a targets file: src/calibration/targets.ts, docs/calibration.md "The targets file") ----

export const targets = {
  notFound: (file: string): Message => ({
    message: `targets file "${file}" not found`,
    hint: 'give the path of a targets file, e.g. --targets scenarios/targets.yaml (docs/calibration.md, "The targets file")',
  }),
  unreadable: (error: unknown, file: string): Message =>
    fileSystemMessage(error, file, 'cannot read targets file', 'check that the file exists and that you may read it') ?? {
      message: `cannot read targets file ${file}: ${(error as Error)?.message ?? String(error)}`,
      hint: 'check that the file exists and that you may read it',
    },
  yamlSyntax: (problem: string): Message => ({ message: `not valid YAML: ${problem}`, hint: 'check the indentation and the quotes on this line' }),
  notAMapping: (found: string): Message => ({
    message: `a targets file is a mapping with parameters: and targets:, not ${found}`,
    hint: 'start from scenarios/targets.yaml',
  }),
  measureKind: (found: readonly string[], kinds: readonly string[]): Message => ({
    message: found.length
      ? `a measure names one kind of figure, not ${found.length > 1 ? found.map((k) => `"${k}"`).join(' and ') : `"${found[0]}"`}`
      : 'the measure names no kind of figure',
    hint: `write exactly one of ${kinds.join(', ')} (e.g. { summary: recruited, year: 2024 })`,
  }),
  unknownMeasure: (key: string, suggestion: string | undefined, kinds: readonly string[]): Message => ({
    message: `unknown measure "${key}"`,
    hint: suggestion ? `did you mean "${suggestion}"?` : `the measures are ${kinds.join(', ')}`,
  }),
  unknownName: (what: string, name: string, hint: string): Message => ({ message: `unknown ${what} "${name}"`, hint }),
  noFirstJob: (entry: string): Message => ({
    message: `the entry stream "${entry}" does not choose a first job, so the model does not follow where its graduates go`,
    hint: 'name a stream with firstJob: true in the scenario',
  }),
  yearOrYears: (): Message => ({
    message: 'a measure needs year: Y or years: [first, last], not both and not neither',
    hint: 'e.g. year: 2024, or years: [2024, 2026] to pool (counts) or average (summary figures) over those years',
  }),
  yearsOrder: (first: number, last: number): Message => ({
    message: `the years run from ${first} to ${last}, backwards`,
    hint: `write years: [${last}, ${first}]`,
  }),
  growthYears: (from: number, to: number): Message => ({
    message: `a growth rate needs from before to, not ${from} → ${to}`,
    hint: 'e.g. { growth: residents, from: 2024, to: 2026 }',
  }),
  yearNotReported: (year: number, first: number, last: number): Message => ({
    message: `${year} is not a reported year of the scenario: it reports ${first}–${last}${first > 0 ? ' (the burn-in years before are not reported)' : ''}`,
    hint: `give a year from ${first} to ${last}; a fact from an earlier year can only be checked as a level in a reported year (say so in a comment)`,
  }),
  boundsForKind: (kind: string): Message => ({
    message: kind === 'within' ? 'a target of kind within takes range: [low, high], not value' : `a target of kind ${kind} takes value: <number>, not range`,
    hint: kind === 'within' ? 'write range: [low, high]' : 'write value: <number>',
  }),
  rangeOrder: (low: number, high: number): Message => ({
    message: `the range [${low}, ${high}] runs backwards`,
    hint: `write range: [${high}, ${low}]`,
  }),
  badName: (name: string): Message => ({
    message: `the target name "${name}" is not a plain name: it starts with a letter and holds only letters, digits, "_" and "-"`,
    hint: 'write it like recruited2024 or firstJob-away (the label holds the words as shown)',
  }),
  nameTwice: (name: string): Message => ({ message: `two targets are named "${name}"`, hint: 'give each target a name of its own' }),
  parameterTwice: (label: string): Message => ({ message: `the parameter ${label} is listed twice`, hint: 'list each parameter once' }),
  noRange: (label: string, base: number): Message => ({
    message: `${label} (${base}) declares no range, so calibration has nowhere to search for it`,
    hint: `give it a range in the scenario: { value: ${base}, range: [<low>, <high>], source: "…" }, or drop it from parameters`,
  }),
  /** A parameter path that findFactor refuses: its message and hint (experiments.unknownPath and friends). */
  badParameter: (message: string, hint: string | undefined): Message => ({
    message,
    hint: hint ?? 'name a number of the scenario with a declared range, as sim sweep --vary takes it (e.g. locations.bazhong.jobSlack)',
  }),
  nothingToFit: (): Message => ({
    message: 'every target is held out, so there is nothing to fit',
    hint: 'set heldOut: false (or leave it out) on the targets the calibration should match',
  }),
  runTooShort: (target: string, year: number, last: number): Message => ({
    message: `target "${target}" needs ${year}, but the runs report up to ${last}`,
    hint: 'run at least up to the last year the targets need (lastReportedYearNeeded)',
  }),
  noGraduates: (target: string): Message => ({
    message: `target "${target}" measures first jobs, but the results hold no graduate counts`,
    hint: 'use results of Model runs of this scenario (a hand-made result needs entries: and graduates: filled in)',
  }),
};

// ---- run settings (runs, seed, years, scale, threads) -----------------------------------------------------------

export const runSettings = {
  /** An override of a run setting out of its bounds; `kind` reads "a whole number" or "a number". */
  outOfRange: (name: string, value: unknown, kind: string, min: number, max: number): Message => ({
    message: `${name} must be ${kind} from ${min} to ${max}, not ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
    hint: `give ${name} ${kind} from ${min} to ${max} (--${name} on the command line, run.${name} in a scenario)`,
  }),
  /** Several of the above at once: one message, their fixes together. */
  several: (problems: readonly Message[]): Message => ({
    message: problems.map((p) => p.message).join('; '),
    hint: problems.map((p) => p.hint).join('; '),
  }),
  /**
   * A run whose kept results would not fit in memory (LIMITS.keptResultBytes): `runs` model runs (doubled when paired
   * with the counterfactual) of `years` years each; `most` replications fit.
   */
  resultsTooLarge: (runs: number, paired: boolean, years: number, most: number): Message => ({
    message: `${counted(runs, 'run')}${paired ? ', paired with the scenario without its policies,' : ''} of ${counted(years, 'year')} would hold more results than fit in memory (about 2 GB): at most ${counted(most, 'run')} fit`,
    hint: `use --runs ${most} or fewer, or fewer --years${paired ? ', or --no-counterfactual' : ''}`,
  }),
  codeCannotCross: (pieces: readonly string[]): Message => ({
    message: `${pieces.join(', ')}, registered in code, cannot be sent to worker threads`,
    hint: 'run with threads: 1 (--threads 1), or put it in a plugin file the scenario lists',
  }),
  workerMissing: (file: string): Message => ({
    message: `the worker script ${file} is missing: the simulator is not built`,
    hint: 'run "npm run build" first (in the folder of the simulator)',
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
  tooDeep: (depth: number, limit: number): Message => ({
    message: `the expression nests parentheses ${depth.toLocaleString('en')} deep, over the limit of ${limit}`,
    hint: 'remove redundant parentheses, or split the formula into several expression terms (they add up)',
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
  /** mathjs refused to evaluate (a function called with too few arguments): the expression's fault, not a bug. */
  cannotEvaluate: (name: string, expr: string, reason: string, allowed: string): Message => ({
    message: `the expression term "${name}" (${expr}) cannot be evaluated: ${reason}`,
    hint: `check the arguments of each function; allowed: ${allowed}`,
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

/** What a plugin's code threw while the model ran: plain data, so that it crosses from a worker thread intact. */
export interface PluginFault {
  /** The plugin file the code comes from. */
  file: string;
  /** A policy module (named by its type) or a utility term (by its name). */
  kind: 'policy' | 'term';
  name: string;
  /** The hook that threw (create, environment, open, utility, holderUtility, onArrive, onLeave, work), or "term" for a term's value. */
  hook: string;
  /** The tick and calendar year it threw at; absent when it threw while the run was set up (create). */
  tick?: number;
  year?: number;
  /** For a term or a utility hook: the case it was scoring (agent type, origin, destination). */
  scoring?: string;
  /** What the plugin threw, and its stack (printed only with SIM_DEBUG=1). */
  message: string;
  stack?: string;
}

export const plugins = {
  /** A parameter a utility term (a plugin's or a built-in one) does not take. */
  unknownParameter: (term: string, key: string, takes: readonly string[]): Message => ({
    message: `unknown field "${key}" for the utility term "${term}"`,
    hint: `term "${term}" takes only: ${takes.join(', ')}`,
  }),
  /** Code from a plugin file threw while the model ran. */
  threw: (fault: PluginFault): Message => {
    const what = fault.kind === 'term' ? `the utility term "${fault.name}"` : `the ${fault.hook} hook of policy "${fault.name}"`;
    const when =
      fault.tick !== undefined
        ? `at tick ${fault.tick} (${fault.year})`
        : fault.hook === 'check'
          ? 'while the scenario was checked'
          : 'while the run was set up';
    const scoring = fault.scoring ? ` ${fault.scoring}` : '';
    const fn =
      fault.kind === 'term' ? 'its value function' : fault.hook === 'create' || fault.hook === 'check' ? `its ${fault.hook}()` : `its ${fault.hook} hook`;
    return {
      message: `plugin ${fault.file}: ${what} threw ${when}${scoring}: ${fault.message}`,
      hint: `fix ${fn} in ${fault.file} (run again with SIM_DEBUG=1 to see the stack trace into the plugin)`,
    };
  },
};

/** Loading a plugin file: what it must export, and what it may not do. */
export const pluginFiles = {
  notFound: (file: string): Message => ({
    message: `plugin file not found: ${file}`,
    hint: 'plugin paths are relative to the scenario file that lists them',
  }),
  missingPiece: (file: string, type: string, exportName: string, piece: string): Message => ({
    message: `${file}: the policy "${type}" (export ${exportName}) has no ${piece}`,
    hint: 'build it with definePolicy({ type, title, report, mechanism, params, metrics, create }) — see docs/extending.md',
  }),
  noDescription: (file: string, name: string, exportName: string): Message => ({
    message: `${file}: the utility term "${name}" (export ${exportName}) has no description`,
    hint: 'give it a description: one sentence on what it measures and its units',
  }),
  exportsNothing: (file: string): Message => ({
    message: `${file} exports no utility term and no policy module`,
    hint: 'export one, e.g. `export const climate = defineTerm({ name, description, params, value })` — see docs/extending.md',
  }),
  /** The file's own code threw while it was imported. */
  cannotLoad: (file: string, reason: string): Message => ({
    message: `cannot load plugin ${file}: ${reason}`,
    hint: 'fix the error in the plugin file (run it with `npx tsx` to see it in full)',
  }),
  /** Imported again by a worker thread (which runs replications when --threads is above 1), it threw or changed. */
  reloadFailed: (file: string, reason: string): Message => ({
    message: `cannot load plugin ${file} in a worker thread (it loaded on the main thread): ${reason}`,
    hint: `make the top-level code of ${file} do the same on every thread (a worker imports it again), or run with --threads 1`,
  }),
};

// ---- command-line options ---------------------------------------------------------------------------------------
// Each names the option, the value typed (when there is one) and what it takes; `takes` reads "a whole number from 1
// to 10000", `example` is a good value.

/** An option as typed on the command line: "-n" for a one-letter name (yargs takes "--n" too, but nobody writes it), "--runs" otherwise. */
export function flag(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

export const options = {
  wordsAfterDashes: (): Message => ({
    message: 'only sim plan takes words after --',
    hint: 'remove the -- (and move what follows it before it if it is meant for this command)',
  }),
  givenTwice: (name: string, times: number): Message => ({
    message: `${flag(name)} is given ${times} times`,
    hint: `give ${flag(name)} once`,
  }),
  empty: (name: string, takes: string, example: string): Message => ({
    message: `${flag(name)} is empty: it takes ${takes}`,
    hint: `give a value, e.g. ${flag(name)} ${example}`,
  }),
  notANumber: (name: string, typed: string, takes: string, example: string): Message => ({
    message: `${flag(name)} ${JSON.stringify(typed)} is not a number: it takes ${takes}`,
    hint: `e.g. ${flag(name)} ${example}`,
  }),
  notDecimal: (name: string, typed: string, takes: string, example: string): Message => ({
    message: `${flag(name)} ${typed} is not a decimal number: it takes ${takes}`,
    hint: `write it in decimal digits (no 0x, 0b or 0o), e.g. ${flag(name)} ${example}`,
  }),
  notWhole: (name: string, typed: string, takes: string, example: string): Message => ({
    message: `${flag(name)} ${typed} is not a whole number: it takes ${takes}`,
    hint: `e.g. ${flag(name)} ${example}`,
  }),
  outOfRange: (name: string, typed: string, takes: string, example: string): Message => ({
    message: `${flag(name)} ${typed} is out of range: it takes ${takes}`,
    hint: `e.g. ${flag(name)} ${example}`,
  }),
  missingValue: (name: string, takes: string | undefined, example: string | undefined): Message => ({
    message: `${flag(name)} needs a value${takes ? `: ${takes}` : ''}`,
    hint: example ? `e.g. ${flag(name)} ${example}` : `put the value after ${flag(name)} (see sim --help)`,
  }),
  notAChoice: (name: string, typed: string, choices: readonly string[], suggestion: string | undefined): Message => ({
    message: `${flag(name)} ${JSON.stringify(typed)} is not one of ${choices.join(', ')}`,
    hint: suggestion
      ? `did you mean ${flag(name)} ${suggestion}?`
      : choices.length <= 4
        ? `use one of: ${choices.map((c) => `${flag(name)} ${c}`).join(', ')}`
        : `use one of the values listed, e.g. ${flag(name)} ${choices[0]}`,
  }),
  unknownOption: (name: string, suggestion: string | undefined, command: string, dashes = '--'): Message => ({
    message: `unknown option ${dashes}${name}${dashes === '-' && name.length > 1 ? ' (long options start with --)' : ''}`,
    hint: suggestion ? `did you mean ${flag(suggestion)}?` : `see ${command} --help for the options`,
  }),
  unexpectedArgument: (text: string, command: string, suggestion?: string): Message => ({
    message: `${JSON.stringify(text)} is neither an option nor a command of ${command}`,
    hint: suggestion ?? `options start with --; see ${command} --help`,
  }),
  missingScenario: (): Message => ({
    message: 'no scenario given: --scenario is required',
    hint: 'name a scenario file, e.g. sim --scenario baseline (see sim --help)',
  }),
  noFile: (message: string): Message => ({
    message: message.replace(/^Not enough non-option arguments: got 0, need at least 1$/, 'no file given'),
    hint: 'name the file to check, e.g. sim validate scenarios/baseline.yaml',
  }),
  other: (message: string): Message => ({ message, hint: 'see sim --help' }),
  /** An option given by its old name: a note, not an error (the old name still works). */
  renamed: (old: string, now: string): Message => ({
    message: `--${old} is now --${now}, as in every command; --${old} still works but may go away`,
    hint: `write --${now}`,
  }),
  bothNames: (old: string, now: string): Message => ({
    message: `--${old} and --${now} are the same option (--${old} is its old name)`,
    hint: `give --${now} once`,
  }),
};

// ---- fonts of the charts (--font, SIM_FONT) ----------------------------------------------------------------------

/** How to get a font with Chinese glyphs on `platform` (process.platform's names). */
function installFont(platform: string): string {
  if (platform === 'darwin') return 'install one with brew install --cask font-noto-sans-cjk (macOS normally has /System/Library/Fonts/PingFang.ttc)';
  if (platform === 'win32')
    return 'Windows has Microsoft YaHei (C:\\Windows\\Fonts\\msyh.ttc) unless it was removed: add "Chinese (Simplified) Supplemental Fonts" in Settings > Apps > Optional features';
  if (platform === 'linux')
    return 'install one with apt-get install fonts-noto-cjk (Debian, Ubuntu), dnf install google-noto-sans-cjk-fonts (Fedora) or pacman -S noto-fonts-cjk (Arch)';
  return 'install Noto Sans CJK (e.g. apt-get install fonts-noto-cjk, brew install --cask font-noto-sans-cjk)';
}

const FROM = { '--font': '--font', SIM_FONT: 'SIM_FONT (environment variable)' } as const;

export const fonts = {
  notFound: (file: string, from: '--font' | 'SIM_FONT'): Message => ({
    message: `${FROM[from] ?? from} ${file}: no such font file`,
    hint: `give the path of a font file with Chinese glyphs (.ttc, .otf or .ttf), e.g. --font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc, or leave ${from} out to use the one found on this system`,
  }),
  notAFont: (file: string, from: '--font' | 'SIM_FONT'): Message => ({
    message: `${FROM[from] ?? from} ${file} is not a font file that can be read (TrueType, OpenType or a collection of them)`,
    hint: `give the path of a .ttc, .otf or .ttf font with Chinese glyphs, or leave ${from} out to use the one found on this system`,
  }),
  /** PNGs left out: `font` is the font in use (without Chinese glyphs), undefined when no font was found. */
  pngSkipped: (charts: number, font: string | undefined, missing: string, platform: string): Message => ({
    message:
      (font ? `the font ${font} has no glyphs for ${missing}` : `no font with Chinese glyphs found on this system`) +
      `: ${charts === 1 ? 'the chart is' : `the ${charts} charts are`} written as SVG only, without PNG (their Chinese text would be boxes)`,
    hint: `${installFont(platform)}, then run again; or name a Chinese font file with --font FILE or SIM_FONT=FILE`,
  }),
};

// ---- experiments (compare, sweep, sensitivity) ------------------------------------------------------------------

/**
 * `1 run`, `2 runs`, `1,000 points`: a count with its noun, singular for exactly 1. The numbers in these messages are
 * written here with toLocaleString, not by src/output/format.ts: core is the bottom layer and imports nothing above it
 * (.dependency-cruiser.cjs). For a whole number it writes what formatWhole writes (test/output/format.test.ts).
 */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

const VARY_FORMS = 'write --vary PATH=v1,v2,… (e.g. --vary utility.income.coefficient=0.8,1.2,1.6) or --vary PATH=low:high:n (n evenly spaced values)';

export const calibration = {
  targetsNotFound: (name: string, places: readonly string[], shipped: readonly string[]): Message => ({
    message: `targets file "${name}" not found in ${places.join(' or in ')}`,
    hint: shipped.length
      ? `give a path to a targets file, or pick a shipped one: ${shipped.join(', ')}`
      : 'give the path to a targets file (docs/calibration.md, "The targets file")',
  }),
  /** The state saved between generations (beside the output folder) cannot be written. */
  stateUnwritable: (error: unknown, stateFile: string): Message | undefined =>
    fileSystemMessage(
      error,
      stateFile,
      'cannot save the calibration state to',
      'choose an output folder you can write to with --out DIR: the state is saved beside it, as <folder>.resume.json',
    ),
  nothingToResume: (stateFile: string): Message => ({
    message: `--resume found no saved calibration at ${stateFile}`,
    hint: 'run without --resume to start afresh; a calibration saves its state there after each generation and removes it when it completes',
  }),
  stateOfAnother: (stateFile: string): Message => ({
    message: `the saved calibration at ${stateFile} is of another scenario, targets file or settings (seed, scale, particles)`,
    hint: 'resume with the same options it was started with, or run without --resume to start afresh (the old state is then replaced)',
  }),
};

/** posterior.csv named by a scenario's `posterior` field, and `--uncertainty`. */
// ---- the built-in policy modules' checks of their parameters ---------------------------------------------------------

export const policyChecks = {
  /** A tier, industry or location id a policy's parameters name that the scenario does not have; `hint` lists or suggests the ids. */
  unknownId: (what: string, id: string, hint: string): Message => ({ message: `unknown ${what} "${id}"`, hint }),
  /** A policy named as a target (publicity) that no policy of the scenario is, by name or by type. */
  noSuchPolicy: (name: string, hint: string): Message => ({ message: `no policy is named "${name}" or has that type`, hint }),
};

export const explore = {
  /** What `sim explore` wrote, said on stdout: not an error; the hint is how to open it. */
  written: (name: string, levers: number, policies: number, runs: number, years: number, scale: number, seed: number, posterior: boolean): Message => ({
    message:
      `explore: ${name}, ${counted(levers, 'lever')} over ${counted(policies, 'policy', 'policies')}; each setting runs ` +
      `${counted(runs, 'paired run')} × ${counted(years, 'year')} at ${counted(scale, 'person')} per agent, ` +
      `seed ${seed}${posterior ? ', parameters drawn from the posterior' : ''}`,
    hint: 'Open explorer.html in a browser (it needs no network); the same figures come from sim --scenario with the YAML it downloads.',
  }),
  noPolicies: (scenario: string): Message => ({
    message: `the scenario ${scenario} has no policies: the explorer moves policies' levers against the baseline`,
    hint: 'explore a policy scenario, e.g. sim explore -s combined.yaml (the default) or -s flexible.yaml',
  }),
  plugins: (scenario: string): Message => ({
    message: `the scenario ${scenario} loads plugins, which cannot run in a browser page`,
    hint: 'run it with sim --scenario, or explore a scenario without plugins',
  }),
  expressions: (scenario: string): Message => ({
    message: `the scenario ${scenario} has expression terms (terms:), which the explorer's browser build does not evaluate`,
    hint: 'run it with sim --scenario, or explore a scenario without expression terms',
  }),
};

export const posterior = {
  notFound: (file: string): Message => ({
    message: `the posterior file ${file} does not exist`,
    hint: 'give the path of a posterior.csv written by sim calibrate, relative to this scenario file (or remove `posterior:` to run without parameter uncertainty)',
  }),
  unreadable: (error: unknown, file: string): Message =>
    fileSystemMessage(error, file, 'cannot read the posterior file', 'check the path and its permissions') ?? {
      message: `cannot read the posterior file ${file}: ${(error as Error)?.message ?? String(error)}`,
      hint: 'check the path and its permissions',
    },
  badHeader: (found: string): Message => ({
    message: `the header must begin with the columns particle,weight,distance, then one column per fitted parameter; it reads "${found}"`,
    hint: 'use the posterior.csv that sim calibrate writes, or write its header as particle,weight,distance,<parameter path>,…',
  }),
  noParameters: (): Message => ({
    message: 'the header names no parameter after particle,weight,distance',
    hint: 'add one column per fitted parameter, named by its path as sim sweep --vary takes it (e.g. locations.bazhong.jobSlack)',
  }),
  unknownParameter: (column: string, why: string, hint: string): Message => ({
    message: `the column "${column}" names no parameter of the scenario: ${why}`,
    hint,
  }),
  noRange: (column: string, base: number): Message => ({
    message: `the column "${column}" is a parameter the scenario gives no range (its value is ${base}): a posterior is drawn only over parameters with a declared range`,
    hint: `give it a range in the scenario, { value: ${base}, range: [<low>, <high>], source: "assumption" }, as the calibration that wrote the file did`,
  }),
  parameterTwice: (column: string, label: string, first: number): Message => ({
    message: `the column "${column}" names ${label}, already named by column ${first}`,
    hint: 'give each parameter one column',
  }),
  fieldCount: (found: number, expected: number): Message => ({
    message: `this row has ${counted(found, 'field')}, the header ${expected}`,
    hint: 'give every row one value per column (particle, weight, distance and each parameter)',
  }),
  notANumber: (column: string, text: string): Message => ({
    message: `${column} "${text}" is not a number`,
    hint: 'write plain numbers, e.g. 0.0125 or 1.5e-3',
  }),
  particleNotWhole: (text: string): Message => ({ message: `particle "${text}" is not a whole number of at least 0`, hint: 'number the particles 0, 1, 2, …' }),
  particleTwice: (particle: number, line: number): Message => ({
    message: `particle ${particle} is listed twice (first on line ${line})`,
    hint: 'give each particle its own number',
  }),
  weightNotPositive: (text: string): Message => ({
    message: `weight ${text} is not positive: every particle of a posterior needs a weight above 0`,
    hint: 'drop particles of weight 0, or use the posterior.csv that sim calibrate writes',
  }),
  empty: (): Message => ({ message: 'the posterior file holds no particles', hint: 'use the posterior.csv that sim calibrate writes (one row per particle)' }),
  none: (scenario: string): Message => ({
    message: `--uncertainty posterior: the scenario ${scenario} names no posterior`,
    hint: 'add `posterior: <posterior.csv>` (written by sim calibrate) to the scenario, or leave out --uncertainty (or give --uncertainty none)',
  }),
  unknownMode: (mode: string): Message => ({
    message: `--uncertainty must be posterior or none, not "${mode}"`,
    hint: 'write --uncertainty posterior or --uncertainty none',
  }),
  otherPosterior: (file: string, own: string, baseline: string, baselinePosterior: string): Message => ({
    message: `${file} names the posterior ${own}, the baseline ${baseline} ${baselinePosterior}: paired runs draw one particle for every scenario`,
    hint: "let the scenario inherit the baseline's posterior (extends the baseline and no `posterior:` of its own), or compare with --uncertainty none",
  }),
  scenarioLacks: (file: string, posteriorFile: string, problem: string): Message => ({
    message: `${file} cannot take the baseline's posterior ${posteriorFile}: ${problem}`,
    hint: 'compare scenarios that extend the baseline (they have its parameters), or compare with --uncertainty none',
  }),
  counterfactualLacks: (file: string | undefined, posteriorFile: string, problem: string): Message => ({
    message: `the counterfactual of ${file ?? 'the scenario'} (the scenario without its policies) cannot take its posterior ${posteriorFile}: ${problem}`,
    hint: 'fit the posterior to parameters outside the policies, run with --no-counterfactual, or run with --uncertainty none',
  }),
  /** A warning, not an error: bands computed from fewer runs than their percentiles need. */
  fewRuns: (runs: number, needed: number): Message => ({
    message: `the 5–95 % bands rest on ${counted(runs, 'run')}: a 5th or 95th percentile needs at least ${needed} runs, so with fewer each end of a band is little more than the smallest or largest run`,
    hint: `use --runs ${needed} or more`,
  }),
};

export const experiments = {
  /** Past the limit on model runs (LIMITS.maxModelRuns): `size` reads "1,000 points × 20 runs". */
  /** `ceiling` (LIMITS.maxModelRunsCeiling): the most --max-model-runs allows, so the fix never suggests more. */
  /**
   * The fix suggests raising the limit only when `raisable`: `most` is what fits in memory (LIMITS.maxModelRunsCeiling,
   * maxDesignPoints, a comparison's kept results), e.g. "10,000 points". `memory` names what the runs hold when the
   * memory, not `limit`, refused them.
   */
  tooManyModelRuns: (what: string, size: string, total: number, limit: number, lower: string, most: string, raisable: boolean, memory?: string): Message => ({
    message: memory
      ? `the ${what} would make ${size} = ${counted(total, 'model run')}, more than the ${most} whose ${memory} fit in memory (about 2 GB)`
      : `the ${what} would make ${size} = ${counted(total, 'model run')}, more than the limit of ${limit.toLocaleString('en-US')}`,
    hint: raisable
      ? `${lower}; or, on purpose, raise the limit with --max-model-runs ${Math.ceil(total)}`
      : `${lower}: at most ${most} fit in one ${what}, whatever --max-model-runs says; split it into several`,
  }),
  /** Past LIMITS.maxDesignPoints: more distinct scenarios than the memory holds, whatever --max-model-runs says. */
  /** `size` reads "1,000,000 points" or "3 scenarios × 10,000 futures = 30,000 scenario variants". */
  tooManyPoints: (what: string, size: string, unit: string, limit: number): Message => ({
    message: `the ${what} would make ${size}, more than the ${limit.toLocaleString('en-US')} one ${what} can hold in memory (each is a whole scenario, about 110 kB), whatever --max-model-runs says`,
    hint: `use fewer ${unit} (docs/experiments.md, "Limits"), or split the ${what} into several`,
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
  /** A parameter a sample or a sensitivity analysis needs a range of; `how` is the first fix. */
  needRange: (label: string, base: number, how: string): Message => ({
    message: `${label} (${base}) declares no range to sample`,
    hint: `${how}, or give it a range in the scenario: { value: ${base}, range: [<low>, <high>], source: "assumption" }`,
  }),
  sampleWithValues: (label: string): Message => ({
    message: `--sample lhs samples the declared ranges, but --vary gives values for ${label}`,
    hint: `name the parameters without values (--vary ${label}), or drop --sample lhs to run a grid`,
  }),
  sampleSize: (n: number): Message => ({ message: `-n ${n} is out of range: it takes a whole number from 1 to 100000`, hint: 'e.g. -n 20' }),
  noRangesToSample: (): Message => ({
    message: 'the scenario declares no ranges to sample',
    hint: 'give parameters a range ({ value, range: [low, high] }) or sweep a grid with --vary PATH=v1,v2,…',
  }),
  sensitivityNeedsRange: (label: string, given: string): Message => ({
    message: `--vary ${label}=${given}: sensitivity analysis takes a range, low,high`,
    hint: `write --vary ${label}=<low>,<high> with low below high, or --vary ${label} for its declared range`,
  }),
  noRangesToAnalyse: (): Message => ({
    message: 'the scenario declares no ranges to analyse',
    hint: 'give parameters a range ({ value, range: [low, high] }) or name them with --vary PATH=low,high',
  }),
  sobolSamples: (n: number): Message => ({
    message: `-n must be a whole number from 2 to 100000 base samples, not ${n}`,
    hint: "e.g. -n 64: a Sobol' analysis of k parameters makes n (k + 2) points",
  }),
  posteriorRangesNeedSobol: (method: string): Message => ({
    message: `--ranges posterior samples a posterior, which only --method sobol does (not ${method})`,
    hint: 'add --method sobol, or drop --ranges posterior to analyse the declared ranges',
  }),
  noPosteriorToSample: (scenario: string): Message => ({
    message: `--ranges posterior: the scenario ${scenario} names no posterior`,
    hint: 'calibrate it (sim calibrate) and add `posterior: <its posterior.csv>` to the scenario, or drop --ranges posterior to analyse the declared ranges',
  }),
  posteriorVaryValues: (label: string): Message => ({
    message: `--vary ${label}=…: with --ranges posterior, a parameter's values come from the posterior`,
    hint: `name it without values (--vary ${label})`,
  }),
  notInPosterior: (label: string, parameters: readonly string[]): Message => ({
    message: `--vary ${label}: the posterior does not fit this parameter`,
    hint: `with --ranges posterior, name one of its parameters: ${parameters.join(', ')}`,
  }),
  trajectories: (r: number): Message => ({
    message: `--trajectories must be a whole number from 1 to 1000, not ${r}`,
    hint: 'e.g. --trajectories 4 (the usual choice) or 10',
  }),
  levels: (p: number): Message => ({
    message: `--levels must be an even whole number from 2 to 100, not ${p}`,
    hint: 'e.g. --levels 4 (the usual choice), or 6, 8',
  }),
  unknownOutcome: (metric: string, suggestion: string | undefined, metrics: readonly string[]): Message => ({
    message: `unknown metric "${metric}"`,
    hint: `${suggestion ? `did you mean "${suggestion}"? ` : ''}the summary metrics are ${metrics.join(', ')}`,
  }),
  yearNotSimulated: (year: number, first: number, last: number): Message => ({
    message: `--horizon ${year} is not simulated: the run covers ${first}–${last}`,
    hint: `give a calendar year from ${first} to ${last}, or more --years`,
  }),
  // compare
  namedTwice: (name: string, file: string, other: string): Message => ({
    message: `two scenarios are named "${name}": ${other} and ${file}`,
    hint: 'give one of them another name (its `name:` field) so that the comparison can tell them apart',
  }),
  calendarsDiffer: (file: string, start: number, ticks: number, baseline: string, baseStart: number, baseTicks: number): Message => ({
    message: `${file} starts in ${start} with ${ticks} ticks a year, the baseline ${baseline} in ${baseStart} with ${baseTicks}: paired runs need the same calendar`,
    hint: 'set run.startYear and run.ticksPerYear as in the baseline',
  }),
  burnInsDiffer: (file: string, years: number, baseline: string, baseYears: number): Message => ({
    message: `${file} settles for ${years} burn-in years before it reports, the baseline ${baseline} for ${baseYears}: paired runs need the same burn-in`,
    hint: 'set run.burnInYears as in the baseline (or leave it out, to inherit it with extends)',
  }),
  horizonNotSimulated: (horizon: number, first: number, last: number): Message => ({
    message: `--horizon must be a simulated year, from ${first} to ${last}, not ${horizon}`,
    hint: 'pick a year in that range, or simulate more years with --years',
  }),
  unknownMetric: (metric: string, metrics: readonly string[], suggestion: string | undefined): Message => ({
    message: `--metric must be one of ${metrics.join(', ')}, not "${metric}"`,
    hint: suggestion ? `did you mean --metric ${suggestion}?` : `e.g. --metric ${metrics[0]}`,
  }),
  unknownLanguage: (lang: string): Message => ({ message: `--lang must be zh or en, not "${lang}"`, hint: 'write --lang zh (Chinese) or --lang en (English)' }),
  // comparison() called from code (sim compare checks all this before running)
  scenarioGivenTwice: (name: string): Message => ({
    message: `scenario "${name}" is given twice; scenario names must be unique`,
    hint: 'give each scenario its own name',
  }),
  baselineMissing: (baseline: string, names: readonly string[]): Message => ({
    message: `the baseline "${baseline}" is not among the scenarios (${names.join(', ')})`,
    hint: 'name one of those as the baseline, or add the baseline to the scenarios',
  }),
  notPairable: (name: string, runs: string, years: string, baseline: string, baseRuns: string, baseYears: string): Message => ({
    message: `scenario "${name}" (runs ${runs}; years ${years}) cannot be paired with the baseline "${baseline}" (runs ${baseRuns}; years ${baseYears})`,
    hint: 'run them with the same settings (runs, seed, years)',
  }),
  horizonNotInRuns: (horizon: number, first: number, last: number): Message => ({
    message: `the horizon ${horizon} is not a simulated year (${first}–${last})`,
    hint: `give a horizon year from ${first} to ${last}`,
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

// ---- sim plan, sim shard, sim merge (src/cluster) -----------------------------------------------------------------

export const cluster = {
  noCommand: (): Message => ({
    message: 'sim plan needs the experiment to plan, after --',
    hint: 'e.g. sim plan --plan plans/cmp --shards 4 -- compare "scenarios/*.yaml" --runs 20',
  }),
  notPlannable: (command: string): Message => ({
    message: `sim plan cannot plan "${command}": it runs no batch of model runs to split into shards`,
    hint: 'plan a run (-s FILE), compare, sweep, sensitivity, robustness or calibrate (in rounds: docs/cluster.md)',
  }),
  nothingToRun: (line: string): Message => ({
    message: `"sim ${line}" finished without running the model, so there is nothing to plan`,
    hint: 'check the command line after --; run it without sim plan to see what it does',
  }),
  commandFailed: (line: string): Message => ({
    message: `the planned command "sim ${line}" failed (its error is above)`,
    hint: 'fix the command line after --; run it alone to check it',
  }),
  /** A shard's results cannot be written into its plan folder's shards/. */
  shardUnwritable: (error: unknown, file: string): Message | undefined =>
    fileSystemMessage(
      error,
      file,
      'cannot write the shard results',
      "check that you may write to the plan folder's shards/, or plan again into a folder you can write to with sim plan --plan DIR",
    ),
  planExists: (dir: string): Message => ({
    message: `${dir} already exists and holds something other than this plan`,
    hint: 'choose another --plan folder, or remove that one',
  }),
  notAPlan: (file: string, why: string): Message => ({
    message: `${file} is not a readable sim plan: ${why}`,
    hint: 'give --plan the folder that sim plan wrote (it holds plan.json, tasks/ and sbatch.sh), or plan again',
  }),
  otherVersion: (file: string, planned: string, running: string): Message => ({
    message: `${file} was planned with version ${planned} of the simulator; this is version ${running}`,
    hint: `run the shards and the merge with the version that planned (${planned}), or plan again with this one`,
  }),
  indexOutOfRange: (index: number, shards: number): Message => ({
    message: `--index ${index} is not a shard of this plan, which has ${shards} (0 to ${shards - 1})`,
    hint: `give an index from 0 to ${shards - 1}; under Slurm, submit the plan's sbatch.sh, which passes $SLURM_ARRAY_TASK_ID`,
  }),
  shardsMissing: (count: number, total: number, lines: readonly string[], resubmit: string, whose = "the plan's"): Message => ({
    message: `${count} of ${whose} ${total} shards are missing or unusable:\n${lines.map((l) => `    ${l}`).join('\n')}`,
    hint: `rerun each with the command shown, or resubmit them all at once: ${resubmit}; then merge again`,
  }),
  notInPlan: (missing: number, total: number, round = 1): Message =>
    round === 1
      ? {
          message: `the command asks for ${missing} of ${total} model runs that the plan does not hold: its scenario files or options changed since sim plan`,
          hint: 'plan again with the files as they are now (sim plan … --plan NEW), run its shards, and merge that plan',
        }
      : {
          message: `the command's batch ${round} asks for ${missing} of ${total} model runs that round ${round} of the plan does not hold: its scenario, targets or other input files changed since that round was written`,
          hint: 'put the files back as they were, or plan again with the files as they are now (sim plan … --plan NEW) and run it round by round',
        },
  inputsChanged: (files: readonly string[], dir: string): Message => ({
    message: `${files.join(', ')} changed since sim plan wrote ${dir}, so its results may not be those of the files as they are now`,
    hint: 'put the file back as it was planned, or plan again into a new folder (sim plan --plan NEW …) and run that plan',
  }),
  roundNotPlan: (dir: string, round: number): Message => ({
    message: `${dir} is round ${round} of a plan, not the plan itself`,
    hint: `merge the plan folder that holds it: sim merge --plan ${dir.replace(/\/?round-\d+\/?$/, '') || '.'}`,
  }),
  foreignRound: (folder: string, plan: string): Message => ({
    message: `${folder} is not a round of plan ${plan}: it was written for another plan`,
    hint: 'remove that folder (and any later round-N/ folders) and merge again, which writes the round anew',
  }),
};

/** `sim robustness`: policies across futures, and scenario discovery. */
export const robustness = {
  futuresCount: (n: number): Message => ({
    message: `--futures must be a whole number from 2 to 100,000, not ${n}`,
    hint: 'e.g. --futures 100: a Latin hypercube of 100 futures',
  }),
  noPolicies: (): Message => ({
    message: 'name the policy scenarios to test across futures',
    hint: 'e.g. sim robustness --policies "scenarios/*.yaml" --futures 50 (the baseline runs in every future too)',
  }),
  noUncertainRanges: (baseline: string): Message => ({
    message: `the baseline ${baseline} declares no uncertainty range outside its policies, so there is nothing to draw futures from`,
    hint: 'give parameters ranges (value: …, range: [low, high]) in the scenario, name them with --vary PATH, or draw futures from the posterior with --futures-from posterior',
  }),
  policyLacks: (file: string, label: string): Message => ({
    message: `the policy scenario ${file} has no parameter ${label}, which every future sets`,
    hint: "give every policy scenario the baseline's parameters (extends: baseline.yaml does), or leave this one out",
  }),
  unknownDiscover: (name: string, names: readonly string[], suggestion: string | undefined): Message => ({
    message: `--discover ${name}: no such policy among those tested${suggestion ? `; did you mean ${suggestion}?` : ''}`,
    hint: `name one of: ${names.join(', ')}`,
  }),
  unknownFrom: (from: string): Message => ({
    message: `--futures-from ${from}: futures come from "ranges" (a Latin hypercube of the declared ranges) or "posterior"`,
    hint: 'use --futures-from ranges or --futures-from posterior',
  }),
  noPosterior: (baseline: string): Message => ({
    message: `--futures-from posterior: the baseline ${baseline} names no posterior`,
    hint: 'run sim calibrate and name its posterior.csv in the baseline (posterior: …), or draw futures from the declared ranges (--futures-from ranges)',
  }),
  varyWithPosterior: (): Message => ({
    message: '--vary chooses declared ranges to sample; with --futures-from posterior the posterior decides the parameters',
    hint: 'leave out --vary, or draw futures from the ranges (--futures-from ranges)',
  }),
  primSetting: (name: string, value: number, takes: string): Message => ({
    message: `--${name} must be ${takes}, not ${value}`,
    hint:
      name === 'alpha' ? 'Friedman & Fisher suggest 0.05 to 0.1 (default 0.05)' : name === 'min-support' ? 'e.g. 0.05 (the default)' : 'e.g. 0.8 (the default)',
  }),
} as const;

// ---- sim report: a result folder read back --------------------------------------------------------------------------

/** The commands whose folders `sim report` reads back, as the messages list them. */
const REPORTABLE = 'compare, sweep, sensitivity (oat, morris, and sobol over declared ranges), robustness (futures over declared ranges) and calibrate';

export const report = {
  notFound: (dir: string): Message => ({
    message: `result folder ${dir} not found`,
    hint: 'check the path: give a folder a sim command wrote (by default under output/, e.g. output/flexible)',
  }),
  notAFolder: (path: string): Message => ({
    message: `${path} is a file, not a result folder`,
    hint: `give the folder a command wrote, the one holding run.json; sim report reads the folders of ${REPORTABLE}`,
  }),
  noRecord: (dir: string): Message => ({
    message: `${dir} has no run.json: it is not a result folder of sim`,
    hint: `give the folder a command wrote (its run.json lists the files); sim report reads the folders of ${REPORTABLE}`,
  }),
  unreadableRecord: (file: string, why: string): Message => ({
    message: `${file} cannot be read: ${why}`,
    hint: 'run.json is written by the command that made the folder; run that command again to write it anew',
  }),
  otherVersion: (file: string, found: string, current: string): Message => ({
    message: `${file} was written by ${found}, this is ${current}`,
    hint: 'read the folder with the version that wrote it (npx bazhong-sim@<version> report …), or run the command again with this version',
  }),
  unsupported: (file: string, command: string): Message => ({
    message: `${file}: sim report cannot yet read back the folder of \`sim ${command}\``,
    hint: `it reads the folders of ${REPORTABLE}; run \`sim ${command}\` again with the options wanted`,
  }),
  unsupportedDesign: (file: string, what: string): Message => ({
    message: `${file}: sim report cannot read back ${what}`,
    hint: `it reads the folders of ${REPORTABLE}; run the command again with the options wanted`,
  }),
  missingField: (file: string, field: string): Message => ({
    message: `${file}: the field "${field}" is missing or of the wrong kind`,
    hint: 'run.json was edited or cut short; run the command again to write it anew',
  }),
  fixedOutcome: (metric: string, year: number, askedMetric: string, askedYear: number): Message => ({
    message: `a robustness analysis's folder holds every run's ${metric} in ${year} only: it cannot be written again for ${askedMetric} in ${askedYear}`,
    hint: `leave out --metric and --horizon (or give ${metric} and ${year}), or run sim robustness again with --metric ${askedMetric} --horizon ${askedYear}`,
  }),
  noOutcome: (command: string): Message => ({
    message: `the folder of sim ${command} has no outcome to choose: --metric and --horizon do not apply to it`,
    hint: 'leave out --metric and --horizon (--lang and --out apply)',
  }),
  badTable: (file: string, line: number, why: string): Message => ({
    message: `${file}${line > 0 ? `, line ${line}` : ''}: ${why}`,
    hint: 'the file was edited or cut short: restore it, or run the command again',
  }),
};
