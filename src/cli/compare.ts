// `sim compare`: runs several scenarios with the same seeds, paired against a baseline, writes output/compare/ and
// prints the ranking.
import { probabilityBasis, type RankingMetric } from '../compare/compare.js';
import { withDisplayTitles } from '../compare/display.js';
import { counted } from '../core/messages.js';
import type { ComparisonOutcome } from '../compare/run.js';
import type { RankingRow } from '../compare/types.js';
import { formatSeconds } from '../output/format.js';
import { COLUMNS, displayWidth, outputsIn, padEnd, wrap } from './layout.js';
import { compareScenarios } from '../publish.js';
import type { CommandAction } from './session.js';
import { fontOf, printWarnings, runOptionsOf } from './options.js';
import { fewRunsWarning } from '../runner/uncertainty.js';
import { answerOf, type ComparisonAnswer } from '../compare/answer.js';

export const compare: CommandAction = async (args, { context, progress }) => {
  const options = await runOptionsOf(args);
  const font = await fontOf(args, context.env, context.cwd);
  const bar = progress('comparing', (done, total) => `${Math.floor(done)}/${total} model runs`);
  const outcome = await compareScenarios((args.scenarios as string[] | undefined) ?? [], {
    ...options,
    baseline: args.baseline as string,
    horizon: args.horizon as number | undefined,
    metric: args.metric as RankingMetric,
    uncertainty: args.uncertainty as 'posterior' | 'none' | undefined,
    maxModelRuns: args['max-model-runs'] as number | undefined,
    lang: args.lang as 'zh' | 'en',
    out: args.out as string | undefined,
    cwd: context.cwd,
    onProgress: bar?.update,
    font,
  });
  bar?.stop();
  printWarnings(outcome.warnings, context.stderr);
  const warning = fewRunsWarning(outcome.settings.runs);
  if (warning) printWarnings([{ message: warning }], context.stderr);
  context.stdout.write(args.quiet ? outcome.dir + '\n' : compareText(outcome, context.cwd));
};

/**
 * The answer first (its sentences, in the language of --lang), then every scenario ranked by effect in the answer's
 * columns, each under its title; then what ran and where the files are. Every line fits 100 columns.
 */
export function compareText(outcome: ComparisonOutcome, cwd: string): string {
  const { settings, files } = outcome;
  const data = withDisplayTitles(outcome.data);
  const zh = data.lang === 'zh';
  const n = data.scenarios.length;
  const head =
    wrap(
      `compare: ${counted(n, 'scenario')} × ${counted(settings.runs, 'run')} × ${counted(settings.years, 'year')} at ${settings.scale} persons per agent, ` +
        `seed ${settings.seed}, ${formatSeconds(outcome.wallMs)}`,
    ) + outputsIn(outcome.dir, cwd, fileList(files.map((f) => f.name)));
  if (data.ranking.length === 0)
    return (zh ? `只有基线（${data.baseline}），没有可比较的情景。\n` : `Only the baseline (${data.baseline}) was given: there is nothing to rank.\n`) + head;
  const answer = answerOf(data);
  const unclear = data.ranking.some((r) => r.effectP5 <= 0 && r.effectP95 >= 0);
  const notes = [
    unclear
      ? zh
        ? '~ 5–95%区间包含0：在此设定下与基线没有明显差别（更多 --runs 可缩小区间）。'
        : '~ the 5–95 % band includes 0: not clearly different from the baseline at these settings (more --runs narrow the bands).'
      : '',
    zh
      ? `差值按重复配对（情景第k次减基线第k次）；元/人才年 = 累计新增成本 ÷ 累计新增有效人才年；完整数据见 ranking.csv 与 report.html。`
      : 'Differences are paired by run (run k of the scenario minus run k of the baseline); CNY/talent-yr = extra cost ÷ extra effective talent-years; the full figures are in ranking.csv and report.html.',
    probabilityBasis(outcome.data.uncertainty, data.lang),
  ].filter(Boolean);
  return (
    answer.sentences.map((s) => wrap(s, '')).join('') + '\n' + rankingTable(answer, data.ranking) + notes.map((note) => wrap(note, '  ')).join('') + '\n' + head
  );
}

/**
 * Every scenario ranked, in the answer's columns: "rank. title" then the figures lined up on the same line; when a
 * title does not fit beside them, each title has a line of its own with its figures on the next.
 */
function rankingTable(answer: ComparisonAnswer, ranking: readonly RankingRow[]): string {
  const [, ...figureHead] = answer.shortHead;
  const labels = answer.allRows.map((row, k) => `  ${Number.isFinite(ranking[k].rankByEffect) ? `${ranking[k].rankByEffect}.` : '–'} ${row[0]}`);
  const unclear = (k: number) => (ranking[k].effectP5 <= 0 && ranking[k].effectP95 >= 0 ? '~' : '');
  const [header, ...figures] = aligned(
    [[...figureHead.slice(0, 2), '', ...figureHead.slice(2)], ...answer.allRows.map((row, k) => [...row.slice(1, 3), unclear(k), ...row.slice(3)])],
    ['right', 'left', 'left', 'right', 'left', 'right', 'right', 'right'],
  );
  const labelWidth = Math.max(...labels.map(displayWidth));
  if (labelWidth + 2 + displayWidth(header) <= COLUMNS)
    return [padEnd('', labelWidth) + '  ' + header, ...labels.map((label, k) => padEnd(label, labelWidth) + '  ' + figures[k])]
      .map((l) => l.trimEnd() + '\n')
      .join('');
  const indent = '      ';
  return [indent + header, ...labels.flatMap((label, k) => [label, indent + figures[k]])].map((l) => l.trimEnd() + '\n').join('');
}

/** Cells lined up in columns (display widths: a Chinese character takes two), one string a row. */
function aligned(rows: readonly string[][], align: readonly ('left' | 'right')[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => displayWidth(row[c] ?? ''))));
  return rows.map((row) =>
    row
      .map((cell, c) => (align[c] === 'right' ? ' '.repeat(widths[c] - displayWidth(cell)) + cell : padEnd(cell, widths[c])))
      .filter((_, c) => widths[c] > 0)
      .join('  ')
      .trimEnd(),
  );
}

/** The files of a result folder in short: the tables by name, the charts by name once with their formats. */
export function fileList(names: readonly string[]): string[] {
  const chartFormats = ['.vl.json', '.svg', '.png'];
  const formatOf = (name: string) => chartFormats.find((f) => name.endsWith(f));
  const charts = [...new Set(names.filter(formatOf).map((name) => name.slice(0, -formatOf(name)!.length)))];
  const formats = chartFormats.filter((f) => names.some((name) => name.endsWith(f))).map((f) => f.slice(1));
  const others = names.filter((name) => !formatOf(name));
  return charts.length
    ? [...others.filter((n) => n.endsWith('.csv')), `charts ${charts.join(', ')} (${formats.join(', ')})`, ...others.filter((n) => !n.endsWith('.csv'))]
    : others;
}
