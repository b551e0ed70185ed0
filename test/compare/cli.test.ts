// `sim compare` in process: the files it writes, recomputed from its own per-run figures, and bad input; one smoke test
// through the real command.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mean, quantileSeq } from 'mathjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvNumber } from '../../src/output/format.js';
import { runCli as sim } from '../fixtures.js';

const bin = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sim-compare-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const small = ['--runs', '3', '--years', '2', '--scale', '200'];

/** The real `sim` command, as a user runs it. */
function binary(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...argv], { cwd, env: { ...process.env, CI: 'true' } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

type Row = Record<string, string>;
/** A CSV file as rows of text cells (the files here have no quoted cells). */
function readCsv(path: string): Row[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    expect(cells).toHaveLength(columns.length);
    return Object.fromEntries(columns.map((c, k) => [c, cells[k]]));
  });
}
/** A numeric cell as written: empty is undefined (NaN), Inf is +Infinity. */
const num = (cell: string) => (cell === '' ? NaN : cell === 'Inf' ? Infinity : Number(cell));
/** Equal to the 8 significant digits of the CSV files (both undefined, or the same to a relative 1e-7). */
const close = (cell: number, exact: number) =>
  (Number.isNaN(cell) && Number.isNaN(exact)) || cell === exact || Math.abs(cell - exact) <= 1e-7 * Math.max(Math.abs(cell), Math.abs(exact));
const band = (values: number[]) => {
  const finite = values.filter(Number.isFinite);
  const [p5, p95] = quantileSeq(finite, [0.05, 0.95]) as number[];
  return { mean: mean(finite) as number, p5, p95 };
};

describe('sim compare', () => {
  const cwd = join(scratch, 'main');
  const out = join(cwd, 'results', 'cmp');
  let result: Awaited<ReturnType<typeof sim>>;
  let compare: Row[];
  let ranking: Row[];
  let runs: Row[];
  /** runs.csv values by scenario, metric, year: one per run, in run order. */
  const perRun = (scenario: string, metric: string, year: number) =>
    runs
      .filter((r) => r.scenario === scenario && r.metric === metric && Number(r.year) === year)
      .sort((a, b) => Number(a.run) - Number(b.run))
      .map((r) => num(r.value));

  beforeAll(async () => {
    mkdirSync(cwd);
    // The baseline is also among the scenarios: it runs once.
    result = await sim(
      cwd,
      'compare',
      'flexible.yaml',
      'baseline.yaml',
      'enclave.yaml',
      'subsidy.yaml',
      ...small,
      '--threads',
      '2',
      '--out',
      'results/cmp',
      '--lang',
      'en',
    );
    compare = readCsv(join(out, 'compare.csv'));
    ranking = readCsv(join(out, 'ranking.csv'));
    runs = readCsv(join(out, 'runs.csv'));
  });

  it('writes compare.csv, ranking.csv, runs.csv and run.json and prints the ranking', () => {
    expect(result.stderr.replace(/^warning: the 5–95 % bands rest on .*\n(?: {4}.*\n)*/m, '')).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['compare.csv', 'ranking.csv', 'runs.csv', 'run.json']));
    expect(result.stdout).toMatch(/^compare: 4 scenarios × 3 runs × 2 years at 200 persons per agent, seed \d+, [\d.]+ s$/m);
    expect(result.stdout).toMatch(/outputs in results\/cmp\/: compare\.csv, ranking\.csv, runs\.csv, flows-tiers\.csv, charts/);
    expect(result.stdout).toMatch(/report\.html,\s+run\.json\n$/);
    // The answer opens the summary; then every scenario in the ranking's order, named by its title (--lang en), with
    // its rank and its effect and band on its own line or the next.
    expect(result.stdout).toMatch(/^By 2025, /);
    const titles: Record<string, string> = { flexible: 'Flexible expert hiring', enclave: 'Enclave innovation centres', subsidy: 'Talent subsidies' };
    const lines = result.stdout.split('\n');
    const at = ranking.map((r) => lines.findIndex((line) => line.startsWith(`  ${r.rankByEffect}. ${titles[r.scenario]}`)));
    expect(at.every((k) => k > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    for (const [k, r] of ranking.entries()) {
      const effect = Number(r.effectMean);
      const shown = (lines[at[k]] + lines[at[k] + 1]).replace(/,/g, '');
      expect(shown).toContain(`${effect > 0 ? '+' : effect < 0 ? '−' : ''}${Math.abs(Math.round(effect))}`);
    }
  });

  it('runs every scenario once, with the same runs and seed, the baseline first', () => {
    const scenarios = [...new Set(runs.map((r) => r.scenario))];
    expect(scenarios).toEqual(['baseline', 'flexible', 'enclave', 'subsidy']);
    for (const scenario of scenarios) {
      const rows = runs.filter((r) => r.scenario === scenario);
      expect(new Set(rows.map((r) => r.run))).toEqual(new Set(['0', '1', '2']));
      expect(new Set(rows.map((r) => r.year))).toEqual(new Set(['2024', '2025']));
    }
    expect(new Set(runs.map((r) => r.seed)).size).toBe(1);
    const record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(record.settings).toMatchObject({ runs: 3, years: 2, scale: 200, seed: Number(runs[0].seed) });
    expect(record.baseline).toBe('baseline');
    expect(record.scenarios).toEqual(scenarios);
    expect(record.package.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(record.node).toBe(process.version);
    expect(record.replications.map((r: { streams: string }) => r.streams)).toEqual([0, 1, 2].map((k) => `${runs[0].seed}/${k}/`));
    expect(record.ranking).toMatchObject({ horizonYear: 2025, metric: 'effectiveTalent' });
    expect(record.ranking.swaps.map((s: { above: string }) => s.above)).toHaveLength(2);
    // The baseline names its posterior: every run drew its parameters from it.
    expect(record.uncertainty).toMatchObject({ mode: 'posterior' });
    expect(record.lang).toBe('en');
  });

  it('compare.csv: levels and paired differences equal those recomputed from runs.csv', () => {
    expect(compare.length).toBe(4 * 2 * new Set(runs.map((r) => r.metric)).size);
    for (const metric of ['netRetention', 'residents', 'effectiveTalent', 'topShare', 'nativesReturning'])
      expect(compare.some((r) => r.metric === metric)).toBe(true);
    for (const row of compare) {
      const year = Number(row.year);
      const own = perRun(row.scenario, row.metric, year);
      const base = perRun('baseline', row.metric, year);
      const level = band(own);
      const cells = [num(row.mean), num(row.p5), num(row.p95)];
      expect(
        cells.every((cell, k) => close(cell, [level.mean, level.p5, level.p95][k])),
        `${row.scenario} ${row.metric} ${year}: ${cells}`,
      ).toBe(true);
      if (row.scenario === 'baseline') continue;
      const diff = band(own.map((v, k) => v - base[k]));
      const diffs = [num(row.diffMean), num(row.diffP5), num(row.diffP95)];
      // compare.csv rounds to 8 significant digits the difference of levels at full precision (runs.csv), so the
      // tolerance is 1e-8 of the levels (a small difference of two shares is not exact to 8 of its own digits).
      const magnitude = Math.max(...own.map(Math.abs), ...base.map(Math.abs));
      expect(
        diffs.every((cell, k) => close(cell, [diff.mean, diff.p5, diff.p95][k]) || Math.abs(cell - [diff.mean, diff.p5, diff.p95][k]) <= 1e-7 * magnitude),
        `${row.scenario} ${row.metric} ${year}: ${diffs}`,
      ).toBe(true);
    }
  });

  it('the baseline’s difference with itself is exactly zero in every row', () => {
    const rows = compare.filter((r) => r.scenario === 'baseline');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect([row.diffMean, row.diffP5, row.diffP95]).toEqual(['0', '0', '0']);
  });

  it('cost per additional effective talent-year = cumulative cost / cumulative extra effective talent-years, from runs.csv', () => {
    let priced = 0;
    for (const row of compare.filter((r) => r.scenario !== 'baseline')) {
      const year = Number(row.year);
      const extraTalentYears = [0, 1, 2].map((k) =>
        [2024, 2025]
          .filter((y) => y <= year)
          .reduce((sum, y) => sum + perRun(row.scenario, 'effectiveTalent', y)[k] - perRun('baseline', 'effectiveTalent', y)[k], 0),
      );
      const cost = perRun(row.scenario, 'costCumulative', year);
      const meanCost = cost.reduce((a, b) => a + b, 0) / 3;
      const meanExtra = extraTalentYears.reduce((a, b) => a + b, 0) / 3;
      expect(close(num(row.costCumulative), meanCost), `${row.costCumulative} against ${meanCost}`).toBe(true);
      const expected = meanCost > 0 && meanExtra > 0 ? meanCost / meanExtra : NaN;
      if (Number.isNaN(expected)) expect(row.costPerEffectiveTalentYear).toBe('');
      else {
        expect(close(num(row.costPerEffectiveTalentYear), expected), `${row.costPerEffectiveTalentYear} against ${expected}`).toBe(true);
        priced++;
      }
    }
    // Flexible hiring and the enclave add effective talent working from elsewhere at a price.
    expect(priced).toBeGreaterThan(0);
  });

  it('ranking.csv: every scenario but the baseline, ordered by effect at the horizon, with its band', () => {
    expect(ranking.map((r) => r.scenario).sort()).toEqual(['enclave', 'flexible', 'subsidy']);
    const effects = ranking.map((r) => num(r.effectMean));
    expect([...effects].sort((a, b) => b - a)).toEqual(effects);
    expect(ranking.map((r) => Number(r.rankByEffect))).toEqual(ranking.map((_, k) => 1 + effects.findIndex((e) => e === effects[k])));
    for (const r of ranking) {
      expect(r.horizonYear).toBe('2025');
      const row = compare.find((c) => c.scenario === r.scenario && c.metric === 'effectiveTalent' && c.year === '2025')!;
      expect([r.effectMean, r.effectP5, r.effectP95]).toEqual([row.diffMean, row.diffP5, row.diffP95]);
      expect(r.costPerEffectiveTalentYear).toBe(row.costPerEffectiveTalentYear);
      expect(num(r.effectP5)).toBeLessThanOrEqual(num(r.effectMean));
      expect(num(r.effectMean)).toBeLessThanOrEqual(num(r.effectP95));
    }
    // Cost ranks: 1, 2, … by cost per talent-year among the scenarios that have one.
    const priced = ranking
      .filter((r) => r.costPerEffectiveTalentYear !== '')
      .sort((a, b) => num(a.costPerEffectiveTalentYear) - num(b.costPerEffectiveTalentYear));
    expect(priced.map((r) => Number(r.rankByCost))).toEqual(priced.map((_, k) => k + 1));
    expect(ranking.filter((r) => r.costPerEffectiveTalentYear === '').every((r) => r.rankByCost === '')).toBe(true);
  });

  it('keeps the thread count and wall time in run.json only: every other file is the same on one thread and on two', async () => {
    const tiny = ['compare', 'flexible.yaml', '--runs', '2', '--years', '1', '--scale', '500', '--quiet'];
    expect((await sim(cwd, ...tiny, '--threads', '1', '--out', 'one')).code).toBe(0);
    expect((await sim(cwd, ...tiny, '--threads', '2', '--out', 'two')).code).toBe(0);
    const files = readdirSync(join(cwd, 'one')).filter((name) => name !== 'run.json');
    expect(files).toEqual(expect.arrayContaining(['compare.csv', 'report.html', 'difference.svg']));
    for (const name of files) expect(readFileSync(join(cwd, 'two', name)).equals(readFileSync(join(cwd, 'one', name))), name).toBe(true);
    const threads = (dir: string) => JSON.parse(readFileSync(join(cwd, dir, 'run.json'), 'utf8')).runs.map((r: { threads: number }) => r.threads);
    expect([threads('one'), threads('two')]).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('pairs runs: a scenario’s figures equal those of `sim --scenario` with the same settings', async () => {
    const single = await sim(cwd, '--scenario', 'flexible.yaml', ...small, '--seed', runs[0].seed, '--threads', '1', '--out', 'single', '--quiet');
    expect(single.code).toBe(0);
    const own = readCsv(join(cwd, 'single', 'summary-runs.csv'));
    const fromCompare = runs.filter((r) => r.scenario === 'flexible');
    // runs.csv holds the figures at full precision, summary-runs.csv to 8 significant digits.
    expect(fromCompare.map(({ run, year, metric, value }) => ({ run, year, metric, value: csvNumber(num(value)) }))).toEqual(own);
  });

  it('ranks at --horizon by --metric, takes a glob, and --quiet prints only the folder', async () => {
    const dir = join(scratch, 'glob');
    mkdirSync(join(dir, 'mine'), { recursive: true });
    writeFileSync(
      join(dir, 'mine', 'a.yaml'),
      readFileSync(fileURLToPath(new URL('../../scenarios/flexible.yaml', import.meta.url)), 'utf8').replace(/^name: flexible$/m, 'name: a'),
    );
    writeFileSync(
      join(dir, 'mine', 'b.yaml'),
      readFileSync(fileURLToPath(new URL('../../scenarios/enclave.yaml', import.meta.url)), 'utf8').replace(/^name: enclave$/m, 'name: b'),
    );
    const { code, stdout, stderr } = await sim(dir, 'compare', 'mine/*.yaml', ...small, '--horizon', '2024', '--metric', 'residents', '--quiet');
    expect(stderr.replace(/^warning: the 5–95 % bands rest on .*\n(?: {4}.*\n)*/m, '')).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(join(dir, 'output', 'compare') + '\n');
    const rows = readCsv(join(dir, 'output', 'compare', 'ranking.csv'));
    expect(rows.map((r) => r.scenario).sort()).toEqual(['a', 'b']);
    expect(rows.every((r) => r.horizonYear === '2024' && r.metric === 'residents')).toBe(true);
  });

  it('replaces an earlier comparison in the same folder whole (smoke test of the real command)', async () => {
    const dir = join(scratch, 'again');
    mkdirSync(join(dir, 'output', 'compare'), { recursive: true });
    writeFileSync(join(dir, 'output', 'compare', 'run.json'), '{}');
    writeFileSync(join(dir, 'output', 'compare', 'stale.csv'), 'old');
    const { code, stdout, stderr } = await binary(
      dir,
      'compare',
      'flexible.yaml',
      '--runs',
      '2',
      '--years',
      '1',
      '--scale',
      '200',
      '--threads',
      '2',
      '--quiet',
    );
    expect(stderr.replace(/^warning: the 5–95 % bands rest on .*\n(?: {4}.*\n)*/m, '')).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(join(dir, 'output', 'compare') + '\n');
    expect(new Set(readCsv(join(dir, 'output', 'compare', 'runs.csv')).map((r) => r.scenario))).toEqual(new Set(['baseline', 'flexible']));
    expect(readdirSync(join(dir, 'output', 'compare'))).not.toContain('stale.csv');
    expect(readdirSync(join(dir, 'output'))).toEqual(['compare']);
  });
});

describe('sim compare with bad input', () => {
  it.for([
    { name: 'an unknown scenario file', args: ['compare', 'flexible.yaml', 'nowhere.yaml'], message: /scenario file "nowhere\.yaml" not found/ },
    { name: 'a glob matching nothing', args: ['compare', 'nothing/*.yaml'], message: /no scenario file matches "nothing\/\*\.yaml"/ },
    { name: 'an unknown baseline', args: ['compare', 'flexible.yaml', '--baseline', 'nobase.yaml'], message: /scenario file "nobase\.yaml" not found/ },
    { name: 'no scenarios', args: ['compare'], message: /name the scenarios to compare/ },
    {
      name: 'a horizon outside the run',
      args: ['compare', 'flexible.yaml', '--horizon', '2030'],
      message: /--horizon must be a simulated year, from 2024 to 2025, not 2030/,
    },
    {
      name: 'a bad run option',
      args: ['compare', 'flexible.yaml', '--threads', '0'],
      message: /--threads 0 is out of range: it takes a whole number from 1 to 64/,
    },
    {
      name: 'an unknown metric',
      args: ['compare', 'flexible.yaml', '--metric', 'cost'],
      message: /--metric "cost" is not one of effectiveTalent, [\s\S]*\n    fix: use one of the values listed, e.g. --metric effectiveTalent/,
    },
  ])('$name: a clear message, exit code 2, nothing written', async ({ args, message }, { expect }) => {
    const cwd = mkdtempSync(join(scratch, 'bad-'));
    const { code, stdout, stderr } = await sim(cwd, ...args, ...small);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: /);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at .*\.js/);
    expect(stdout).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('a scenario with errors: its place in the file, exit code 2, nothing written', async ({ expect }) => {
    const cwd = mkdtempSync(join(scratch, 'bad-'));
    writeFileSync(join(cwd, 'broken.yaml'), 'extends: baseline.yaml\nrun:\n  yeras: 3\n');
    const { code, stderr } = await sim(cwd, 'compare', 'flexible.yaml', 'broken.yaml', ...small);
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken\.yaml:3:3: run\.yeras: unknown field/);
    expect(readdirSync(cwd)).toEqual(['broken.yaml']);
    expect(existsSync(join(cwd, 'output'))).toBe(false);
  });

  it('will not replace a folder that holds something else', async ({ expect }) => {
    const cwd = mkdtempSync(join(scratch, 'bad-'));
    mkdirSync(join(cwd, 'keep'));
    writeFileSync(join(cwd, 'keep', 'notes.txt'), 'mine');
    const { code, stderr } = await sim(cwd, 'compare', 'flexible.yaml', ...small, '--out', 'keep');
    expect(code).toBe(2);
    expect(stderr).toMatch(/will not replace .*keep/);
    expect(readdirSync(join(cwd, 'keep'))).toEqual(['notes.txt']);
  });
});
