// `sim --scenario FILE`: runs a scenario's replications, writes the result folder and prints the headline figures.
import { join } from 'node:path';
import { counted } from '../core/messages.js';
import { summaryRows, type SummaryRow } from '../core/rows.js';
import { checkOutputTarget, type WrittenOutputs } from '../output/folder.js';
import { HEADLINE_DIFFERENCES } from '../compare/counterfactual.js';
import { outcomeDifferences, policyYears, signedFigure } from '../charts/run-extras.js';
import { formatChance, formatFigure, formatSeconds, formatWhole, metricLabel, metricUnit } from '../output/format.js';
import { scenarioTitle } from '../output/labels.js';
import { OUTPUT_FILES } from '../output/write.js';
import { writeOutputsWithCharts } from '../publish.js';
import { runScenario, type RunOutcome } from '../runner/run.js';
import { fewRunsWarning } from '../runner/uncertainty.js';
import { loadScenario, type LoadedScenario } from '../scenario/load.js';
import type { CommandAction } from './session.js';
import { fontOf, printWarnings, runOptionsOf } from './options.js';
import { outputsIn, pathFrom, runsAndYears, tableRows, wrap } from './layout.js';

export const run: CommandAction = async (args, { context, progress }) => {
  const options = await runOptionsOf(args);
  const font = await fontOf(args, context.env, context.cwd);
  const loaded = await loadScenario(String(args.scenario), { cwd: context.cwd });
  const out = { out: args.out as string | undefined, cwd: context.cwd };
  checkOutputTarget(loaded.resolved.name, out);
  const { run: settings } = loaded.resolved;
  // With policies, each replication runs twice, with them and without them: the bar counts both.
  const paired = args.counterfactual !== false && loaded.resolved.policies.length > 0;
  const runs = options.runs ?? settings.runs;
  const bar = progress('simulating', runsAndYears(paired ? 2 * runs : runs, settings.startYear, settings.burnInYears, settings.ticksPerYear));
  const label = paired ? `${runs} with its policies, ${runs} without` : undefined;
  const outcome = await runScenario(loaded, {
    ...options,
    uncertainty: args.uncertainty as 'posterior' | 'none' | undefined,
    counterfactual: paired,
    onProgress: bar && ((done, total) => bar.update(done, total, label)),
  });
  bar?.stop();
  const warning = fewRunsWarning(outcome.settings.runs);
  if (warning) printWarnings([{ message: warning }], context.stderr);
  const written = await writeOutputsWithCharts(loaded, outcome, { ...out, lang: args.lang as 'zh' | 'en', font });
  printWarnings(written.warnings, context.stderr);
  context.stdout.write(args.quiet ? written.dir + '\n' : summaryText(loaded, outcome, written, context.cwd));
};

/**
 * With a counterfactual, first what the policies did: the paired difference (with them − without them, run by run)
 * of the home city's headline figures at the horizon, what they cost and the cost per extra effective talent-year,
 * from the year the first policy starts. Then, with policies, the home city's effective talent and residents at the
 * end of the last year; without a counterfactual, first the home city's first-year headline figures. Then the run,
 * where the outputs went and the report.
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
  const runs = counted(settings.runs, 'run');
  const differences = outcomeDifferences(loaded, outcome);

  // Every figure row of the summary, in one table so that they all line up within 100 columns.
  const rows: { label: string; rest: string }[] = [];
  const row = (label: string, value: string, band?: string) => rows.push({ label: `  ${label}`, rest: `${value.padStart(18)}${band ? `   [${band}]` : ''}` });
  const level = (year: number, metric: SummaryRow['metric'], label: string) => {
    const r = figure(year, metric);
    if (!r) return;
    const unit = metricUnit(metric);
    const shown = (x: number) => formatFigure(unit, x) + (unit === 'cny' ? ' M' : '');
    row(
      label,
      shown(r.mean) + (unit === 'persons' ? ' persons' : unit === 'cny' ? ' CNY' : ''),
      r.p5 === r.p95 ? undefined : `${shown(r.p5)} to ${shown(r.p95)}`,
    );
  };
  const blocks: { heading: string; from: number; to: number }[] = [];
  const block = (heading: string) => blocks.push({ heading, from: rows.length, to: rows.length });
  const close = () => (blocks[blocks.length - 1].to = rows.length);

  if (differences) {
    const years = policyYears(resolved, settings);
    const at = (metric: SummaryRow['metric']) => differences.find((r) => r.year === years.to && r.metric === metric)!;
    const span = years.from === years.to ? `${years.to}` : `${years.from}–${years.to}`;
    block(
      (years.acts
        ? `${scenarioTitle(resolved, 'en')}: what its policies did in ${homeName}, ${span}`
        : `${scenarioTitle(resolved, 'en')}: its policies start in ${years.first}, after ${years.to}, so they did nothing in the years run`) +
        ` (with them − the same scenario without them, run by run: mean of ${counted(settings.runs, 'paired run')}; 5–95 % band in brackets):`,
    );
    for (const metric of HEADLINE_DIFFERENCES) {
      const r = at(metric);
      const unit = metricUnit(metric) === 'persons' ? ' persons' : '';
      row(
        `${metricLabel(metric, 'en')} in ${years.to}`,
        signedFigure(metric, r.diffMean) + unit,
        r.diffP5 === r.diffP95 ? undefined : `${signedFigure(metric, r.diffP5)} to ${signedFigure(metric, r.diffP95)}`,
      );
    }
    const cost = at('costCumulative');
    const effective = at('effectiveTalent');
    const costLabel = `${metricLabel('costCumulative', 'en')} ${span}`;
    level(years.to, 'costCumulative', costLabel);
    if (cost.mean > 0) {
      const price = effective.costPerEffectiveTalentYear;
      const band = Number.isNaN(effective.costPerEffectiveTalentYearP5)
        ? undefined
        : `${formatWhole(effective.costPerEffectiveTalentYearP5)} to ${formatWhole(effective.costPerEffectiveTalentYearP95)}`;
      row(
        'Cost per extra effective talent-year',
        Number.isFinite(price) ? `${formatWhole(price)} CNY` : '— (none added)',
        Number.isFinite(price) ? band : undefined,
      );
    }
    row('Paired runs with more effective talent', formatChance(effective.probAbove));
    close();
  } else {
    block(`${homeName} in ${firstYear} (mean over ${runs}; 5–95 % band in brackets):`);
    for (const metric of ['netRetention', 'recruited', 'topShare'] as const) level(firstYear, metric, metricLabel(metric, 'en'));
    close();
  }
  if (policies.length) {
    const named = policies.length <= 4 ? ` (${policies.join(', ')})` : '';
    block(`${homeName} at the end of ${lastYear} with ${counted(policies.length, 'policy', 'policies')}${named}:`);
    for (const metric of ['effectiveTalent', 'residents'] as const) level(lastYear, metric, metricLabel(metric, 'en'));
    // The work done for Bazhong from elsewhere, where there is any: what flexible, enclave and remote schemes add.
    for (const metric of ['flexibleFte', 'enclaveFte', 'remoteFte'] as const)
      if ((figure(lastYear, metric)?.mean ?? 0) > 0) level(lastYear, metric, `  ${metricLabel(metric, 'en')}`);
    if (!differences) {
      const costLabel = `${metricLabel('costCumulative', 'en')} ${lastYear === firstYear ? firstYear : `${firstYear}–${lastYear}`}`;
      level(lastYear, 'costCumulative', costLabel);
    }
    close();
  }
  const laidOut = tableRows(rows);
  const figures = blocks.map((b) => wrap(b.heading) + laidOut.slice(b.from, b.to).join('')).join('');
  const hasReport = written.files.some((f) => f.name === 'report.html');
  const pairedWith = outcome.counterfactual ? ', each paired with a run without its policies,' : '';
  return (
    figures +
    wrap(
      `${resolved.name}: ${runs} × ${counted(settings.years, 'year')}${pairedWith} at ${settings.scale} persons per agent, ` +
        `${counted(outcome.threads, 'thread')}, ${formatSeconds(outcome.wallMs)}`,
    ) +
    // The tables and run.json; the charts and report.html written beside them are not listed one by one.
    outputsIn(
      written.dir,
      cwd,
      written.files.map((f) => f.name).filter((name) => (RUN_TABLES as readonly string[]).includes(name)),
    ) +
    (hasReport ? wrap(`charts and report: ${pathFrom(join(written.dir, 'report.html'), cwd)}`) : '')
  );
}

/** The files a run's summary lists: its tables, difference.csv and run.json. */
const RUN_TABLES = [...OUTPUT_FILES.slice(0, -1), 'difference.csv', 'run.json'];
