// `sim sweep` and `sim sensitivity`: parameter grids and samples, one-at-a-time and Morris screening.
import type { Argv } from 'yargs';
import { loadScenario, type LoadedScenario } from '../scenario/load.js';
import { UsageError } from '../scenario/errors.js';
import { runOptionProblem, runSettings, type RunOptionName } from '../runner/run.js';
import { checkOutputTarget, shortPath, type WrittenOutputs } from '../output/write.js';
import { meanAndBand, SUMMARY_METRIC_NAMES } from '../core/rows.js';
import { chooseOutcome, planSensitivity, planSweep, pointValues, type Outcome } from '../experiments/plan.js';
import type { PointRunOptions, PointsOutcome } from '../experiments/runner.js';
import { runSweep, type SweepResult } from '../experiments/sweep.js';
import { runSensitivity, type SensitivityEffects, type SensitivityResult } from '../experiments/sensitivity.js';
import { writeSensitivity, writeSweep } from '../publish.js';
import { correlation } from '../experiments/charts.js';
import { formatFigure, formatSeconds, formatSignificant, metricUnit } from '../output/format.js';
import type { CliCommand } from './commands.js';
import { progressBar } from './progress.js';
import type { CliContext } from './main.js';

const RUN_OPTIONS: Record<RunOptionName, string> = {
  runs: "Replications per point. Default: the scenario's run.runs.",
  seed: 'Master seed, the same for every point (common random numbers); also seeds the sample or the Morris design. Default: run.seed.',
  years: "Simulated years. Default: the scenario's run.years.",
  scale: "Persons per agent (1: full scale). Default: the scenario's run.scale.",
  threads: 'Worker threads; 1 runs in the main thread. Outputs are identical for any count. Default: min(model runs, CPUs).',
};

/** A numeric option: a clear message for text, repeats and values out of bounds. */
function numberOption(name: string, check: (value: number) => string | undefined) {
  return (raw: unknown): number | undefined => {
    if (raw === undefined) return undefined;
    if (Array.isArray(raw)) throw new UsageError(`--${name} is given ${raw.length} times; give it once`);
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== 'number' || Number.isNaN(value)) throw new UsageError(`--${name} needs a number`);
    const problem = check(value);
    if (problem) throw new UsageError(`--${problem}`);
    return value;
  };
}

const whole = (name: string, min: number, max: number) => (value: number) =>
  Number.isInteger(value) && value >= min && value <= max ? undefined : `${name} must be a whole number from ${min} to ${max}, not ${value}`;

/** The options both commands take. */
function commonOptions(y: Argv, kind: 'sweep' | 'sensitivity'): Argv {
  y.option('scenario', {
    alias: 's',
    type: 'string',
    requiresArg: true,
    demandOption: true,
    describe: "Scenario file (YAML); a bare name is also looked up in the package's scenarios/ folder.",
  });
  for (const [name, describe] of Object.entries(RUN_OPTIONS) as [RunOptionName, string][])
    y.option(name, { type: 'number', requiresArg: true, describe, coerce: numberOption(name, (v) => runOptionProblem(name, v)) });
  y.option('outcome', {
    type: 'string',
    requiresArg: true,
    describe: `Summary metric ${kind === 'sweep' ? 'charted' : 'analysed'}: ${SUMMARY_METRIC_NAMES.join(', ')}. Default: netRetention.`,
  });
  y.option('year', {
    type: 'number',
    requiresArg: true,
    describe: 'Calendar year of the outcome. Default: the last simulated year (the horizon).',
    coerce: numberOption('year', whole('year', 1900, 2300)),
  });
  y.option('out', {
    alias: 'o',
    type: 'string',
    requiresArg: true,
    describe: `Output folder. Default: output/<scenario name>-${kind}. Replaced as a whole when complete.`,
  });
  y.option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress bar and no summary; print only the output folder.' });
  return y;
}

const runOptionsOf = (args: Record<string, unknown>): Partial<Record<RunOptionName, number>> =>
  Object.fromEntries((Object.keys(RUN_OPTIONS) as RunOptionName[]).filter((k) => args[k] !== undefined).map((k) => [k, args[k] as number]));

const varyOf = (args: Record<string, unknown>): string[] =>
  args.vary === undefined ? [] : Array.isArray(args.vary) ? args.vary.map(String) : [String(args.vary)];

export const sweepCommand: CliCommand = {
  command: 'sweep',
  describe: 'Run a scenario over a grid of parameter values, or a Latin hypercube sample of its declared ranges',
  builder: (y) =>
    commonOptions(y, 'sweep')
      .option('vary', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe:
          'PATH=v1,v2,… (or PATH=low:high:n): a parameter and its values; repeat for a grid. With --sample lhs: PATH alone, to sample only these. PATH is a field path such as utility.income.coefficient or locations.bazhong.wage.top.',
      })
      .option('sample', {
        choices: ['grid', 'lhs'],
        default: 'grid',
        describe: 'grid: every combination of the --vary values; lhs: a Latin hypercube sample of the declared ranges.',
      })
      .option('n', { type: 'number', requiresArg: true, describe: 'Points of an lhs sample. Default: 20.', coerce: numberOption('n', whole('n', 1, 100000)) })
      .example('$0 sweep -s baseline --vary locations.bazhong.wage.top=180000,220000,260000', "Three values of Bazhong's top-talent wage")
      .example('$0 sweep -s baseline --vary utility.income.coefficient=0.8:2:4 --vary utility.hometown.coefficient=0.5,2', 'A 4 × 2 grid')
      .example('$0 sweep -s baseline --sample lhs --n 30 --runs 3', '30 points sampled from every declared range'),
  run: async (args, context) => {
    const loaded = await loadScenario(String(args.scenario), { cwd: context.cwd });
    const options = runOptionsOf(args);
    const settings = runSettings(loaded.resolved, options);
    const chosen = chooseOutcome(settings, args.outcome as string | undefined, args.year as number | undefined);
    const plan = planSweep(loaded, { vary: varyOf(args), sample: args.sample as 'grid' | 'lhs', n: args.n as number | undefined, seed: settings.seed });
    const out = { out: args.out as string | undefined, cwd: context.cwd };
    checkOutputTarget(`${loaded.resolved.name}-sweep`, out);
    const onNote = (note: string) => context.stderr.write(`note: ${note}; it runs with that value\n`);
    const result = await withProgress(args, context, (onProgress) => runSweep(loaded, plan, { ...options, onProgress, onNote }));
    const written = await writeSweep(result, { ...out, metric: chosen.metric, year: chosen.year });
    if (args.quiet) context.stdout.write(written.dir + '\n');
    else context.stdout.write(sweepSummary(loaded, result, written, chosen, context.cwd));
  },
};

export const sensitivityCommand: CliCommand = {
  command: 'sensitivity',
  describe: 'Which assumptions drive the answer: one-at-a-time (tornado chart) and Morris screening over the declared ranges',
  builder: (y) =>
    commonOptions(y, 'sensitivity')
      .option('method', {
        choices: ['oat', 'morris'],
        default: 'oat',
        describe:
          'oat: each parameter at the low and high end of its range, the others at their values (2k + 1 points); morris: elementary effects, μ* and σ (r (k + 1) points).',
      })
      .option('vary', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'Analyse only these parameters (default: every declared range). PATH=low,high gives the range for a parameter.',
      })
      .option('trajectories', {
        alias: 'r',
        type: 'number',
        requiresArg: true,
        describe: 'Morris trajectories. Default: 4.',
        coerce: numberOption('trajectories', whole('trajectories', 1, 1000)),
      })
      .option('levels', {
        alias: 'p',
        type: 'number',
        requiresArg: true,
        describe: 'Morris grid levels, even. Default: 4.',
        coerce: numberOption('levels', whole('levels', 2, 100)),
      })
      .option('top', {
        type: 'number',
        requiresArg: true,
        describe: 'Bars in the tornado chart (default 20) or labels in the Morris chart (default 15); the CSV lists every parameter.',
        coerce: numberOption('top', whole('top', 1, 10000)),
      })
      .example('$0 sensitivity -s baseline --runs 3 --years 5', 'Tornado chart of net retention in 2028 over every declared range')
      .example('$0 sensitivity -s baseline --method morris -r 4 --runs 3 --years 5 --outcome recruited', 'Morris screening of the talent brought in')
      .example('$0 sensitivity -s baseline --vary utility.income.coefficient --vary taste.sd', 'Only two parameters'),
  run: async (args, context) => {
    const loaded = await loadScenario(String(args.scenario), { cwd: context.cwd });
    const options = runOptionsOf(args);
    const settings = runSettings(loaded.resolved, options);
    const chosen = chooseOutcome(settings, args.outcome as string | undefined, args.year as number | undefined);
    const plan = planSensitivity(loaded, {
      method: args.method as 'oat' | 'morris',
      vary: varyOf(args),
      trajectories: args.trajectories as number | undefined,
      levels: args.levels as number | undefined,
      seed: settings.seed,
    });
    const out = { out: args.out as string | undefined, cwd: context.cwd };
    checkOutputTarget(`${loaded.resolved.name}-sensitivity`, out);
    const onNote = (note: string) => context.stderr.write(`note: ${note}; it runs with that value\n`);
    const result = await withProgress(args, context, (onProgress) => runSensitivity(loaded, plan, { ...options, onProgress, onNote }));
    const written = await writeSensitivity(result, { ...out, metric: chosen.metric, year: chosen.year, top: args.top as number | undefined });
    if (args.quiet) context.stdout.write(written.dir + '\n');
    else context.stdout.write(sensitivitySummary(loaded, result, written, written.effects, context.cwd));
  },
};

/** Runs with a progress bar on a terminal (not when quiet, piped or under CI). */
async function withProgress<T>(args: Record<string, unknown>, context: CliContext, run: (onProgress: PointRunOptions['onProgress']) => Promise<T>): Promise<T> {
  const bar = progressBar('simulating', context, args.quiet as boolean);
  const interrupted = () => {
    bar?.stop();
    process.exit(130);
  };
  if (bar) process.once('SIGINT', interrupted);
  try {
    return await run(bar && ((done, total) => bar.update(done, total)));
  } finally {
    bar?.stop();
    process.off('SIGINT', interrupted);
  }
}

/** A figure of the summary in its metric's unit. */
function figureOf(metric: string, x: number): string {
  return formatFigure(metricUnit(metric), x);
}

function header(
  kind: string,
  loaded: Pick<LoadedScenario, 'resolved'>,
  outcome: PointsOutcome,
  points: number,
  distinct: number,
  written: WrittenOutputs,
  cwd: string,
): string {
  const s = outcome.settings;
  return (
    `${loaded.resolved.name} ${kind}: ${points} point${points === 1 ? '' : 's'}${distinct < points ? ` (${distinct} distinct)` : ''} × ${s.runs} run${s.runs === 1 ? '' : 's'} × ${s.years} year${s.years === 1 ? '' : 's'} at ${s.scale} persons per agent = ${outcome.modelRuns} model runs, ` +
    `${outcome.threads === 1 ? '1 thread' : `${outcome.threads} threads`}, ${formatSeconds(outcome.wallMs)}\n` +
    `outputs in ${shortPath(written.dir, cwd)}/: ${written.files.map((f) => f.name).join(', ')}\n`
  );
}

/** The header, then the outcome at each point (the first 20). */
export function sweepSummary(loaded: Pick<LoadedScenario, 'resolved'>, result: SweepResult, written: WrittenOutputs, chosen: Outcome, cwd: string): string {
  const { plan, outcome } = result;
  const runs = outcome.settings.runs;
  const shown = plan.points.slice(0, 20);
  const names = shown.map((values, p) =>
    plan.factors.length <= 3 ? plan.factors.map((f, k) => `${f.label}=${formatSignificant(values[k])}`).join(', ') : `point ${p}`,
  );
  const width = Math.max(...names.map((n) => n.length));
  const lines = shown.map((_, p) => {
    const { mean, p5, p95 } = meanAndBand(pointValues(outcome, p, chosen.metric, chosen.year));
    const f = (x: number) => figureOf(chosen.metric, x);
    return `  ${names[p].padEnd(width)}  ${f(mean).padStart(10)}   [${f(p5)} to ${f(p95)}]\n`;
  });
  const more = plan.points.length > shown.length ? `  … ${plan.points.length - shown.length} more points in sweep-summary.csv\n` : '';
  if (plan.design === 'lhs' && plan.factors.length > 3) {
    // A sample of many parameters: the spread of the outcome over the points, and the parameters that go with it.
    const means = plan.points.map((_, p) => meanAndBand(pointValues(outcome, p, chosen.metric, chosen.year)).mean);
    const spread = meanAndBand(means);
    const finite = means.flatMap((m, p) => (Number.isFinite(m) ? [p] : []));
    const strongest = plan.factors
      .map((factor, k) => ({
        factor,
        r: correlation(
          finite.map((p) => plan.points[p][k]),
          finite.map((p) => means[p]),
        ),
      }))
      .filter((x) => Number.isFinite(x.r))
      .sort((a, b) => Math.abs(b.r) - Math.abs(a.r))
      .slice(0, 5);
    const f = (x: number) => figureOf(chosen.metric, x);
    return (
      header('sweep (Latin hypercube)', loaded, outcome, plan.points.length, result.distinctPoints, written, cwd) +
      `${chosen.metric} in ${chosen.year} over the ${plan.points.length} sampled points (each the mean over ${runs} run${runs === 1 ? '' : 's'}): ` +
      `mean ${f(spread.mean)}, 5–95 % of points [${f(spread.p5)} to ${f(spread.p95)}]\n` +
      `the parameters most correlated with it (Pearson r over the points; with ${finite.length} points and ${plan.factors.length} parameters, |r| below about ${chanceCorrelation(finite.length, plan.factors.length).toFixed(2)} may be chance; see sim sensitivity):\n` +
      strongest
        .map((x) => `  ${x.factor.label.padEnd(Math.max(...strongest.map((y) => y.factor.label.length)))}  r = ${x.r >= 0 ? ' ' : ''}${x.r.toFixed(2)}\n`)
        .join('')
    );
  }
  return (
    header(plan.design === 'grid' ? 'sweep (grid)' : 'sweep (Latin hypercube)', loaded, outcome, plan.points.length, result.distinctPoints, written, cwd) +
    `${chosen.metric} in ${chosen.year} (mean over ${runs} run${runs === 1 ? '' : 's'}; 5–95 % band in brackets):\n` +
    lines.join('') +
    more
  );
}

/**
 * The |r| that the largest of k correlations between independent variables over n points stays below 19 times in
 * 20 (Bonferroni: the two-sided 0.05 / k normal quantile over √(n − 3), Fisher's z): a noise level for a sample.
 */
export function chanceCorrelation(n: number, k: number): number {
  if (n < 4) return 1;
  const tail = 0.05 / (2 * k);
  // Normal upper-tail quantile by bisection on the complementary error function (Abramowitz & Stegun 7.1.26).
  const upper = (z: number) => {
    const x = z / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
    return erfc / 2;
  };
  let [lo, hi] = [0, 10];
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (upper(mid) > tail) lo = mid;
    else hi = mid;
  }
  return Math.tanh(lo / Math.sqrt(n - 3));
}

/** The header, then the ten parameters with the largest swings or μ*. */
export function sensitivitySummary(
  loaded: Pick<LoadedScenario, 'resolved'>,
  result: SensitivityResult,
  written: WrittenOutputs,
  effects: SensitivityEffects,
  cwd: string,
): string {
  const { plan, outcome } = result;
  const { metric, year } = effects.outcome;
  const f = (x: number) => figureOf(metric, x);
  const label = (k: number) => `${plan.factors[k].label} [${formatSignificant(plan.factors[k].range[0])}, ${formatSignificant(plan.factors[k].range[1])}]`;
  const top = [...effects.effects].sort((a, b) => a.rank - b.rank).slice(0, 10);
  const width = Math.max(...top.map((e) => label(e.factor).length));
  const kind =
    effects.method === 'oat'
      ? `sensitivity (one at a time, ${plan.factors.length} parameters)`
      : `sensitivity (Morris, ${plan.factors.length} parameters, ${plan.morris!.trajectories} trajectories, ${plan.morris!.levels} levels)`;
  let text = header(kind, loaded, outcome, plan.points.length, result.distinctPoints, written, cwd);
  if (effects.method === 'oat') {
    text += `${metric} in ${year}: ${f(effects.base)} at the scenario's values; the largest swings (parameter at the low end → at the high end of its range):\n`;
    for (const e of top as typeof effects.effects)
      text += `  ${String(e.rank).padStart(3)}. ${label(e.factor).padEnd(width)}  ${f(e.outcomeLow).padStart(10)} → ${f(e.outcomeHigh).padStart(10)}   swing ${f(e.swing)}\n`;
  } else {
    text += `${metric} in ${year}: the most influential parameters (μ*: mean |elementary effect| over the full range; σ: their spread):\n`;
    for (const e of top as typeof effects.effects)
      text += `  ${String(e.rank).padStart(3)}. ${label(e.factor).padEnd(width)}  μ* ${f(e.muStar).padStart(10)}   σ ${f(e.sigma).padStart(10)}\n`;
  }
  return text;
}
