// `sim --scenario FILE`: runs a scenario's replications, writes the result folder and prints the headline figures.
import { join } from 'node:path';
import { counted } from '../core/messages.js';
import { summaryRows, type SummaryRow } from '../core/rows.js';
import { checkOutputTarget, type WrittenOutputs } from '../output/folder.js';
import { formatFigure, formatSeconds, metricLabel, metricUnit } from '../output/format.js';
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
  const bar = progress('simulating', runsAndYears(options.runs ?? settings.runs, settings.startYear, settings.burnInYears, settings.ticksPerYear));
  const outcome = await runScenario(loaded, { ...options, uncertainty: args.uncertainty as 'posterior' | 'none' | undefined, onProgress: bar?.update });
  bar?.stop();
  const warning = fewRunsWarning(outcome.settings.runs);
  if (warning) printWarnings([{ message: warning }], context.stderr);
  const written = await writeOutputsWithCharts(loaded, outcome, { ...out, lang: args.lang as 'zh' | 'en', font });
  printWarnings(written.warnings, context.stderr);
  context.stdout.write(args.quiet ? written.dir + '\n' : summaryText(loaded, outcome, written, context.cwd));
};

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
  // Labels line up, the first year's and the policy lines' alike, within 100 columns.
  const row = ({ year, metric, label }: (typeof lines)[number]) => {
    const row = figure(year, metric);
    if (!row) return [];
    const unit = metricUnit(metric);
    const shown = (x: number) => formatFigure(unit, x) + (unit === 'cny' ? ' M' : '');
    const mean = shown(row.mean) + (unit === 'persons' ? ' persons' : unit === 'cny' ? ' CNY' : '');
    return [{ label: `  ${label}`, rest: `${mean.padStart(16)}   [${shown(row.p5)} to ${shown(row.p95)}]` }];
  };
  // One table, so that both groups line up, cut into the first year's rows and the policy rows.
  const rows = lines.map(row);
  const laidOut = tableRows(rows.flat());
  const firstRows = laidOut.slice(0, rows.slice(0, 3).flat().length).join('');
  const policyRows = laidOut.slice(rows.slice(0, 3).flat().length).join('');
  const runs = counted(settings.runs, 'run');
  const named = policies.length <= 4 ? ` (${policies.join(', ')})` : '';
  const policyLines = policies.length
    ? wrap(`${homeName} at the end of ${lastYear} with ${counted(policies.length, 'policy', 'policies')}${named}:`) + policyRows
    : '';
  const hasReport = written.files.some((f) => f.name === 'report.html');
  return (
    wrap(
      `${resolved.name}: ${runs} × ${counted(settings.years, 'year')} at ${settings.scale} persons per agent, ` +
        `${counted(outcome.threads, 'thread')}, ${formatSeconds(outcome.wallMs)}`,
    ) +
    // The tables and run.json; the charts and report.html written beside them are not listed one by one.
    outputsIn(
      written.dir,
      cwd,
      written.files.map((f) => f.name).filter((name) => (OUTPUT_FILES as readonly string[]).includes(name)),
    ) +
    wrap(`${homeName} in ${firstYear} (mean over ${runs}; 5–95 % band in brackets):`) +
    firstRows +
    policyLines +
    (hasReport ? wrap(`charts and report: ${pathFrom(join(written.dir, 'report.html'), cwd)}`) : '')
  );
}
