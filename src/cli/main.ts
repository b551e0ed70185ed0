// The `sim` command line: parses arguments, calls the library, prints a short summary; nothing here the library cannot do.
import { join } from 'node:path';
import { COMMANDS } from './commands.js';
import { progressBar } from './progress.js';
import yargs from 'yargs';
import { formatFigure, formatSeconds, formatWhole, metricLabel, metricUnit } from '../output/format.js';
import {
  checkOutputTarget,
  formatIssue,
  loadScenario,
  packageInfo,
  runOptionProblem,
  runScenario,
  ScenarioError,
  shortPath,
  summaryRows,
  UsageError,
  writeOutputsWithCharts,
  OUTPUT_FILES,
  type LoadedScenario,
  type RunOptionName,
  type RunOutcome,
  type SummaryRow,
  type WrittenOutputs,
} from '../index.js';

/** What the CLI reads and writes besides its arguments; tests pass their own. */
export interface CliContext {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

const EXIT = { ok: 0, unexpected: 1, usage: 2 } as const;

type Action =
  | { kind: 'run'; scenario: string; out?: string; quiet: boolean; lang: 'zh' | 'en'; options: Partial<Record<RunOptionName, number>> }
  | { kind: 'validate'; file: string }
  | { kind: 'command'; run: () => Promise<void> };

const NUMBER_OPTIONS: Record<RunOptionName, string> = {
  seed: "Master seed; each replication and random stream derives its own from it. Default: the scenario's run.seed.",
  runs: "Replications. Default: the scenario's run.runs.",
  threads: 'Worker threads; 1 runs in the main thread. Outputs are identical for any count. Default: min(runs, CPUs).',
  years: "Simulated years. Default: the scenario's run.years.",
  scale: "Persons per agent (1: full scale). Figures are always reported in persons. Default: the scenario's run.scale.",
};

const EXAMPLE_VALUES: Record<RunOptionName, number> = { seed: 7, runs: 20, threads: 4, years: 10, scale: 10 };

/** Runs the command line `argv` (without "node sim") and returns the exit code: 0 ok, 1 unexpected error, 2 usage or scenario error. */
export async function main(argv: string[], context: CliContext = processContext()): Promise<number> {
  try {
    const parsed = await parseArguments(argv, context);
    if (typeof parsed === 'number') return parsed;
    if (parsed.kind === 'validate') await validate(parsed.file, context);
    else if (parsed.kind === 'command') await parsed.run();
    else await run(parsed, context);
    return EXIT.ok;
  } catch (error) {
    return report(error, context);
  }
}

function processContext(): CliContext {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}

/** The action asked for, or an exit code when there is nothing more to do (help, version, bad arguments). */
async function parseArguments(argv: string[], context: CliContext): Promise<Action | number> {
  let action: Action | undefined;
  const parser = yargs(argv)
    .scriptName('sim')
    .usage(
      '$0 --scenario FILE [options]\n$0 validate FILE\n\nSimulates talent flows between Bazhong, Chengdu, Chongqing and elsewhere and writes tidy CSV tables.',
    )
    .command(
      '$0',
      "Run a scenario's replications and write their outputs",
      (y) => {
        y.option('scenario', {
          alias: 's',
          type: 'string',
          requiresArg: true,
          demandOption: true,
          describe: "Scenario file (YAML); a bare name is also looked up in the package's scenarios/ folder.",
        });
        for (const [name, describe] of Object.entries(NUMBER_OPTIONS) as [RunOptionName, string][])
          y.option(name, { type: 'number', requiresArg: true, describe, coerce: numberOption(name) });
        y.option('out', {
          alias: 'o',
          type: 'string',
          requiresArg: true,
          describe: 'Output folder. Default: output/<scenario name>. Replaced as a whole when the run completes.',
        });
        y.option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress bar and no summary; print only the output folder.' });
        y.option('lang', {
          type: 'string',
          requiresArg: true,
          choices: ['zh', 'en'],
          default: 'zh',
          coerce: (raw: unknown) => {
            if (Array.isArray(raw)) throw new UsageError(`--lang is given ${raw.length} times; give it once`);
            return raw;
          },
          describe: 'Language of the charts and report.html: zh (Chinese) or en (English; place names stay in Chinese, e.g. "巴中 Bazhong").',
        });
        return y;
      },
      (args) => {
        const options: Partial<Record<RunOptionName, number>> = {};
        for (const name of Object.keys(NUMBER_OPTIONS) as RunOptionName[]) if (args[name] !== undefined) options[name] = args[name] as number;
        action = {
          kind: 'run',
          scenario: args.scenario as string,
          out: args.out as string | undefined,
          quiet: args.quiet as boolean,
          lang: args.lang as 'zh' | 'en',
          options,
        };
      },
    )
    .command(
      'validate <file>',
      'Check a scenario file (schema and cross-references) without running it',
      (y) => y.positional('file', { type: 'string', describe: 'Scenario file (YAML)' }),
      (args) => {
        action = { kind: 'validate', file: args.file as string };
      },
    );
  for (const command of COMMANDS) {
    parser.command(command.command, command.describe, command.builder, (args) => {
      action = { kind: 'command', run: () => command.run(args as Record<string, unknown>, context) };
    });
  }
  parser
    .example('$0 --scenario baseline', 'Run scenarios/baseline.yaml with its own settings')
    .example('$0 -s baseline --runs 50 --seed 7', '50 replications from master seed 7')
    .example('$0 -s my.yaml --years 20 -o results/my', '20 years, outputs in results/my/')
    .example('$0 -s subsidy --lang en', 'Charts and report.html in English')
    .example('$0 -s baseline --scale 1 --threads 8', 'Full scale (one agent a person) on 8 threads')
    .example('$0 validate my-policy.yaml', 'Check a scenario and list its problems with line numbers')
    .epilogue(
      'Outputs: timeseries.csv, flows.csv, summary.csv, summary-runs.csv, cohorts.csv, policies.csv, policies-summary.csv and run.json, ' +
        'plus charts (.vl.json, .svg, .png) and report.html, which opens offline in a browser. Exit codes: 0 ok, 1 unexpected error, 2 usage or scenario error.',
    )
    .strict()
    .version(packageInfo().version)
    .help()
    .alias('help', 'h')
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100));

  // With a callback, yargs hands over its output (help, version, error text) instead of printing and exiting.
  const { error, output } = await new Promise<{ error?: Error; output: string }>((done) =>
    parser.parse(argv, {}, (error: Error | undefined | null, _args: unknown, output: string) => done({ error: error ?? undefined, output })),
  );
  if (error) {
    context.stderr.write(`error: ${error.message}\n    fix: ${argumentFix(error.message)}\n`);
    return EXIT.usage;
  }
  if (!action) {
    // --help or --version: yargs produced the text and ran no command.
    if (output) context.stdout.write(output + '\n');
    return EXIT.ok;
  }
  return action;
}

/** The fix to suggest for an argument error reported by yargs. */
function argumentFix(message: string): string {
  if (message.includes('required argument: scenario')) return 'name a scenario file, e.g. sim --scenario baseline (see sim --help)';
  if (message.includes('non-option arguments')) return 'name the file to check, e.g. sim validate scenarios/baseline.yaml';
  return 'see sim --help';
}

/** yargs coercion for a numeric option: a clear message for text, repeats and out-of-range values. */
function numberOption(name: RunOptionName) {
  return (raw: unknown): number => {
    if (Array.isArray(raw)) throw new UsageError(`--${name} is given ${raw.length} times; give it once`);
    // yargs has already turned the text into a number; NaN means it was not one.
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== 'number' || Number.isNaN(value)) throw new UsageError(`--${name} needs a number, e.g. --${name} ${EXAMPLE_VALUES[name]}`);
    const problem = runOptionProblem(name, value);
    if (problem) throw new UsageError(`--${problem}`);
    return value;
  };
}

async function validate(file: string, context: CliContext): Promise<void> {
  const { resolved, file: path } = await loadScenario(file, { cwd: context.cwd });
  const persons = resolved.populations.reduce((sum, p) => sum + p.count, 0);
  const ranged = resolved.assumptions.filter((a) => a.range).length;
  context.stdout.write(
    `${shortPath(path, context.cwd)}: ok — ${resolved.locations.length} locations, ${resolved.populations.length} populations ` +
      `(${formatWhole(persons)} persons), ${ranged} assumptions with ranges\n`,
  );
}

async function run(action: Extract<Action, { kind: 'run' }>, context: CliContext): Promise<void> {
  const loaded = await loadScenario(action.scenario, { cwd: context.cwd });
  checkOutputTarget(loaded.resolved.name, { out: action.out, cwd: context.cwd });
  const bar = progressBar('simulating', context, action.quiet);
  // Ctrl-C would otherwise leave the terminal with its cursor hidden by the bar.
  const interrupted = () => {
    bar?.stop();
    process.exit(130);
  };
  if (bar) process.once('SIGINT', interrupted);
  let outcome: RunOutcome;
  try {
    outcome = await runScenario(loaded, { ...action.options, onProgress: bar && ((done, total) => bar.update(done, total)) });
  } finally {
    bar?.stop();
    process.off('SIGINT', interrupted);
  }
  const written = await writeOutputsWithCharts(loaded, outcome, { out: action.out, cwd: context.cwd, lang: action.lang });
  if (action.quiet) context.stdout.write(written.dir + '\n');
  else context.stdout.write(summaryText(loaded, outcome, written, context.cwd));
}

/**
 * Where the outputs went, the home city's first-year headline figures with their bands, and the wall time. With
 * policies, also the home city's effective talent and residents at the end of the last year, and what the policies
 * cost over the whole run.
 */
export function summaryText(loaded: Pick<LoadedScenario, 'resolved'>, outcome: RunOutcome, written: WrittenOutputs, cwd: string): string {
  const { resolved } = loaded;
  const { settings } = outcome;
  const home = resolved.locations[resolved.homeIndex];
  const homeName = home.labelEn ?? home.label;
  const firstYear = settings.startYear;
  const lastYear = settings.startYear + settings.years - 1;
  const policies = resolved.policies.map((p) => p.spec.name);
  const summary = summaryRows(outcome.results, resolved);
  const figure = (year: number, metric: SummaryRow['metric']) => summary.find((row) => row.year === year && row.metric === metric);
  const costLabel = `${metricLabel('costCumulative', 'en')} ${lastYear === firstYear ? firstYear : `${firstYear}–${lastYear}`}`;
  // The work done for Bazhong from elsewhere, where there is any: what flexible, enclave and remote schemes add.
  const fte = (['flexibleFte', 'enclaveFte', 'remoteFte'] as const).filter((metric) => (figure(lastYear, metric)?.mean ?? 0) > 0);
  const lines: { year: number; metric: SummaryRow['metric']; label: string }[] = [
    ...(['netRetention', 'recruited', 'topShare'] as const).map((metric) => ({ year: firstYear, metric, label: metricLabel(metric, 'en') })),
    ...(policies.length
      ? [
          ...(['effectiveTalent', 'residents'] as const).map((metric) => ({ year: lastYear, metric, label: metricLabel(metric, 'en') })),
          ...fte.map((metric) => ({ year: lastYear, metric, label: `  ${metricLabel(metric, 'en')}` })),
          { year: lastYear, metric: 'costCumulative' as const, label: costLabel },
        ]
      : []),
  ];
  // Labels line up, the first year's and the policy lines' alike.
  const width = Math.max(...lines.map((l) => l.label.length)) + 2;
  const line = ({ year, metric, label }: (typeof lines)[number]) => {
    const row = figure(year, metric);
    if (!row) return '';
    const unit = metricUnit(metric);
    const shown = (x: number) => formatFigure(unit, x) + (unit === 'cny' ? ' M' : '');
    const mean = shown(row.mean) + (unit === 'persons' ? ' persons' : unit === 'cny' ? ' CNY' : '');
    return `  ${label.padEnd(width)}${mean.padStart(16)}   [${shown(row.p5)} to ${shown(row.p95)}]\n`;
  };
  const runs = settings.runs === 1 ? '1 run' : `${settings.runs} runs`;
  const named = policies.length <= 4 ? ` (${policies.join(', ')})` : '';
  const policyLines = policies.length
    ? `${homeName} at the end of ${lastYear} with ${policies.length === 1 ? '1 policy' : `${policies.length} policies`}${named}:\n` +
      lines.slice(3).map(line).join('')
    : '';
  const hasReport = written.files.some((f) => f.name === 'report.html');
  return (
    `${resolved.name}: ${runs} × ${settings.years} years at ${settings.scale} persons per agent, ` +
    `${outcome.threads === 1 ? '1 thread' : `${outcome.threads} threads`}, ${formatSeconds(outcome.wallMs)}\n` +
    // The tables and run.json; the charts and report.html written beside them are not listed one by one.
    `outputs in ${shortPath(written.dir, cwd)}/: ${written.files
      .map((f) => f.name)
      .filter((name) => (OUTPUT_FILES as readonly string[]).includes(name))
      .join(', ')}\n` +
    `${homeName} in ${firstYear} (mean over ${runs}; 5–95 % band in brackets):\n` +
    lines.slice(0, 3).map(line).join('') +
    policyLines +
    (hasReport ? `charts and report: ${shortPath(join(written.dir, 'report.html'), cwd)}\n` : '')
  );
}

/** Prints an error the way users should see it: `error: …` lines, no stack trace unless SIM_DEBUG is set. */
function report(error: unknown, context: CliContext): number {
  if (error instanceof ScenarioError) {
    for (const issue of error.issues) context.stderr.write(`error: ${formatIssue(issue)}\n`);
    const n = error.issues.length;
    context.stderr.write(`${n} problem${n === 1 ? '' : 's'} found in the scenario\n`);
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    context.stderr.write(`error: ${error.message}\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  context.stderr.write(`error: unexpected: ${message}\n`);
  if (context.env.SIM_DEBUG && error instanceof Error && error.stack) context.stderr.write(error.stack + '\n');
  else context.stderr.write('    (this is a bug; set SIM_DEBUG=1 to see the stack trace, and please report it)\n');
  return EXIT.unexpected;
}
