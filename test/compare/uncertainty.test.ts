// The probabilities of a comparison (exact on hand-made runs) and comparisons whose runs draw from a posterior (paired).
// The runs on two threads need `npm run build`.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  compareRows,
  orderStatistic,
  rankingRows,
  rankSwaps,
  robustnessText,
  probabilityBasis,
  runRanks,
  type ScenarioRuns,
} from '../../src/compare/compare.js';
import { prepareComparison, runPrepared } from '../../src/compare/run.js';
import { UsageError } from '../../src/core/errors.js';
import type { SummaryRunRow } from '../../src/core/rows.js';
import { compareScenarios } from '../../src/publish.js';
import { runScenario } from '../../src/runner/run.js';
import { replicationDraws } from '../../src/runner/uncertainty.js';
import { tinyScenarioInput } from '../fixtures.js';
import { resultBytes } from '../runner/support.js';

/** One scenario's runs in 2024: effective talent and cumulative cost per run. */
function runs(scenario: string, talent: number[], cost: number[]): ScenarioRuns {
  const rows: SummaryRunRow[] = talent.flatMap((value, run) => [
    { run, year: 2024, metric: 'effectiveTalent', value },
    { run, year: 2024, metric: 'costCumulative', value: cost[run] },
  ]);
  return { scenario, rows };
}

// Effects against the baseline, run by run: A 10, 5, −5, 20; B 5, 10, 1, 0; C 0, −10, 0, 30.
const HAND_MADE = [
  runs('base', [100, 100, 100, 100], [0, 0, 0, 0]),
  runs('A', [110, 105, 95, 120], [100, 100, 100, 100]),
  runs('B', [105, 110, 101, 100], [10, 10, 10, 10]),
  runs('C', [100, 90, 100, 130], [0, 0, 0, 0]),
];

describe('probabilities of a ranking (hand-made runs)', () => {
  const ranking = rankingRows(HAND_MADE, 'base', { horizonYear: 2024 });
  const row = (name: string) => ranking.find((r) => r.scenario === name)!;

  it('probBeatsBaseline: the share of runs with an effect above 0', () => {
    expect([row('A').probBeatsBaseline, row('B').probBeatsBaseline, row('C').probBeatsBaseline]).toEqual([0.75, 0.75, 0.25]);
  });

  it('probMostCostEffective: the share of runs in which its cost per extra talent-year is the lowest among those that add talent', () => {
    // Run 0: A 10, B 2 (C adds none); run 1: A 20, B 1; run 2: B 10 only; run 3: A 5, C 0.
    expect([row('A').probMostCostEffective, row('B').probMostCostEffective, row('C').probMostCostEffective]).toEqual([0, 0.75, 0.25]);
  });

  it('rankP5, rankP95: order statistics of the rank by effect run by run', () => {
    // Ranks per run: A 1, 2, 3, 2; B 2, 1, 1, 3; C 3, 3, 2, 1.
    expect(ranking.map((r) => [r.scenario, r.rankByEffect, r.rankP5, r.rankP95])).toEqual([
      ['A', 1, 1, 3],
      ['C', 2, 1, 3],
      ['B', 3, 1, 3],
    ]);
    expect(runRanks([10, 5, 0])).toEqual([1, 2, 3]);
    expect(runRanks([5, 5, NaN, 1])).toEqual([1, 1, 4, 3]);
    expect(orderStatistic([1, 2, 2, 3], 0.05)).toBe(1);
    expect(orderStatistic([1, 2, 2, 3], 0.95)).toBe(3);
    expect(
      orderStatistic(
        Array.from({ length: 20 }, (_, k) => k + 1),
        0.95,
      ),
    ).toBe(19);
    expect(
      orderStatistic(
        Array.from({ length: 20 }, (_, k) => k + 1),
        0.05,
      ),
    ).toBe(1);
  });

  it('ties at the lowest cost share the run', () => {
    const tied = rankingRows([runs('base', [100, 100], [0, 0]), runs('X', [110, 110], [0, 20]), runs('Y', [120, 105], [0, 10])], 'base', { horizonYear: 2024 });
    // Run 0: both free (ratio 0): half each; run 1: X 2, Y 2: half each.
    expect(tied.map((r) => [r.scenario, r.probMostCostEffective])).toEqual([
      ['Y', 0.5],
      ['X', 0.5],
    ]);
  });

  it('compare.csv: probAboveBaseline per scenario, metric and year; empty for the baseline', () => {
    const rows = compareRows(HAND_MADE, 'base', { metrics: ['effectiveTalent'] });
    expect(rows.map((r) => [r.scenario, r.probAboveBaseline])).toEqual([
      ['base', NaN],
      ['A', 0.75],
      ['B', 0.75],
      ['C', 0.25],
    ]);
  });

  it('neighbours that swap places, in words', () => {
    const swaps = rankSwaps(HAND_MADE, 'base', ranking);
    expect(swaps).toEqual([
      { above: 'A', below: 'C', share: 0.5 },
      { above: 'C', below: 'B', share: 0.75 },
    ]);
    expect(robustnessText(swaps)).toBe('The order is not robust: A and C swap places in 50 % of runs; C and B swap places in 75 % of runs.');
    expect(robustnessText([{ above: 'A', below: 'B', share: 0.05 }])).toBe(
      'The order is robust: every pair of neighbours keeps its order in at least 90 % of runs.',
    );
    expect(robustnessText([{ above: 'A', below: 'B', share: 0.35 }], 'zh')).toBe('排名次序并不稳健：A与B在35%的重复中互换位置。');
  });

  it('says what the probabilities rest on', () => {
    expect(probabilityBasis({ mode: 'none' })).toMatch(/chance only/);
    expect(probabilityBasis({ mode: 'posterior', posterior: 'p.csv' })).toMatch(/posterior p\.csv.*chance and parameter uncertainty/);
  });
});

const FIXTURE = fileURLToPath(new URL('../fixtures/posterior.csv', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sim-compare-uncertainty-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
copyFileSync(FIXTURE, join(scratch, 'posterior.csv'));
writeFileSync(join(scratch, 'tiny.yaml'), stringify({ ...tinyScenarioInput(), posterior: 'posterior.csv' }));
writeFileSync(join(scratch, 'tiny-plain.yaml'), stringify({ ...tinyScenarioInput(), name: 'tiny-plain' }));
writeFileSync(
  join(scratch, 'subsidy.yaml'),
  stringify({ extends: 'tiny.yaml', name: 'subsidy', policies: [{ type: 'subsidy', lumpSum: 50000, perYear: 12000 }] }),
);
writeFileSync(join(scratch, 'flexible.yaml'), stringify({ extends: 'tiny.yaml', name: 'flexible', policies: [{ type: 'flexible-hiring', slots: 100 }] }));
const settings = { runs: 5, years: 1, scale: 40, seed: 9 } as const;

describe('a comparison with a posterior', () => {
  const prepare = (threads = 1, more: object = {}) =>
    prepareComparison(['subsidy.yaml', 'flexible.yaml'], { baseline: 'tiny.yaml', ...settings, threads, cwd: scratch, out: join(scratch, 'cmp'), ...more });

  it('draws one particle per run, the same for every scenario (paired), and records it', async () => {
    const prepared = await prepare();
    expect(prepared.uncertainty).toBe('posterior');
    const draws = replicationDraws(prepared.posterior!.posterior, settings.seed, settings.runs);
    expect(prepared.posterior!.draws).toEqual(draws);
    for (const particles of prepared.posterior!.particles) for (const d of draws) expect(particles.get(d.row).locations[0].wageGrowth).toBe(d.values[0]);
    const { runs } = await runPrepared(prepared);
    for (const { outcome } of runs) expect(outcome.uncertainty?.draws).toEqual(draws);
    // The baseline's runs are those of the baseline run alone with its posterior.
    const alone = await runScenario(runs[0].loaded, { ...settings, threads: 1 });
    runs[0].outcome.results.forEach((r, k) => expect(resultBytes(r).equals(resultBytes(alone.results[k]))).toBe(true));
  });

  it('--uncertainty none runs the scenarios as written', async () => {
    const prepared = await prepare(1, { uncertainty: 'none' });
    expect(prepared.uncertainty).toBe('none');
    expect(prepared.posterior).toBeUndefined();
  });

  it('refuses a scenario with another posterior, and a posterior the baseline lacks', async () => {
    const other = join(scratch, 'other.csv');
    copyFileSync(FIXTURE, other);
    writeFileSync(join(scratch, 'own.yaml'), stringify({ extends: 'tiny.yaml', name: 'own', posterior: 'other.csv' }));
    await expect(prepareComparison(['own.yaml'], { baseline: 'tiny.yaml', ...settings, cwd: scratch, out: join(scratch, 'x') })).rejects.toThrow(
      /names the posterior .*other\.csv, the baseline .*tiny\.yaml .*posterior\.csv: paired runs draw one particle/,
    );
    await expect(
      prepareComparison(['subsidy.yaml'], { baseline: 'tiny-plain.yaml', ...settings, uncertainty: 'posterior', cwd: scratch, out: join(scratch, 'x') }),
    ).rejects.toThrow(UsageError);
  });

  it('writes byte-identical tables, charts and report on one thread and on two', async () => {
    const one = await compareScenarios(['subsidy.yaml', 'flexible.yaml'], {
      baseline: 'tiny.yaml',
      ...settings,
      threads: 1,
      cwd: scratch,
      out: join(scratch, 'one'),
      lang: 'en',
    });
    const two = await compareScenarios(['subsidy.yaml', 'flexible.yaml'], {
      baseline: 'tiny.yaml',
      ...settings,
      threads: 2,
      cwd: scratch,
      out: join(scratch, 'two'),
      lang: 'en',
    });
    const files = readdirSync(one.dir).filter((f) => f !== 'run.json');
    expect(files).toEqual(expect.arrayContaining(['compare.csv', 'ranking.csv', 'report.html']));
    for (const f of files) expect(readFileSync(join(two.dir, f)).equals(readFileSync(join(one.dir, f))), f).toBe(true);
    const header = readFileSync(join(one.dir, 'ranking.csv'), 'utf8').split('\n')[0];
    expect(header).toMatch(/,probBeatsBaseline,probMostCostEffective,rankP5,rankP95$/);
    expect(readFileSync(join(one.dir, 'compare.csv'), 'utf8').split('\n')[0]).toContain(',diffP95,probAboveBaseline,costCumulative,');
    const json = JSON.parse(readFileSync(join(one.dir, 'run.json'), 'utf8'));
    expect(json.uncertainty.mode).toBe('posterior');
    expect(json.uncertainty.posterior).toBe(join(scratch, 'posterior.csv'));
    expect(json.uncertainty.draws.map((d: { replication: number }) => d.replication)).toEqual([0, 1, 2, 3, 4]);
    expect(json.warnings[0]).toMatch(/rest on 5 runs.*needs at least 20/);
    const report = readFileSync(join(one.dir, 'report.html'), 'utf8');
    expect(report).toContain('probability of beating the baseline');
    expect(report).toContain('chance and parameter uncertainty');
  });
});
