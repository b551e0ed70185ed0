// The options every command shares — scenario, runs, seed, years, scale, threads, out, quiet, lang — declared once.
import type { Argv } from 'yargs';
import type { RunOptionName } from '../runner/run.js';
import { UsageError } from '../core/errors.js';

/*
 * Coercions only check the form of a value (given once, a number); the bounds of the run options live with the
 * runner (RUN_OPTION_LIMITS) and are checked by runOptionsOf once a command runs, so that parsing the arguments, and
 * --help, load nothing of the model.
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

/** yargs coercion for an option given at most once. */
export function once(name: string) {
  return (raw: unknown): unknown => {
    if (Array.isArray(raw)) throw new UsageError(`--${name} is given ${raw.length} times; give it once`);
    return raw;
  };
}

/** yargs coercion for a numeric option: one value, a number, and whatever `check` asks (a message, or undefined). */
export function numberOption(name: string, example: number, check: (value: number) => string | undefined = () => undefined) {
  return (raw: unknown): number | undefined => {
    if (raw === undefined) return undefined;
    if (Array.isArray(raw)) throw new UsageError(`--${name} is given ${raw.length} times; give it once`);
    // yargs has already turned the text into a number; NaN means it was not one.
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== 'number' || Number.isNaN(value)) throw new UsageError(`--${name} needs a number, e.g. --${name} ${example}`);
    const problem = check(value);
    if (problem) throw new UsageError(`--${problem}`);
    return value;
  };
}

/** A check for numberOption: a whole number in a range. */
export const whole = (name: string, min: number, max: number) => (value: number) =>
  Number.isInteger(value) && value >= min && value <= max ? undefined : `${name} must be a whole number from ${min} to ${max}, not ${value}`;

/** --scenario / -s. */
export function scenarioOption(y: Argv): Argv {
  return y.option('scenario', {
    alias: 's',
    type: 'string',
    requiresArg: true,
    demandOption: true,
    coerce: once('scenario'),
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
    y.option(name, { type: 'number', requiresArg: true, describe, coerce: numberOption(name, EXAMPLES[name]) });
  }
  return y;
}

/** --out / -o: the folder replaced as a whole when the command completes. */
export function outOption(y: Argv, defaultFolder: string): Argv {
  return y.option('out', {
    alias: 'o',
    type: 'string',
    requiresArg: true,
    coerce: once('out'),
    describe: `Output folder. Default: ${defaultFolder}. Replaced as a whole when complete.`,
  });
}

/** --quiet / -q. */
export function quietOption(y: Argv, without = 'summary'): Argv {
  return y.option('quiet', { alias: 'q', type: 'boolean', default: false, describe: `No progress bar and no ${without}; print only the output folder.` });
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

/** The run options given, each checked against the runner's bounds: a UsageError naming the option otherwise. */
export async function runOptionsOf(args: Record<string, unknown>): Promise<Partial<Record<RunOptionName, number>>> {
  const { runOptionProblem } = await import('../runner/run.js');
  const options: Partial<Record<RunOptionName, number>> = {};
  for (const name of RUN_OPTION_NAMES) {
    if (args[name] === undefined) continue;
    const problem = runOptionProblem(name, args[name]);
    if (problem) throw new UsageError(`--${problem}`);
    options[name] = args[name] as number;
  }
  return options;
}
