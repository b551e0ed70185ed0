// `sim compare`: runs several scenarios with the same seeds, paired against a baseline, writes output/compare/ and
// prints the ranking.
import { percent, probabilityBasis, robustnessText, type RankingMetric } from '../compare/compare.js';
import { counted } from '../core/messages.js';
import type { ComparisonOutcome } from '../compare/run.js';
import type { ComparisonUncertainty, RankingRow, RankSwap } from '../compare/types.js';
import { shortPath } from '../output/folder.js';
import { formatMillions, formatPoints, formatSeconds, formatSigned, formatWhole } from '../output/format.js';
import { compareScenarios } from '../publish.js';
import type { CommandAction } from './session.js';
import { fontOf, printWarnings, runOptionsOf } from './options.js';
import { fewRunsWarning } from '../runner/uncertainty.js';
import { answerOf, type ComparisonAnswer } from '../compare/answer.js';

export const compare: CommandAction = async (args, { context, progress }) => {
  const options = await runOptionsOf(args);
  const font = await fontOf(args, context.env, context.cwd);
  const bar = progress('comparing');
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
  if (warning) context.stderr.write(`warning: ${warning}\n`);
  context.stdout.write(args.quiet ? outcome.dir + '\n' : compareText(outcome, context.cwd));
};

/** The answer first (sentences and a small table), then what ran, where the files are, and the ranking with its bands. */
export function compareText(outcome: ComparisonOutcome, cwd: string): string {
  const { settings, data, files } = outcome;
  const answer = data.ranking.length ? answerText(answerOf(data)) + '\n' : '';
  const n = data.runs.length;
  const runs = counted(settings.runs, 'run');
  const head =
    `compare: ${counted(n, 'scenario')} × ${runs} × ${counted(settings.years, 'year')} at ${settings.scale} persons per agent, ` +
    `seed ${settings.seed}, ${formatSeconds(outcome.wallMs)}\n` +
    `outputs in ${shortPath(outcome.dir, cwd)}/: ${files.map((f) => f.name).join(', ')}\n`;
  return answer + head + rankingText(data.ranking, data.baseline, settings.startYear, settings.runs, data.swaps, data.uncertainty);
}

/**
 * The ranking as a table: by effect (scenario − baseline, paired), with its band, the cost and the cost per
 * additional effective talent-year with theirs, and the rank by cost. Effects whose band includes 0 are marked.
 */
export function rankingText(
  ranking: readonly RankingRow[],
  baseline: string,
  startYear: number,
  runs: number,
  swaps: readonly RankSwap[] = [],
  uncertainty?: ComparisonUncertainty,
): string {
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
    'P(beats base)',
    'P(most cost-eff.)',
    'rank 5–95 %',
  ];
  const align: ('left' | 'right')[] = ['right', 'left', 'right', 'left', 'left', 'right', 'right', 'left', 'right', 'right', 'right', 'left'];
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
      percent(r.probBeatsBaseline),
      percent(r.probMostCostEffective),
      Number.isNaN(r.rankP5) ? '–' : r.rankP5 === r.rankP95 ? String(r.rankP5) : `${r.rankP5}–${r.rankP95}`,
    ];
  });
  const robustness = robustnessText(swaps);
  return (
    `Ranking in ${horizonYear} by ${metric}: scenario − ${baseline}, paired by run (mean over ${counted(runs, 'run')}; 5–95 % band in brackets);\n` +
    `cost per additional effective talent-year = extra cost ${costSpan} / extra effective talent-years ${costSpan}:\n` +
    table([header, ...body], align) +
    (unclear ? `~ the band includes 0: not clearly different from ${baseline} at these settings (more --runs narrow the bands)\n` : '') +
    'Ranks whose bands overlap are not clearly different.\n' +
    `P(beats base): share of runs with an effect above 0; P(most cost-eff.): share of runs in which its CNY per extra talent-year is the lowest of the scenarios that add talent; rank 5–95 %: its rank by effect run by run. ${probabilityBasis(uncertainty)}\n` +
    (robustness ? robustness + '\n' : '')
  );
}

/** The answer as text: its sentences, then its table. */
export function answerText(answer: ComparisonAnswer): string {
  const align = answer.shortHead.map((_, c): 'left' | 'right' => (c === 0 || c === 2 || c === 4 ? 'left' : 'right'));
  return answer.sentences.join('\n') + '\n' + (answer.rows.length ? table([answer.shortHead, ...answer.rows], align) : '');
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
