// The options every command shares — scenario, runs, seed, years, scale, threads, out, quiet, lang — declared once,
// and what a mistyped option or value is told.
import { readdirSync } from 'node:fs';
import type { Argv } from 'yargs';
import type { RunOptionName } from '../runner/run.js';
import { didYouMean, UsageError } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { options as messages, type Message } from '../core/messages.js';
import { COLUMNS, wrap } from './layout.js';

/*
 * Coercions check the form of a value (given once, not empty, a number) and, where the bounds are the CLI's own,
 * its range; the bounds of the run options live with the runner (RUN_OPTION_LIMITS) and are checked by runOptionsOf
 * once a command runs, so that parsing the arguments, and --help, load nothing of the model. Numeric options are
 * declared without yargs's `type: 'number'`, which turns an empty value into 0 ("--runs ''" would say "not 0").
 */

export const RUN_OPTION_NAMES = ['runs', 'seed', 'years', 'scale', 'threads'] as const satisfies readonly RunOptionName[];

const EXAMPLES: Record<RunOptionName, number> = { runs: 20, seed: 7, years: 10, scale: 10, threads: 4 };

const RUN_OPTIONS: Record<RunOptionName, string> = {
  runs: 'Replications',
  seed: 'Master seed: every replication and random stream derives its own seed from it',
  years: 'Simulated years',
  scale: 'Persons per agent (1: full scale); figures are always reported in persons',
  threads: 'Worker threads; 1 runs in the main thread. Outputs are identical for any count',
};

/** The bounds of a numeric option; each optional. */
export interface NumberRange {
  min?: number;
  max?: number;
  whole?: boolean;
  /** What the option takes, when the bounds alone do not say it ("a calendar year"). */
  takes?: string;
}

/** "a whole number from 1 to 10000", "a number of at least 1", "a whole number". */
export function takes(range: NumberRange = {}): string {
  if (range.takes) return range.takes;
  const kind = range.whole ? 'a whole number' : 'a number';
  if (range.min !== undefined && range.max !== undefined) return `${kind} from ${range.min} to ${range.max}`;
  if (range.min !== undefined) return `${kind} of at least ${range.min}`;
  if (range.max !== undefined) return `${kind} of at most ${range.max}`;
  return kind;
}

const within = (value: number, range: NumberRange) =>
  Number.isFinite(value) &&
  (!range.whole || Number.isInteger(value)) &&
  (range.min === undefined || value >= range.min) &&
  (range.max === undefined || value <= range.max);

/** yargs coercion for an option given at most once, not empty (an empty --out would mean the working folder). */
export function once(name: string, example?: string, what = 'a value') {
  return (raw: unknown): unknown => {
    if (Array.isArray(raw)) throw new UsageError(messages.givenTwice(name, raw.length));
    if (example !== undefined && typeof raw === 'string' && raw.trim() === '') throw new UsageError(messages.empty(name, what, example));
    return raw;
  };
}

/** A number as people write it: decimal digits, a point, an exponent (1e3), or Infinity (then out of range). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$|^[+-]?Infinity$/i;

/** A value typed for a numeric option as a number within `range`; a UsageError naming the option, the value and the range otherwise. */
export function checkNumber(name: string, raw: unknown, example: number, range: NumberRange = {}): number {
  if (Array.isArray(raw)) throw new UsageError(messages.givenTwice(name, raw.length));
  const typed = String(raw).trim();
  const args = [name, typed, takes(range), String(example)] as const;
  if (typed === '') throw new UsageError(messages.empty(name, takes(range), String(example)));
  const value = typeof raw === 'number' ? raw : Number(typed.replace(/_/g, ''));
  if (typeof raw === 'boolean' || Number.isNaN(value)) throw new UsageError(messages.notANumber(...args));
  // Number() also reads 0x10, 0b10 and 0o10: a count typed so is more likely a slip than meant as 16.
  if (typeof raw === 'string' && !DECIMAL.test(typed.replace(/_/g, ''))) throw new UsageError(messages.notDecimal(...args));
  if (range.whole && Number.isFinite(value) && !Number.isInteger(value)) throw new UsageError(messages.notWhole(...args));
  if (!within(value, range)) throw new UsageError(messages.outOfRange(...args));
  return value;
}

/** yargs coercion for a numeric option: given once, not empty, a number, within `range`. */
export function numberOption(name: string, example: number, range: NumberRange = {}) {
  return (raw: unknown): number | undefined => (raw === undefined ? undefined : checkNumber(name, raw, example, range));
}

/** A range for numberOption: a whole number from min to max. */
export const whole = (min: number, max: number): NumberRange => ({ min, max, whole: true });

/** --scenario / -s. */
export function scenarioOption(y: Argv): Argv {
  return y.option('scenario', {
    alias: 's',
    type: 'string',
    requiresArg: true,
    demandOption: true,
    coerce: once('scenario', 'baseline', 'a scenario file'),
    describe: "Scenario file (YAML); a bare name is also looked up in the package's scenarios/ folder.",
  });
}

/**
 * --runs, --seed, --years, --scale, --threads: `whose` run block gives the defaults ("the scenario's",
 * "the baseline's"), threads default to one per CPU up to the number of `tasks`; `meaning` says what an option
 * means for this command where that differs from a single run.
 */
export function runOptions(y: Argv, whose: string, tasks: string, meaning: Partial<Record<RunOptionName, string>> = {}): Argv {
  for (const name of RUN_OPTION_NAMES) {
    const fallback = name === 'threads' ? `min(${tasks}, CPUs)` : `${whose} run.${name}`;
    const describe = `${meaning[name] ?? RUN_OPTIONS[name]}. Default: ${fallback}.`;
    // Checked by runOptionsOf, which knows the runner's bounds; here only that it is given once.
    y.option(name, { requiresArg: true, describe, coerce: once(name) });
  }
  return y;
}

/** --max-model-runs: raises the limit on the model runs of a sweep, sensitivity analysis or comparison. */
export function maxModelRunsOption(y: Argv): Argv {
  return y.option('max-model-runs', {
    requiresArg: true,
    coerce: numberOption('max-model-runs', 20000, whole(1, LIMITS.maxModelRunsCeiling)),
    describe: `Refuse to start more model runs (points or scenarios × runs) than this. Default: ${LIMITS.maxModelRuns}; at most ${LIMITS.maxModelRunsCeiling} (what fits in memory).`,
  });
}

/** --out / -o: the folder replaced as a whole when the command completes. */
export function outOption(y: Argv, defaultFolder: string): Argv {
  return y.option('out', {
    alias: 'o',
    type: 'string',
    requiresArg: true,
    coerce: once('out', 'results/my-run', 'a folder'),
    describe:
      `Output folder. Default: ${defaultFolder}. Replaced as a whole when complete. ` +
      'A symbolic link is written through (the folder it points to is replaced, the link kept), only into a folder that exists.',
  });
}

/** --quiet / -q. */
export function quietOption(y: Argv, without = 'summary'): Argv {
  return y.option('quiet', { alias: 'q', type: 'boolean', default: false, describe: `No progress bar and no ${without}; print only the output folder.` });
}

/** --uncertainty posterior|none: whether each replication draws its parameters from the scenario's posterior. */
export function uncertaintyOption(y: Argv, whose = "the scenario's"): Argv {
  return y.option('uncertainty', {
    type: 'string',
    requiresArg: true,
    choices: ['posterior', 'none'],
    coerce: once('uncertainty'),
    describe: `posterior: replication r runs with the parameters of one particle of ${whose} posterior (\`posterior:\` in the scenario, a calibration's posterior.csv), drawn by weight from the seed; none: the parameters as written, so bands reflect chance only. Default: posterior when ${whose.replace(/'s$/, '')} names one, else none.`,
  });
}

/** --font FILE: the font of the charts' text, for every command that draws charts. */
export function fontOption(y: Argv): Argv {
  return y.option('font', {
    type: 'string',
    requiresArg: true,
    coerce: once('font', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'a font file'),
    describe:
      'Font file (.ttc, .otf, .ttf) with Chinese glyphs for the charts. Default: $SIM_FONT, else found with fc-match or in the usual places; without one, charts are SVG only.',
  });
}

/**
 * The font file the charts are drawn with, as given: --font, else SIM_FONT in `env`, resolved against `cwd`; undefined
 * when neither is given (the library then finds one). A file that does not exist or is not a font is a UsageError,
 * before anything runs.
 */
export async function fontOf(args: Record<string, unknown>, env: Record<string, string | undefined>, cwd: string): Promise<string | undefined> {
  const [given, from] = args.font !== undefined ? [String(args.font), '--font' as const] : [env.SIM_FONT || undefined, 'SIM_FONT' as const];
  if (given === undefined) return undefined;
  const { resolve } = await import('node:path');
  const file = resolve(cwd, given);
  (await import('../charts/font.js')).checkFont(file, from);
  return file;
}

/** A writer's warnings (charts written as SVG only, without PNG), each once, as `warning: …` and `fix: …` lines. */
export function printWarnings(warnings: readonly Message[], stderr: { write(text: string): unknown }): void {
  for (const text of new Set(
    warnings.map(({ message, hint }) => wrap(`warning: ${message}`, '    ') + (hint ? wrap(`fix: ${hint}`, '    ', COLUMNS, '    ') : '')),
  ))
    stderr.write(text);
}

/**
 * --metric NAME: the summary metric a command ranks, charts or analyses (compare's ranking, a sweep's or sensitivity
 * analysis's outcome); `choices` are the metrics it takes, `fallback` its default when the library decides it.
 */
export function metricOption(y: Argv, choices: readonly string[], describe: string, fallback?: string): Argv {
  return y.option('metric', {
    type: 'string',
    requiresArg: true,
    choices: [...choices],
    ...(fallback === undefined ? {} : { default: fallback }),
    coerce: once('metric'),
    describe,
  });
}

/** --horizon YEAR: the calendar year a command reports its metric in (compare's ranking, a sweep's or sensitivity analysis's outcome). */
export function horizonOption(y: Argv, describe: string): Argv {
  return y.option('horizon', { requiresArg: true, coerce: numberOption('horizon', 2030, { whole: true, takes: 'a calendar year' }), describe });
}

/**
 * Options renamed so that one idea has one name in every command: the old name → the new one. The old names keep
 * working, hidden from --help and completion; takeRenamed reads them with a note.
 */
export const RENAMED_OPTIONS = { outcome: 'metric', year: 'horizon' } as const;
export type RenamedOption = keyof typeof RENAMED_OPTIONS;

/** Declares the old names of renamed options (RENAMED_OPTIONS) as hidden options checked like the new ones. */
export function renamedOptions(y: Argv, names: readonly RenamedOption[]): Argv {
  for (const name of names)
    y.option(name, {
      hidden: true,
      requiresArg: true,
      coerce: name === 'year' ? numberOption('year', 2030, { whole: true, takes: 'a calendar year' }) : once(name),
    });
  return y;
}

/**
 * The arguments with each old option name given (--outcome, --year) moved to its new name (--metric, --horizon), and a
 * one-line note for each on `stderr`; both names given at once is a UsageError.
 */
export function takeRenamed(args: Record<string, unknown>, stderr: { write(text: string): unknown }): Record<string, unknown> {
  const out = { ...args };
  for (const [old, now] of Object.entries(RENAMED_OPTIONS)) {
    if (args[old] === undefined) continue;
    if (args[now] !== undefined) throw new UsageError(messages.bothNames(old, now));
    stderr.write(`note: ${messages.renamed(old, now).message}\n`);
    out[now] = args[old];
    delete out[old];
  }
  return out;
}

/** --lang zh|en: the language of the charts and report.html. */
export function langOption(y: Argv): Argv {
  return y.option('lang', {
    type: 'string',
    requiresArg: true,
    choices: ['zh', 'en'],
    default: 'zh',
    coerce: once('lang'),
    describe: 'Language of the charts and report.html: zh (Chinese) or en (English; place names stay in Chinese, e.g. "巴中 Bazhong").',
  });
}

/** The run options given, each checked against the runner's bounds: a UsageError naming the option, the value and the range otherwise. */
export async function runOptionsOf(args: Record<string, unknown>): Promise<Partial<Record<RunOptionName, number>>> {
  const { RUN_OPTION_LIMITS } = await import('../runner/run.js');
  const options: Partial<Record<RunOptionName, number>> = {};
  for (const name of RUN_OPTION_NAMES) {
    if (args[name] === undefined) continue;
    const range: NumberRange = { ...RUN_OPTION_LIMITS[name] };
    // More threads than CPUs add memory, not speed: the CLI stops well before the runner's own bound.
    if (name === 'threads') range.max = Math.min(range.max!, LIMITS.maxThreads);
    options[name] = checkNumber(name, args[name], EXAMPLES[name], range);
  }
  return options;
}

/**
 * What an argument error yargs reports should say: the option, the value typed and a fix. `known` are the options of
 * the command (for a "did you mean"), `argv` the arguments as typed, `commands` the names of sim's commands.
 */
export async function argumentProblem(message: string, argv: readonly string[], known: readonly string[], commands: readonly string[]): Promise<Message> {
  const command = argv[0] && !argv[0].startsWith('-') && commands.includes(argv[0]) ? `sim ${argv[0]}` : 'sim';
  const options = known.filter((k) => k.length > 1 && k !== '$0');
  // A long option typed with one dash ("-run 3"): yargs reads it as the letters -r -u -n, whatever error it then reports.
  const letters = new Set(known.filter((k) => k.length === 1));
  const oneDash = argv.map((a) => /^-([a-zA-Z][\w-]+)(=|$)/.exec(a)?.[1]).find((word) => word !== undefined && [...word].some((c) => !letters.has(c)));
  if (oneDash) return messages.unknownOption(oneDash, options.includes(oneDash) ? oneDash : didYouMean(oneDash, options), command, '-');
  // A coercion's UsageError, reported by yargs with its message: already says what to do.
  const at = message.indexOf('\n    fix: ');
  if (at >= 0) return { message: message.slice(0, at), hint: message.slice(at + '\n    fix: '.length) };
  const unknown = /^Unknown arguments?: (.*)$/s.exec(message);
  if (unknown) {
    const name = unknown[1].split(', ')[0];
    const dashes = argv.some((a) => a === `-${name}` || a.startsWith(`-${name}=`)) ? '-' : '--';
    const typedAsOption = argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `-${name}` || a.startsWith(`-${name}=`));
    if (typedAsOption) return messages.unknownOption(name, didYouMean(name, options), command, dashes);
    // A bare word: a scenario without --scenario (perhaps misspelt), or a misspelt command.
    const commandGuess = didYouMean(name, commands);
    const scenarioGuess = shippedScenarios().includes(name) ? name : didYouMean(name, shippedScenarios());
    const suggestion = commandGuess
      ? `did you mean sim ${commandGuess}?`
      : command === 'sim' && options.includes('scenario')
        ? `did you mean sim --scenario ${scenarioGuess ?? name}?`
        : undefined;
    return messages.unexpectedArgument(name, command, suggestion);
  }
  const missing = /^Not enough arguments following: (\S+)$/.exec(message);
  if (missing) {
    const name = missing[1];
    if ((RUN_OPTION_NAMES as readonly string[]).includes(name)) {
      const { RUN_OPTION_LIMITS } = await import('../runner/run.js');
      const range: NumberRange = { ...RUN_OPTION_LIMITS[name as RunOptionName] };
      if (name === 'threads') range.max = Math.min(range.max!, LIMITS.maxThreads);
      return messages.missingValue(name, takes(range), String(EXAMPLES[name as RunOptionName]));
    }
    return messages.missingValue(name, undefined, undefined);
  }
  const choice = /Argument: (\S+), Given: "?(.*?)"?, Choices: (.*)$/s.exec(message);
  if (choice) {
    const choices = choice[3].split(', ').map((c) => c.replace(/^"|"$/g, ''));
    return messages.notAChoice(choice[1], choice[2], choices, didYouMean(choice[2], choices));
  }
  if (message.includes('required argument: scenario')) return messages.missingScenario();
  if (message.includes('non-option arguments')) return messages.noFile(message);
  return messages.other(message);
}

/** The names of the scenarios shipped in the package's scenarios/ folder, without .yaml (read without loading the scenario loader). */
export function shippedScenarios(): string[] {
  try {
    return readdirSync(new URL('../../scenarios/', import.meta.url))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -'.yaml'.length));
  } catch {
    return [];
  }
}

/**
 * The options of the command yargs last parsed (`getOptions`, untyped in @types/yargs), with their aliases, hidden ones
 * left out: what a "did you mean" picks from.
 */
export function optionNames(parser: Argv): string[] {
  const options = (
    parser as unknown as { getOptions?: () => { key?: Record<string, unknown>; alias?: Record<string, string[]>; hiddenOptions?: string[] } }
  ).getOptions?.();
  // A hidden option (an old name kept working) is never suggested.
  const hidden = new Set(options?.hiddenOptions ?? []);
  return [...new Set([...Object.keys(options?.key ?? {}), ...Object.values(options?.alias ?? {}).flat()])].filter((name) => !hidden.has(name));
}
