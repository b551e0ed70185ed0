// `sim compare`: runs several scenarios with the same seeds, paired against a baseline, writes output/compare/ and
// prints the ranking.
import type { Argv } from 'yargs';
import { DEFAULT_RANKING_METRIC, RANKING_METRICS, type RankingMetric } from '../compare/compare.js';
import type { CompareOptions, ComparisonOutcome } from '../compare/run.js';
import { compareScenarios } from '../publish.js';
import type { RankingRow } from '../compare/types.js';
import { formatMillions, formatPoints, formatSeconds, formatSigned, formatWhole } from '../output/format.js';
import { shortPath } from '../output/write.js';
import { runOptionProblem, type RunOptionName } from '../runner/run.js';
import { UsageError } from '../scenario/errors.js';
import type { CliCommand } from './commands.js';
import { progressBar } from './progress.js';
import type { CliContext } from './main.js';

const NUMBER_OPTIONS: Record<RunOptionName, string> = {
  seed: "Master seed for every scenario (paired runs). Default: the baseline's run.seed.",
  runs: "Replications of each scenario. Default: the baseline's run.runs.",
  threads: "Worker threads for each scenario's replications; outputs are identical for any count. Default: min(runs, CPUs).",
  years: "Simulated years. Default: the baseline's run.years.",
  scale: "Persons per agent (1: full scale). Default: the baseline's run.scale.",
};
const EXAMPLE_VALUES: Record<RunOptionName, number> = { seed: 7, runs: 20, threads: 4, years: 10, scale: 10 };

/** yargs coercion: one value, a number, in range. */
function numberOption(name: RunOptionName | 'horizon') {
  return (raw: unknown): number => {
    if (Array.isArray(raw)) throw new UsageError(`--${name} is given ${raw.length} times; give it once`);
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    const example = name === 'horizon' ? 2030 : EXAMPLE_VALUES[name];
    if (typeof value !== 'number' || Number.isNaN(value)) throw new UsageError(`--${name} needs a number, e.g. --${name} ${example}`);
    if (name === 'horizon') {
      if (!Number.isInteger(value)) throw new UsageError(`--horizon must be a calendar year, e.g. --horizon ${example}, not ${value}`);
      return value;
    }
    const problem = runOptionProblem(name, value);
    if (problem) throw new UsageError(`--${problem}`);
    return value;
  };
}

/** yargs coercion for a text option given at most once. */
function once(name: string) {
  return (raw: unknown): unknown => {
    if (Array.isArray(raw)) throw new UsageError(`--${name} is given ${raw.length} times; give it once`);
    return raw;
  };
}

export const compareCommand: CliCommand = {
  command: 'compare [scenarios..]',
  describe: 'Run scenarios with the same seeds and compare them against a baseline: compare.csv, ranking.csv, runs.csv',
  builder: (y: Argv) =>
    y
      .positional('scenarios', {
        type: 'string',
        array: true,
        describe: 'Scenario files or globs (e.g. "scenarios/*.yaml"); a bare name is also looked up in the package\'s scenarios/ folder.',
      })
      .option('baseline', {
        alias: 'b',
        type: 'string',
        requiresArg: true,
        default: 'baseline.yaml',
        coerce: once('baseline'),
        describe: 'The scenario every other is paired against; run once if also listed.',
      })
      .options(
        Object.fromEntries(
          (Object.entries(NUMBER_OPTIONS) as [RunOptionName, string][]).map(([name, describe]) => [
            name,
            { type: 'number' as const, requiresArg: true, describe, coerce: numberOption(name) },
          ]),
        ),
      )
      .option('horizon', {
        type: 'number',
        requiresArg: true,
        coerce: numberOption('horizon'),
        describe: 'Calendar year at which the ranking compares the scenarios. Default: the last simulated year.',
      })
      .option('metric', {
        type: 'string',
        requiresArg: true,
        choices: [...RANKING_METRICS],
        default: DEFAULT_RANKING_METRIC,
        coerce: once('metric'),
        describe: "Metric of the ranking's effect (scenario − baseline in the horizon year).",
      })
      .option('lang', {
        type: 'string',
        requiresArg: true,
        choices: ['zh', 'en'],
        default: 'zh',
        coerce: once('lang'),
        describe: 'Language of the charts and report.',
      })
      .option('out', {
        alias: 'o',
        type: 'string',
        requiresArg: true,
        coerce: once('out'),
        describe: 'Output folder. Default: output/compare. Replaced as a whole when the comparison completes.',
      })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress bar and no table; print only the output folder.' })
      .example('$0 compare "scenarios/*.yaml" --runs 20', 'Every shipped scenario against baseline.yaml, 20 paired runs each')
      .example('$0 compare flexible enclave subsidy --horizon 2030 --lang en', 'Three policies ranked at 2030; charts in English'),
  run: async (args, context) => {
    const options: CompareOptions = {
      baseline: args.baseline as string,
      horizon: args.horizon as number | undefined,
      metric: args.metric as RankingMetric,
      lang: args.lang as 'zh' | 'en',
      out: args.out as string | undefined,
      cwd: context.cwd,
    };
    for (const name of Object.keys(NUMBER_OPTIONS) as RunOptionName[]) if (args[name] !== undefined) options[name] = args[name] as number;
    const quiet = args.quiet as boolean;
    const bar = progressBar('comparing', context, quiet);
    const interrupted = () => {
      bar?.stop();
      process.exit(130);
    };
    if (bar) process.once('SIGINT', interrupted);
    let outcome: ComparisonOutcome;
    try {
      outcome = await compareScenarios((args.scenarios as string[] | undefined) ?? [], {
        ...options,
        onProgress: bar && ((done, total, scenario) => bar.update(done, total, scenario)),
      });
    } finally {
      bar?.stop();
      process.off('SIGINT', interrupted);
    }
    if (quiet) context.stdout.write(outcome.dir + '\n');
    else context.stdout.write(compareText(outcome, context.cwd));
  },
};

/** What ran, where the files are, and the ranking as a table with its bands. */
export function compareText(outcome: ComparisonOutcome, cwd: string): string {
  const { settings, data, files } = outcome;
  const n = data.runs.length;
  const runs = settings.runs === 1 ? '1 run' : `${settings.runs} runs`;
  const head =
    `compare: ${n === 1 ? '1 scenario' : `${n} scenarios`} × ${runs} × ${settings.years} years at ${settings.scale} persons per agent, ` +
    `seed ${settings.seed}, ${formatSeconds(outcome.wallMs)}\n` +
    `outputs in ${shortPath(outcome.dir, cwd)}/: ${files.map((f) => f.name).join(', ')}\n`;
  return head + rankingText(data.ranking, data.baseline, settings.startYear, settings.runs);
}

/**
 * The ranking as a table: by effect (scenario − baseline, paired), with its band, the cost and the cost per
 * additional effective talent-year with theirs, and the rank by cost. Effects whose band includes 0 are marked.
 */
export function rankingText(ranking: readonly RankingRow[], baseline: string, startYear: number, runs: number): string {
  if (ranking.length === 0) return `nothing to rank: only the baseline (${baseline}) was given\n`;
  const { horizonYear, metric } = ranking[0];
  const share = metric === 'topShare' || metric === 'survivalInitial';
  const effect = (x: number) => (share ? formatPoints(x, 3) : formatSigned(x));
  const costSpan = horizonYear === startYear ? `${startYear}` : `${startYear}–${horizonYear}`;
  const unclear = ranking.some((r) => r.effectP5 <= 0 && r.effectP95 >= 0);

  const header = [
    'rank',
    'scenario',
    `effect${share ? '' : ' (persons)'}`,
    '5–95 % band',
    '',
    `cost ${costSpan} (CNY)`,
    'CNY per extra talent-year',
    '5–95 % band',
    'cost rank',
  ];
  const align: ('left' | 'right')[] = ['right', 'left', 'right', 'left', 'left', 'right', 'right', 'left', 'right'];
  const body = ranking.map((r) => {
    const perYear = Number.isFinite(r.costPerEffectiveTalentYear)
      ? formatWhole(r.costPerEffectiveTalentYear)
      : Number.isNaN(r.costPerEffectiveTalentYearP5)
        ? 'no extra cost'
        : 'adds none';
    const perYearBand = Number.isNaN(r.costPerEffectiveTalentYearP5)
      ? ''
      : `[${formatWhole(r.costPerEffectiveTalentYearP5)} to ${formatWhole(r.costPerEffectiveTalentYearP95)}]`;
    return [
      Number.isFinite(r.rankByEffect) ? String(r.rankByEffect) : '–',
      r.scenario,
      effect(r.effectMean),
      `[${effect(r.effectP5)} to ${effect(r.effectP95)}]`,
      r.effectP5 <= 0 && r.effectP95 >= 0 ? '~' : '',
      formatMillions(r.costCumulative) + ' M',
      perYear,
      perYearBand,
      Number.isFinite(r.rankByCost) ? String(r.rankByCost) : '–',
    ];
  });
  return (
    `Ranking in ${horizonYear} by ${metric}: scenario − ${baseline}, paired by run (mean over ${runs === 1 ? '1 run' : `${runs} runs`}; 5–95 % band in brackets);\n` +
    `cost per additional effective talent-year = extra cost ${costSpan} / extra effective talent-years ${costSpan}:\n` +
    table([header, ...body], align) +
    (unclear ? `~ the band includes 0: not clearly different from ${baseline} at these settings (more --runs narrow the bands)\n` : '') +
    'Ranks whose bands overlap are not clearly different.\n'
  );
}

/** Columns padded to their widest cell, counting CJK characters as two columns. */
function table(rows: string[][], align: ('left' | 'right')[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => displayWidth(row[c]))));
  return rows
    .map(
      (row) =>
        '  ' +
        row
          .map((cell, c) => {
            const pad = ' '.repeat(widths[c] - displayWidth(cell));
            return align[c] === 'right' ? pad + cell : cell + pad;
          })
          .filter((_, c) => widths[c] > 0)
          .join('  ')
          .trimEnd() +
        '\n',
    )
    .join('');
}

function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}
