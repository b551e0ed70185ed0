// `sim sweep` and `sim sensitivity`: parameter grids and samples, one-at-a-time and Morris screening, Sobol' indices.
import { counted } from '../core/messages.js';
import { meanAndBand } from '../core/stats.js';
import { chanceCorrelation, correlation } from '../experiments/correlation.js';
import { chooseOutcome, planSensitivity, planSweep, pointValues, type Outcome, type SensitivityMethod, type SobolRanges } from '../experiments/plan.js';
import type { PointsOutcome } from '../experiments/runner.js';
import { runSensitivity, type SensitivityEffects, type SensitivityResult } from '../experiments/sensitivity.js';
import { runSweep, type SweepResult } from '../experiments/sweep.js';
import { checkOutputTarget, type WrittenOutputs } from '../output/folder.js';
import { formatFigure, formatFixed, formatSeconds, formatSignificant, formatSobolIndex, metricUnit, type Lang } from '../output/format.js';
import { fieldLabel, scenarioTitle } from '../output/labels.js';
import { writeSensitivity, writeSweep } from '../publish.js';
import { runSettings } from '../runner/run.js';
import { fewRunsWarning } from '../runner/uncertainty.js';
import { loadScenario, type LoadedScenario } from '../scenario/load.js';
import type { CommandAction } from './session.js';
import type { CliContext } from './context.js';
import { fontOf, printWarnings, runOptionsOf, takeRenamed } from './options.js';
import { modelRunsDone, outputsIn, table, tableRows, wrap } from './layout.js';

/** What both commands do before running: the options checked, the scenario loaded, the outcome and output folder checked. */
async function prepare(given: Record<string, unknown>, context: CliContext, kind: 'sweep' | 'sensitivity') {
  // --outcome and --year are the old names of --metric and --horizon: still read, with a note.
  const args = takeRenamed(given, context.stderr);
  const options = await runOptionsOf(args);
  const font = await fontOf(args, context.env, context.cwd);
  const loaded = await loadScenario(String(args.scenario), { cwd: context.cwd });
  const settings = runSettings(loaded.resolved, options);
  const chosen = chooseOutcome(settings, args.metric as string | undefined, args.horizon as number | undefined);
  const vary = args.vary === undefined ? [] : Array.isArray(args.vary) ? args.vary.map(String) : [String(args.vary)];
  const out = { out: args.out as string | undefined, cwd: context.cwd };
  const lang = (args.lang as Lang | undefined) ?? 'zh';
  return { args, options, font, loaded, settings, chosen, vary, out, lang, check: () => checkOutputTarget(`${loaded.resolved.name}-${kind}`, out) };
}

/** Notes on the points (values outside their declared ranges) as the library reports them, before anything runs. */
const noteTo = (context: CliContext) => (note: string) => context.stderr.write(`note: ${note}; it runs with that value\n`);

export const sweep: CommandAction = async (given, { context, progress }) => {
  const { args, options, font, loaded, settings, chosen, vary, out, lang, check } = await prepare(given, context, 'sweep');
  const plan = planSweep(loaded, {
    vary,
    sample: args.sample as 'grid' | 'lhs',
    n: args.n as number | undefined,
    seed: settings.seed,
    runs: settings.runs,
    maxModelRuns: args['max-model-runs'] as number | undefined,
  });
  const bar = progress('simulating', modelRunsDone((loaded.resolved.run.burnInYears + settings.years) * settings.ticksPerYear));
  const result = await runSweep(loaded, plan, {
    ...options,
    uncertainty: args.uncertainty as 'posterior' | 'none' | undefined,
    onProgress: bar?.update,
    onNote: noteTo(context),
    beforeRun: check,
  });
  bar?.stop();
  const warning = fewRunsWarning(settings.runs);
  if (warning) printWarnings([{ message: warning }], context.stderr);
  const written = await writeSweep(result, { ...out, metric: chosen.metric, horizon: chosen.year, lang, font });
  printWarnings(written.warnings, context.stderr);
  context.stdout.write(args.quiet ? written.dir + '\n' : sweepSummary(loaded, result, written, chosen, context.cwd, lang));
};

export const sensitivity: CommandAction = async (given, { context, progress }) => {
  const { args, options, font, loaded, settings, chosen, vary, out, lang, check } = await prepare(given, context, 'sensitivity');
  const plan = planSensitivity(loaded, {
    method: args.method as SensitivityMethod,
    vary,
    n: args.n as number | undefined,
    ranges: args.ranges as SobolRanges | undefined,
    trajectories: args.trajectories as number | undefined,
    levels: args.levels as number | undefined,
    seed: settings.seed,
    runs: settings.runs,
    maxModelRuns: args['max-model-runs'] as number | undefined,
  });
  const bar = progress('simulating', modelRunsDone((loaded.resolved.run.burnInYears + settings.years) * settings.ticksPerYear));
  const result = await runSensitivity(loaded, plan, { ...options, onProgress: bar?.update, onNote: noteTo(context), beforeRun: check });
  bar?.stop();
  const written = await writeSensitivity(result, { ...out, metric: chosen.metric, horizon: chosen.year, top: args.top as number | undefined, lang, font });
  printWarnings(written.warnings, context.stderr);
  context.stdout.write(args.quiet ? written.dir + '\n' : sensitivitySummary(loaded, result, written, written.effects, context.cwd, lang));
};

/** A figure of the summary in its metric's unit. */
function figureOf(metric: string, x: number): string {
  return formatFigure(metricUnit(metric), x);
}

function header(
  kind: string,
  loaded: Pick<LoadedScenario, 'resolved' | 'scenario'>,
  outcome: PointsOutcome,
  points: number,
  distinct: number,
  written: WrittenOutputs,
  cwd: string,
  lang: Lang,
): string {
  const s = outcome.settings;
  return (
    wrap(
      `${scenarioTitle(loaded.resolved, lang)} ${kind}: ${counted(points, 'point')}${distinct < points ? ` (${distinct} distinct)` : ''} × ${counted(s.runs, 'run')} × ${counted(s.years, 'year')} at ${s.scale} persons per agent = ${counted(outcome.modelRuns, 'model run')}, ` +
        `${counted(outcome.threads, 'thread')}, ${formatSeconds(outcome.wallMs)}`,
    ) +
    outputsIn(
      written.dir,
      cwd,
      written.files.map((f) => f.name),
    )
  );
}

/**
 * The header, then the outcome at each point (the first 20); parameters, the scenario and the outcome named in words
 * in `lang` (the rest of the summary is in English).
 */
export function sweepSummary(
  loaded: Pick<LoadedScenario, 'resolved' | 'scenario'>,
  result: SweepResult,
  written: WrittenOutputs,
  chosen: Outcome,
  cwd: string,
  lang: Lang = 'zh',
): string {
  const { plan, outcome } = result;
  const runs = outcome.settings.runs;
  const shown = plan.points.slice(0, 20);
  const factorNames = plan.factors.map((f) => fieldLabel(f.label, lang, loaded.scenario));
  const what = `${chosen.metric} in ${chosen.year}`;
  const names = shown.map((values, p) =>
    plan.factors.length <= 3 ? factorNames.map((name, k) => `${name}=${formatSignificant(values[k])}`).join(', ') : `point ${p}`,
  );
  const lines = tableRows(
    shown.map((_, p) => {
      const { mean, p5, p95 } = meanAndBand(pointValues(outcome, p, chosen.metric, chosen.year));
      const f = (x: number) => figureOf(chosen.metric, x);
      return { label: `  ${names[p]}`, rest: `${f(mean).padStart(10)}   [${f(p5)} to ${f(p95)}]` };
    }),
  );
  const more = plan.points.length > shown.length ? `  … ${counted(plan.points.length - shown.length, 'more point')} in sweep-summary.csv\n` : '';
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
      header('sweep (Latin hypercube)', loaded, outcome, plan.points.length, result.distinctPoints, written, cwd, lang) +
      wrap(
        `${what} over the ${counted(plan.points.length, 'sampled point')} (each the mean over ${counted(runs, 'run')}): ` +
          `mean ${f(spread.mean)}, 5–95 % of points [${f(spread.p5)} to ${f(spread.p95)}]`,
      ) +
      wrap(
        `the parameters most correlated with it (Pearson r over the points; with ${counted(finite.length, 'point')} and ${counted(plan.factors.length, 'parameter')}, |r| below about ${formatFixed(chanceCorrelation(finite.length, plan.factors.length), 2)} may be chance; see sim sensitivity):`,
      ) +
      table(strongest.map((x) => ({ label: `  ${fieldLabel(x.factor.label, lang, loaded.scenario)}`, rest: `r = ${formatFixed(x.r, 2).padStart(5)}` })))
    );
  }
  return (
    header(
      plan.design === 'grid' ? 'sweep (grid)' : 'sweep (Latin hypercube)',
      loaded,
      outcome,
      plan.points.length,
      result.distinctPoints,
      written,
      cwd,
      lang,
    ) +
    wrap(`${what} (mean over ${counted(runs, 'run')}; 5–95 % band in brackets):`) +
    lines.join('') +
    more
  );
}

/** The header, then the ten parameters with the largest swings, μ* or total Sobol' indices. */
export function sensitivitySummary(
  loaded: Pick<LoadedScenario, 'resolved' | 'scenario'>,
  result: SensitivityResult,
  written: WrittenOutputs,
  effects: SensitivityEffects,
  cwd: string,
  lang: Lang = 'zh',
): string {
  const { plan, outcome } = result;
  const { metric } = effects.outcome;
  const what = `${effects.outcome.metric} in ${effects.outcome.year}`;
  const f = (x: number) => figureOf(metric, x);
  const label = (k: number) =>
    `${fieldLabel(plan.factors[k].label, lang, loaded.scenario)} [${formatSignificant(plan.factors[k].range[0])}, ${formatSignificant(plan.factors[k].range[1])}]`;
  const top = [...effects.effects].sort((a, b) => a.rank - b.rank).slice(0, 10);
  const kind =
    effects.method === 'oat'
      ? `sensitivity (one at a time, ${counted(plan.factors.length, 'parameter')})`
      : effects.method === 'sobol'
        ? `sensitivity (Sobol', ${counted(plan.factors.length, 'parameter')}${plan.sobol!.ranges === 'posterior' ? ' of the posterior' : ''}, ${counted(plan.sobol!.design.samples, 'base sample')})`
        : `sensitivity (Morris, ${counted(plan.factors.length, 'parameter')}, ${counted(plan.morris!.trajectories, 'trajectory', 'trajectories')}, ${counted(plan.morris!.levels, 'level')})`;
  let text = header(kind, loaded, outcome, plan.points.length, result.distinctPoints, written, cwd, lang);
  if (effects.method === 'oat') {
    text += wrap(`${what}: ${f(effects.base)} at the scenario's values; the largest swings (parameter at the low end → at the high end of its range):`);
    text += table(
      (top as typeof effects.effects).map((e) => ({
        label: `  ${String(e.rank).padStart(3)}. ${label(e.factor)}`,
        rest: `${f(e.outcomeLow).padStart(10)} → ${f(e.outcomeHigh).padStart(10)}   swing ${f(e.swing)}`,
      })),
    );
  } else if (effects.method === 'sobol') {
    const { samples, dropped, confidence } = effects.sobol;
    const share = (x: number, conf: number) => formatSobolIndex(x, conf, 5);
    text += wrap(
      `${what}: the parameters with the largest total Sobol' index (ST: share of the variance with interactions; S1: alone; ± half a ${Math.round(confidence * 100)} % bootstrap interval${dropped ? `; ${counted(dropped, 'base sample')} with an undefined outcome left out, ${samples} used` : ''}):`,
    );
    text += table(
      (top as typeof effects.effects).map((e) => ({
        label: `  ${String(e.rank).padStart(3)}. ${label(e.factor)}`,
        rest: `ST ${share(e.ST, e.ST_conf)}   S1 ${share(e.S1, e.S1_conf)}`,
      })),
    );
  } else {
    text += wrap(`${what}: the most influential parameters (μ*: mean |elementary effect| over the full range; σ: their spread):`);
    text += table(
      (top as typeof effects.effects).map((e) => ({
        label: `  ${String(e.rank).padStart(3)}. ${label(e.factor)}`,
        rest: `μ* ${f(e.muStar).padStart(10)}   σ ${f(e.sigma).padStart(10)}`,
      })),
    );
  }
  return text;
}
