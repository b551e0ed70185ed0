// `sim sweep` and `sim sensitivity` through the command line, in process: real tiny runs, their files, identical
// outputs for any thread count, and clear errors; one smoke test of each through the real command. Needs `npm run
// build` (workers run dist/).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { escapeHtml } from '../../src/charts/report.js';
import { options as messages } from '../../src/core/messages.js';
import { outcomeTitle } from '../../src/experiments/words.js';
import { fieldLabel, scenarioTitle } from '../../src/output/labels.js';
import { loadScenario } from '../../src/scenario/load.js';
import { SUMMARY_METRIC_NAMES } from '../../src/core/rows.js';
import { SENSITIVITY_FILES } from '../../src/experiments/sensitivity.js';
import { SWEEP_FILES } from '../../src/experiments/sweep.js';
import { tinyScenario, tinyScenarioInput, runCli } from '../fixtures.js';
import { contents, csv } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-experiments-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
writeFileSync(join(scratch, 'tiny.yaml'), stringify(tinyScenarioInput()));

const cli = (...argv: string[]) => runCli(scratch, ...argv);
/** The tiny scenario, whose labels name its cities in fieldLabel's words. */
const tinyLabels = tinyScenario();
/** A summary with its lines wrapped at 100 columns joined again (a continuation starts with two spaces). */
const unwrapped = (text: string) => text.replace(/\n {2}(?=\S)/g, ' ');
const bin = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
/** The real `sim` command, as a user runs it: its stdout (it throws on a non-zero exit code). */
const binary = (...argv: string[]) => execFileSync(process.execPath, [bin, ...argv], { cwd: scratch, env: { ...process.env, CI: 'true' }, encoding: 'utf8' });

/** `text` matched literally in a RegExp. */
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('sim sweep', () => {
  const tiny = ['--runs', '2', '--years', '2', '--scale', '500'];

  it('runs a grid on the baseline and writes rows that carry the parameter values, run and seed', async () => {
    const { code, stdout, stderr } = await cli(
      'sweep',
      '-s',
      'baseline',
      '--vary',
      'locations.bazhong.wage.top=180000,260000,320000',
      ...tiny,
      '--threads',
      '1',
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/^note: locations\.bazhong\.wage\.top = 320000 lies outside its declared range \[160000, 300000\]/);
    const title = scenarioTitle((await loadScenario('baseline', { cwd: scratch })).resolved, 'zh');
    expect(unwrapped(stdout).startsWith(`${title} sweep (grid): 3 points × 2 runs × 2 years at 500 persons per agent = 6 model runs, 1 thread, `)).toBe(true);
    expect(unwrapped(stdout)).toMatch(
      /outputs in output\/baseline-sweep\/: sweep-summary\.csv, sweep-runs\.csv, sweep\.vl\.json, sweep\.svg, sweep\.png, report\.html, run\.json/,
    );
    expect(stdout).toMatch(/netRetention in 2025 \(mean over 2 runs/);
    const dir = join(scratch, 'output', 'baseline-sweep');
    const runs = csv(join(dir, 'sweep-runs.csv'));
    expect(runs[0]).toEqual(['point', 'locations.bazhong.wage.top', 'run', 'seed', 'year', 'metric', 'value']);
    expect(runs.length - 1).toBe(3 * 2 * 2 * SUMMARY_METRIC_NAMES.length);
    expect(new Set(runs.slice(1).map((r) => r[1]))).toEqual(new Set(['180000', '260000', '320000']));
    expect(new Set(runs.slice(1).map((r) => r[2]))).toEqual(new Set(['0', '1']));
    expect(new Set(runs.slice(1).map((r) => r[3]))).toEqual(new Set(['20240701']));
    const summary = csv(join(dir, 'sweep-summary.csv'));
    expect(summary[0]).toEqual(['point', 'locations.bazhong.wage.top', 'runs', 'seed', 'year', 'metric', 'mean', 'p5', 'p95']);
    expect(summary.length - 1).toBe(3 * 2 * SUMMARY_METRIC_NAMES.length);
    const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(record).toMatchObject({
      kind: 'sweep',
      scenario: 'baseline',
      design: { type: 'grid', points: 3, modelRuns: 6 },
      outcome: { metric: 'netRetention', year: 2025 },
    });
    expect(record.notes).toHaveLength(1);
    expect(readFileSync(join(dir, 'sweep.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(join(dir, 'sweep.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('writes byte-identical files on one thread and on two', async () => {
    const args = [
      'sweep',
      '-s',
      'tiny.yaml',
      '--vary',
      'utility.hometown.coefficient=0.5,1.2,2',
      '--vary',
      'locations.bazhong.wageGrowth=0.03,0.07',
      '--runs',
      '2',
      '--years',
      '2',
    ];
    expect((await cli(...args, '--threads', '1', '-o', 'one', '-q')).code).toBe(0);
    const { code, stdout } = await cli(...args, '--threads', '2', '-o', 'two', '-q');
    expect(code).toBe(0);
    expect(stdout).toBe(join(scratch, 'two') + '\n');
    const one = contents(join(scratch, 'one'));
    expect(Object.keys(one)).toEqual(['report.html', 'sweep-runs.csv', 'sweep-summary.csv', 'sweep.png', 'sweep.svg', 'sweep.vl.json']);
    expect(contents(join(scratch, 'two'))).toEqual(one);
    expect(csv(join(scratch, 'one', 'sweep-runs.csv'))[0]).toEqual([
      'point',
      'utility.hometown.coefficient',
      'locations.bazhong.wageGrowth',
      'run',
      'seed',
      'year',
      'metric',
      'value',
    ]);
  });

  it('samples the declared ranges with a Latin hypercube', async () => {
    const { code, stdout } = await cli('sweep', '-s', 'tiny.yaml', '--sample', 'lhs', '--n', '4', '--runs', '1', '--years', '1', '--threads', '1');
    expect(code).toBe(0);
    expect(stdout).toMatch(/tiny sweep \(Latin hypercube\): 4 points × 1 run × 1 year/);
    const rows = csv(join(scratch, 'output', 'tiny-sweep', 'sweep-summary.csv'));
    expect(rows[0].slice(0, 3)).toEqual(['point', 'locations.bazhong.wageGrowth', 'utility.hometown.coefficient']);
    const growth = [...new Set(rows.slice(1).map((r) => Number(r[1])))];
    expect(growth).toHaveLength(4);
    expect(growth.map((g) => Math.floor((g - 0.03) / 0.01)).sort()).toEqual([0, 1, 2, 3]);
  });

  it('summarises a sample of many parameters by its spread and the parameters correlated with the outcome', async () => {
    const { code, stdout } = await cli(
      'sweep',
      '-s',
      'baseline',
      '--sample',
      'lhs',
      '--n',
      '6',
      '--runs',
      '1',
      '--years',
      '1',
      '--scale',
      '500',
      '--threads',
      '2',
    );
    expect(code).toBe(0);
    expect(unwrapped(stdout)).toMatch(/netRetention in 2024 over the 6 sampled points \(each the mean over 1 run\): mean -?[\d,]+, 5–95 % of points \[/);
    expect(unwrapped(stdout)).toMatch(/\|r\| below about 0\.\d\d may be chance/);
  });

  it.each([
    [['--vary', 'utility.incme.coefficient=1,2'], /unknown parameter path "utility\.incme\.coefficient"[\s\S]*did you mean "utility\.income\.coefficient"\?/],
    [['--vary', 'locations.bazong.wage.top=1,2'], /did you mean "locations\.bazhong\.wage\.top"\?/],
    [['--vary', 'utility.income.coefficient=1,abc'], /"abc" is not a number/],
    [['--vary', 'locations.bazhong.services.schools=0.5,1.5'], /cannot take locations\.bazhong\.services\.schools = 1\.5/],
    [[], /needs at least one parameter/],
    [
      ['--vary', 'taste.sd', '--metric', 'retention'],
      /--metric "retention" is not one of netRetention, residents, [\s\S]*fix: did you mean --metric netRetention\?/,
    ],
    [['--vary', 'taste.sd', '--outcome', 'retention'], /unknown metric "retention"/],
    [['--vary', 'taste.sd', '--horizon', '2040'], /--horizon 2040 is not simulated/],
    [['--vary', 'taste.sd', '--year', '2040'], /--horizon 2040 is not simulated/],
    [
      ['--vary', 'taste.sd', '--year', '2025', '--horizon', '2025'],
      /--year and --horizon are the same option \(--year is its old name\)\n {4}fix: give --horizon once/,
    ],
    [['--vary', 'taste.sd', '--sample', 'lhs', '--n', '1.5'], /(?<!-)-n 1.5 is not a whole number: it takes a whole number from 1 to 100000/],
  ])('refuses %j with exit code 2 and writes nothing', async (extra, message) => {
    const { code, stderr, stdout } = await cli('sweep', '-s', 'baseline', '-o', 'refused', ...tiny, ...extra);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^(note: .*\n)*error: /);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
    expect(existsSync(join(scratch, 'refused'))).toBe(false);
  });
});

describe('sim sensitivity', () => {
  it('ranks parameters one at a time, writes oat.csv and a tornado chart, identical on two threads', async () => {
    const args = ['sensitivity', '-s', 'tiny.yaml', '--runs', '2', '--years', '2', '--metric', 'residents'];
    const { code, stdout } = await cli(...args, '--threads', '1', '-o', 'oat1');
    expect(code).toBe(0);
    expect(unwrapped(stdout)).toMatch(/^tiny sensitivity \(one at a time, 2 parameters\): 5 points × 2 runs × 2 years at 10 persons per agent = 10 model runs/);
    expect(stdout).toMatch(/residents in 2025: [\d,]+ at the scenario's values/);
    expect(stdout).toMatch(new RegExp(`^ +1\\. ${escaped(fieldLabel('utility.hometown.coefficient', 'zh', tinyLabels))} \\[0\\.5, 2\\] `, 'm'));
    const oat = csv(join(scratch, 'oat1', 'oat.csv'));
    expect(oat[0]).toEqual([
      'rank',
      'parameter',
      'low',
      'base',
      'high',
      'outcomeLow',
      'outcomeBase',
      'outcomeHigh',
      'change',
      'swing',
      'metric',
      'year',
      'source',
    ]);
    expect(oat).toHaveLength(3);
    expect(Object.keys(contents(join(scratch, 'oat1')))).toEqual([
      'oat.csv',
      'points.csv',
      'report.html',
      'runs.csv',
      'tornado.png',
      'tornado.svg',
      'tornado.vl.json',
    ]);
    expect((await cli(...args, '--threads', '2', '-o', 'oat2', '-q')).code).toBe(0);
    expect(contents(join(scratch, 'oat2'))).toEqual(contents(join(scratch, 'oat1')));
  });

  it('screens with Morris: μ* and σ per parameter, and a chart', async () => {
    const { code, stdout } = await cli('sensitivity', '-s', 'tiny.yaml', '--method', 'morris', '-r', '3', '--runs', '1', '--years', '1', '--threads', '2');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Morris, 2 parameters, 3 trajectories, 4 levels\): 9 points/);
    const dir = join(scratch, 'output', 'tiny-sensitivity');
    const morris = csv(join(dir, 'morris.csv'));
    expect(morris[0]).toEqual(['rank', 'parameter', 'low', 'base', 'high', 'mu', 'muStar', 'sigma', 'trajectories', 'metric', 'year', 'source']);
    expect(morris.slice(1).map((r) => r[8])).toEqual(['3', '3']);
    expect(existsSync(join(dir, 'morris.png'))).toBe(true);
    const points = csv(join(dir, 'points.csv'));
    expect(points[0]).toEqual(['point', 'trajectory', 'step', 'parameter', 'value', 'locations.bazhong.wageGrowth', 'utility.hometown.coefficient']);
    expect(points).toHaveLength(1 + 9);
  });

  it.each([
    [['--method', 'sorbol'], /--method "sorbol" is not one of oat, morris, sobol\n    fix: did you mean --method sobol\?/],
    [['--method', 'morris', '--levels', '3'], /--levels must be an even whole number/],
    [['--vary', 'hazard.age[1].factor'], /declares no range/],
    [['--vary', 'taste.sd=1'], /takes a range, low,high/],
  ])('refuses %j with exit code 2', async (extra, message) => {
    const { code, stderr } = await cli('sensitivity', '-s', 'tiny.yaml', '--runs', '1', '--years', '1', ...extra);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('sim sensitivity --method sobol', () => {
  const sobolArgs = ['sensitivity', '-s', 'tiny.yaml', '--method', 'sobol', '--n', '6', '--runs', '1', '--years', '5', '--metric', 'residents'];

  it("writes Sobol' indices with intervals, k + 2 points per base sample, a chart and a report; the same bytes for any thread count", async () => {
    const { code, stdout } = await cli(...sobolArgs, '--threads', '1', '--lang', 'en', '-o', 'sobol1');
    expect(code).toBe(0);
    expect(unwrapped(stdout)).toMatch(
      /^tiny sensitivity \(Sobol', 2 parameters, 6 base samples\): 24 points × 1 run × 5 years at 10 persons per agent = 24 model runs/,
    );
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(stdout).toMatch(/ST +[\d.-]+ ± [\d.]+ +S1 +[\d.-]+ ± [\d.]+/);
    const dir = join(scratch, 'sobol1');
    expect(readdirSync(dir).sort()).toEqual([...SENSITIVITY_FILES.sobol].sort());
    const sobol = csv(join(dir, 'sobol.csv'));
    expect(sobol[0]).toEqual(['rank', 'parameter', 'low', 'base', 'high', 'S1', 'S1_conf', 'ST', 'ST_conf', 'samples', 'metric', 'year', 'source']);
    expect(
      sobol
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['locations.bazhong.wageGrowth', 'utility.hometown.coefficient']);
    expect(sobol.slice(1).map((r) => r[0])).toEqual(['1', '2']);
    // Ranked by ST, every index a number with a non-negative half-interval.
    const ST = sobol.slice(1).map((r) => Number(r[7]));
    expect(ST[0]).toBeGreaterThanOrEqual(ST[1]);
    for (const row of sobol.slice(1)) for (const c of [5, 6, 7, 8]) expect(Number.isFinite(Number(row[c])) && row[c] !== '').toBe(true);
    for (const row of sobol.slice(1)) expect(Number(row[6]) >= 0 && Number(row[8]) >= 0).toBe(true);
    // k + 2 = 4 points per base sample: A, B, then A with each parameter's column from B.
    const points = csv(join(dir, 'points.csv'));
    expect(points[0]).toEqual(['point', 'sample', 'matrix', 'parameter', 'value', 'locations.bazhong.wageGrowth', 'utility.hometown.coefficient']);
    expect(points).toHaveLength(1 + 6 * 4);
    for (let j = 0; j < 6; j++) {
      const [a, b, ab1, ab2] = points.slice(1 + 4 * j, 5 + 4 * j);
      expect([a, b, ab1, ab2].map((r) => [r[1], r[2]])).toEqual([
        [String(j), 'A'],
        [String(j), 'B'],
        [String(j), 'AB'],
        [String(j), 'AB'],
      ]);
      expect([ab1[3], ab2[3]]).toEqual(['locations.bazhong.wageGrowth', 'utility.hometown.coefficient']);
      expect(ab1.slice(5)).toEqual([b[5], a[6]]);
      expect(ab2.slice(5)).toEqual([a[5], b[6]]);
    }
    const runs = csv(join(dir, 'runs.csv'));
    expect(runs[0].slice(0, 4)).toEqual(['point', 'sample', 'matrix', 'parameter']);
    expect(runs).toHaveLength(1 + 24 * 5 * SUMMARY_METRIC_NAMES.length);
    const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(record.design).toMatchObject({ type: 'sobol', parameters: 2, baseSamples: 6, points: 24, ranges: 'declared', bootstrap: { confidence: 0.95 } });
    const chart = JSON.parse(readFileSync(join(dir, 'sobol.vl.json'), 'utf8'));
    // Parameters in words, ordered by ST.
    expect(chart.encoding.y.scale.domain).toEqual(sobol.slice(1).map((r) => fieldLabel(r[1], 'en', tinyLabels)));
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(page).toContain("Sobol' indices");
    expect(page).toContain(escapeHtml(fieldLabel('utility.hometown.coefficient', 'en', tinyLabels)));
    expect((await cli(...sobolArgs, '--threads', '2', '--lang', 'en', '-o', 'sobol2', '-q')).code).toBe(0);
    expect(contents(join(scratch, 'sobol2'))).toEqual(contents(dir));
  });

  it("samples the baseline's posterior with --ranges posterior: each parameter's values are its particles' values", async () => {
    const { code, stdout } = await cli(
      'sensitivity',
      '-s',
      'baseline',
      '--method',
      'sobol',
      '--ranges',
      'posterior',
      '--n',
      '4',
      '--runs',
      '1',
      '--years',
      '1',
      '--scale',
      '500',
      '--lang',
      'en',
      '-o',
      'sobol-posterior',
    );
    expect(code).toBe(0);
    const loaded = await loadScenario('baseline', { cwd: scratch });
    const posterior = loaded.posterior!;
    const k = posterior.parameters.length;
    expect(unwrapped(stdout)).toContain(`sensitivity (Sobol', ${k} parameters of the posterior, 4 base samples): ${4 * (k + 2)} points`);
    const dir = join(scratch, 'sobol-posterior');
    const points = csv(join(dir, 'points.csv'));
    expect(points[0].slice(5).sort()).toEqual([...posterior.parameters].sort());
    expect(points).toHaveLength(1 + 4 * (k + 2));
    points[0].slice(5).forEach((path, c) => {
      const j = posterior.parameters.indexOf(path);
      const particles = new Set(posterior.values.filter((_, p) => posterior.weights[p] > 0).map((row) => row[j]));
      for (const row of points.slice(1)) expect(particles.has(Number(row[5 + c])), `${path} = ${row[5 + c]}`).toBe(true);
    });
    const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(record.design).toMatchObject({ type: 'sobol', ranges: 'posterior', posterior: posterior.file });
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('marginals of the posterior');
  });

  it('another seed samples other points', async () => {
    expect((await cli(...sobolArgs, '--seed', '8', '-o', 'sobol-seed8', '-q')).code).toBe(0);
    expect((await cli(...sobolArgs, '-o', 'sobol-zh', '-q')).code).toBe(0);
    expect(readFileSync(join(scratch, 'sobol-seed8', 'points.csv'))).not.toEqual(readFileSync(join(scratch, 'sobol-zh', 'points.csv')));
    expect(readFileSync(join(scratch, 'sobol-zh', 'report.html'), 'utf8')).toContain('Sobol 指数');
  });

  it.each([
    [['--method', 'sobol', '--max-model-runs', '23'], /24 points × 1 run = 24 model runs, more than the limit of 23\n    fix: use fewer base samples \(-n\)/],
    [['--method', 'sobol', '--n', '1'], /(?<!-)-n is given 2 times[^]*give -n once/],
    [['--method', 'sobol', '--ranges', 'posterior'], /--ranges posterior: the scenario tiny names no posterior/],
    [['--method', 'oat', '--ranges', 'posterior'], /only --method sobol does/],
  ])('refuses %j with exit code 2, writing nothing', async (extra, message) => {
    const { code, stderr } = await cli('sensitivity', '-s', 'tiny.yaml', '--n', '6', '--runs', '1', '--years', '1', '-o', 'refused', ...extra);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(scratch, 'refused'))).toBe(false);
  });
});

describe('report.html and the words of the charts', () => {
  const grid = [
    '--vary',
    'utility.hometown.coefficient=0.5,2',
    '--vary',
    'locations.bazhong.wageGrowth=0.03,0.07',
    '--runs',
    '1',
    '--years',
    '2',
    '--threads',
    '1',
  ];
  const spec = (dir: string, name: string) => JSON.parse(readFileSync(join(scratch, dir, `${name}.vl.json`), 'utf8'));
  const page = (dir: string) => readFileSync(join(scratch, dir, 'report.html'), 'utf8');
  const html = (text: string) => escapeHtml(text);

  it.each(['zh', 'en'] as const)('a sweep writes report.html in %s, parameters named in words in the page, axis and legend', async (lang) => {
    const { code } = await cli('sweep', '-s', 'tiny.yaml', ...grid, '--lang', lang, '-o', `sweep-${lang}`, '-q');
    expect(code).toBe(0);
    const text = page(`sweep-${lang}`);
    expect(text).toMatch(lang === 'zh' ? /^<!DOCTYPE html>\n<html lang="zh-CN">/ : /^<!DOCTYPE html>\n<html lang="en">/);
    expect(text).toContain(lang === 'zh' ? '参数扫描' : 'parameter sweep');
    for (const path of ['utility.hometown.coefficient', 'locations.bazhong.wageGrowth']) expect(text).toContain(html(fieldLabel(path, lang, tinyLabels)));
    // The chart: the first parameter on the x axis, the second in a titled legend, the outcome in words with its year.
    // The names are words, not the paths (fieldLabel's dictionary), and the page does not show the paths in their place.
    expect(fieldLabel('utility.hometown.coefficient', lang, tinyLabels)).not.toBe('utility.hometown.coefficient');
    const chart = spec(`sweep-${lang}`, 'sweep');
    const line = chart.layer[1].encoding;
    expect(line.x.title).toBe(fieldLabel('utility.hometown.coefficient', lang, tinyLabels));
    expect(line.color.title).toBe(fieldLabel('locations.bazhong.wageGrowth', lang, tinyLabels));
    expect(chart.layer[0].encoding.y.title).toBe(outcomeTitle({ metric: 'netRetention', year: 2025 }, lang));
    expect(chart.layer[0].encoding.y.title).toMatch(lang === 'zh' ? /^2025年/ : / in 2025$/);
  });

  it.each(['zh', 'en'] as const)('a sensitivity analysis writes report.html and its tornado chart in %s', async (lang) => {
    const { code } = await cli('sensitivity', '-s', 'tiny.yaml', '--runs', '1', '--years', '1', '--lang', lang, '-o', `oat-${lang}`, '-q');
    expect(code).toBe(0);
    const text = page(`oat-${lang}`);
    expect(text).toContain(lang === 'zh' ? '敏感性分析' : 'sensitivity analysis');
    for (const path of ['utility.hometown.coefficient', 'locations.bazhong.wageGrowth']) expect(text).toContain(html(fieldLabel(path, lang, tinyLabels)));
    const bars = spec(`oat-${lang}`, 'tornado').layer[0].encoding;
    expect(bars.x.title).toBe(outcomeTitle({ metric: 'netRetention', year: 2024 }, lang));
    expect(bars.color.scale.domain).toEqual(lang === 'zh' ? ['参数取区间下限', '参数取区间上限'] : ['parameter at its low end', 'parameter at its high end']);
    for (const [path, range] of [
      ['utility.hometown.coefficient', '[0.5, 2]'],
      ['locations.bazhong.wageGrowth', '[0.03, 0.07]'],
    ])
      expect(bars.y.scale.domain).toContain(`${fieldLabel(path, lang, tinyLabels)} ${range}`);
  });

  it('takes the old names --outcome and --year with a one-line note each, and does what --metric and --horizon do', async () => {
    const old = await cli('sweep', '-s', 'tiny.yaml', ...grid, '--outcome', 'residents', '--year', '2024', '-o', 'old-names');
    const now = await cli('sweep', '-s', 'tiny.yaml', ...grid, '--metric', 'residents', '--horizon', '2024', '-o', 'new-names');
    expect(old.code).toBe(0);
    expect(old.stderr).toContain(`note: ${messages.renamed('outcome', 'metric').message}\n`);
    expect(old.stderr).toContain(`note: ${messages.renamed('year', 'horizon').message}\n`);
    expect(old.stderr.split('\n').filter((l) => l.startsWith('note: '))).toHaveLength(2);
    expect(now.stderr).not.toMatch(/^note: /m);
    const record = (dir: string) => JSON.parse(readFileSync(join(scratch, dir, 'run.json'), 'utf8')).outcome;
    expect(record('old-names')).toEqual({ metric: 'residents', year: 2024 });
    expect(record('new-names')).toEqual(record('old-names'));
    const withoutTimeAndFolder = (text: string) =>
      unwrapped(text)
        .replace(/\d+\.\d s\b/g, '')
        .replace(/(old|new)-names/g, '');
    expect(withoutTimeAndFolder(old.stdout)).toBe(withoutTimeAndFolder(now.stdout));
    expect(spec('old-names', 'sweep')).toEqual(spec('new-names', 'sweep'));
  });
});

describe('the real command (smoke tests)', () => {
  it('sim sweep writes its folder', () => {
    const stdout = binary(
      'sweep',
      '-s',
      'tiny.yaml',
      '--vary',
      'utility.hometown.coefficient=0.5,2',
      '--runs',
      '1',
      '--years',
      '1',
      '--threads',
      '2',
      '-o',
      'bin-sweep',
    );
    expect(stdout).toMatch(/^tiny sweep \(grid\): 2 points × 1 run × 1 year/);
    expect(readdirSync(join(scratch, 'bin-sweep')).sort()).toEqual([...SWEEP_FILES].sort());
  });

  it('sim sensitivity writes its folder', () => {
    expect(binary('sensitivity', '-s', 'tiny.yaml', '--runs', '1', '--years', '1', '-o', 'bin-oat', '-q')).toBe(join(scratch, 'bin-oat') + '\n');
    expect(readdirSync(join(scratch, 'bin-oat')).sort()).toEqual([...SENSITIVITY_FILES.oat].sort());
  });
});
