// `sim robustness`: every policy and the baseline in the same futures, each policy's robustness across them and where
// it fails (PRIM); writes output/robustness/ and prints the table.
import type { RankingMetric } from '../compare/compare.js';
import { counted } from '../core/messages.js';
import { analyseRobustness, prepareRobustness, runRobustness, type FuturesFrom, type RobustnessResult } from '../experiments/robustness.js';
import { boxInWords, costText, effectName, effectText, regretText } from '../experiments/robustness-report.js';
import type { WrittenOutputs } from '../output/folder.js';
import { formatPercent, formatSeconds, type Lang } from '../output/format.js';
import { scenarioTitle } from '../output/labels.js';
import { writeRobustness } from '../publish.js';
import { fewRunsWarning } from '../runner/uncertainty.js';
import type { CommandAction } from './session.js';
import { fontOf, printWarnings, runOptionsOf } from './options.js';
import { displayWidth, modelRunsDone, outputsIn, table, wrap } from './layout.js';

const list = (value: unknown): string[] | undefined => (value === undefined ? undefined : (Array.isArray(value) ? value : [value]).map(String));

export const robustness: CommandAction = async (args, { context, progress }) => {
  const options = await runOptionsOf(args);
  const font = await fontOf(args, context.env, context.cwd);
  const prepared = await prepareRobustness(list(args.policies) ?? [], {
    ...options,
    baseline: args.baseline as string,
    futures: args.futures as number | undefined,
    from: args['futures-from'] as FuturesFrom | undefined,
    vary: list(args.vary),
    metric: args.metric as RankingMetric,
    horizon: args.horizon as number | undefined,
    maxModelRuns: args['max-model-runs'] as number | undefined,
    discover: list(args.discover),
    alpha: args.alpha as number | undefined,
    minSupport: args['min-support'] as number | undefined,
    threshold: args.threshold as number | undefined,
    lang: args.lang as Lang,
    out: args.out as string | undefined,
    cwd: context.cwd,
  });
  for (const note of prepared.notes) context.stderr.write(`note: ${note}\n`);
  const run = prepared.baseline.resolved.run;
  const bar = progress('simulating', modelRunsDone((run.burnInYears + prepared.settings.years) * run.ticksPerYear));
  const runs = await runRobustness(prepared, { onProgress: bar?.update });
  bar?.stop();
  const result = analyseRobustness(prepared, runs);
  const warning = fewRunsWarning(prepared.settings.runs);
  if (warning) printWarnings([{ message: warning }], context.stderr);
  const written = await writeRobustness(result, { font });
  printWarnings(written.warnings, context.stderr);
  context.stdout.write(args.quiet ? written.dir + '\n' : robustnessSummary(result, written, context.cwd));
};

/**
 * The policies ranked by mean regret, each under its title with its figures on the same line (or the next), then
 * the box where the most robust policy fails, then what ran and where the files are. Every line fits 100 columns.
 */
export function robustnessSummary(result: RobustnessResult, written: WrittenOutputs, cwd: string): string {
  const { prepared, policies, runs } = result;
  const { lang, metric, settings: s } = prepared;
  const zh = lang === 'zh';
  const ranked = [...policies].sort((a, b) => a.rank - b.rank);
  const title = (k: number) => scenarioTitle(prepared.policies[k].resolved, lang);
  const n = prepared.plan.values.length;
  const head = zh
    ? `各政策在 ${n} 个未来情景中的稳健性（${effectName(result, lang)}，政策 − 基线；按平均遗憾排序）：`
    : `Robustness of each policy across ${n} futures (${effectName(result, lang)}, policy − baseline; smallest mean regret first):`;
  const widths = [6, 9, 9, 11, 11, 12];
  const right = (cells: string[]) => cells.map((cell, k) => ' '.repeat(Math.max(0, widths[k] - displayWidth(cell))) + cell).join(' ');
  const columns = right(
    zh ? ['超过基线', '平均效应', '10%分位', '平均遗憾', '最大遗憾', '元/人才年'] : ['beats', 'mean', '10th pct', 'mean regret', 'max regret', 'CNY/t-yr'],
  );
  const rows = ranked.map((p) => ({
    label: `  ${String(p.rank).padStart(String(ranked.length).length)}. ${title(p.policy)}`,
    rest: right([
      formatPercent(p.shareBeats, 0),
      effectText(metric, p.effectMean),
      effectText(metric, p.effectP10),
      regretText(metric, p.regretMean),
      regretText(metric, p.regretMax),
      costText(p.costMedian),
    ]),
  }));
  const note = zh
    ? '超过基线：效应 > 0 的未来情景比例；遗憾：该未来情景中最佳政策的效应 − 本政策的效应；元/人才年：每增加一个有效人才年的成本（各未来情景的中位数，∞ 表示花了钱却未增加）。'
    : 'beats: share of futures with an effect > 0; regret: the best policy’s effect in a future − this one’s; CNY/t-yr: cost per extra effective talent-year (median over futures; ∞: spent but added none).';
  let text = wrap(head, '') + table([{ label: '', rest: columns }, ...rows]) + wrap(note, '  ', undefined, '  ');
  const best = ranked[0];
  const box = result.discoveries.find((d) => d.policy === best?.policy && d.result);
  if (box) {
    const step = box.result!.steps[box.result!.chosen];
    text += wrap(
      zh
        ? `${title(best.policy)}未能超过基线的未来情景（${box.failures}/${box.futures}）集中在：${boxInWords(result, box, lang, 4) || '（整个空间）'}；覆盖率 ${formatPercent(step.coverage, 0)}，密度 ${formatPercent(step.density, 0)}（PRIM，见 prim-box.csv）。`
        : `Where ${title(best.policy)} fails to beat the baseline (${box.failures} of ${box.futures} futures): ${boxInWords(result, box, lang, 4) || '(the whole space)'}; coverage ${formatPercent(step.coverage, 0)}, density ${formatPercent(step.density, 0)} (PRIM; see prim-box.csv).`,
      '  ',
    );
  }
  return (
    text +
    '\n' +
    wrap(
      `robustness: ${counted(prepared.policies.length, 'policy', 'policies')} + baseline × ${counted(n, 'future')} × ${counted(s.runs, 'run')} × ${counted(s.years, 'year')} at ${s.scale} persons per agent = ${counted(runs.modelRuns, 'model run')}, ` +
        `seed ${s.seed}, ${counted(runs.threads, 'thread')}, ${formatSeconds(runs.wallMs)}`,
    ) +
    outputsIn(
      written.dir,
      cwd,
      written.files.map((f) => f.name),
    )
  );
}
