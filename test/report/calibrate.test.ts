// `sim report DIR` for a calibration's folder: written again byte for byte from its files (in another language too,
// as sim calibrate writes it), its fitted scenario file kept as the folder holds it, and clear errors that write
// nothing. Needs `npm run build` (workers run dist/).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { csvNumber } from '../../src/output/format.js';
import { packageScenarios } from '../../src/scenario/load.js';
import { runCli } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-report-calibration-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
// The baseline in the working directory (with the posterior file it names), so that the test can change it afterwards.
cpSync(join(packageScenarios, 'baseline.yaml'), join(scratch, 'baseline.yaml'));
mkdirSync(join(scratch, 'calibration'));
cpSync(join(packageScenarios, 'calibration', 'baseline.posterior.csv'), join(scratch, 'calibration', 'baseline.posterior.csv'));
// Two parameters, two fitted targets (a band and a one-sided one) and one held out: a quick calibration.
writeFileSync(
  join(scratch, 'small-targets.yaml'),
  stringify({
    parameters: ['locations.bazhong.jobSlack', 'jobMatching.elasticity'],
    targets: [
      {
        name: 'recruited2024',
        label: 'talents brought in (2024)',
        measure: { summary: 'recruited', year: 2024 },
        kind: 'within',
        range: [700, 800],
        tolerance: 75,
        source: 'test',
      },
      {
        name: 'residents2025',
        label: 'residents (2025)',
        measure: { summary: 'residents', year: 2025 },
        kind: 'atLeast',
        value: 1000,
        tolerance: 100,
        source: 'test',
      },
      {
        name: 'recruited2025',
        label: 'talents brought in (2025)',
        measure: { summary: 'recruited', year: 2025 },
        value: 700,
        tolerance: 75,
        heldOut: true,
        source: 'test',
      },
    ],
  }),
);
const cli = (...argv: string[]) => runCli(scratch, ...argv);
const calibration = ['calibrate', '-s', 'baseline.yaml', '-t', 'small-targets.yaml', '--scale', '400', '--particles', '10', '--generations', '2'];
const quick = ['--fit-runs', '1', '--threads', '1', '--quiet'];

/** Every file of a folder by name. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

async function ok(...argv: string[]) {
  const result = await cli(...argv);
  expect(result.stderr.replace(/warning:[^]*?(?=\n\S|$)/g, '').trim(), result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result;
}

await ok(...calibration, ...quick, '--out', 'calibration-zh');

describe('sim report for a calibration', () => {
  it('writes its folder again, byte for byte (run.json and the fitted scenario included), without running the model', async () => {
    const again = await ok('report', 'calibration-zh', '--out', 'calibration-zh-again');
    expect(again.stdout).toMatch(/calibration of baseline to small-targets\.yaml: 2 parameters, 10 particles written again/);
    expect(again.stdout).toContain('no model run');
    const first = contents(join(scratch, 'calibration-zh'));
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['particles.csv', 'posterior.csv', 'fit.csv', 'report.html', 'run.json', 'baseline.yaml']));
    expect(contents(join(scratch, 'calibration-zh-again'))).toEqual(first);
    // In place: the folder replaced by the same files.
    await ok('report', 'calibration-zh', '--quiet');
    expect(contents(join(scratch, 'calibration-zh'))).toEqual(first);
  });

  it('keeps in particles.csv the ensemble at full precision, posterior.csv its rounded copy', () => {
    const read = (file: string) => parse(readFileSync(join(scratch, 'calibration-zh', file), 'utf8'), { columns: true }) as Record<string, string>[];
    const exact = read('particles.csv');
    const rounded = read('posterior.csv');
    expect(exact.length).toBe(10);
    expect(Object.keys(exact[0])).toEqual([
      'particle',
      'index',
      'weight',
      'distance',
      'locations.bazhong.jobSlack',
      'jobMatching.elasticity',
      'simulated recruited2024',
      'simulated residents2025',
      'simulated recruited2025',
    ]);
    exact.forEach((p, k) => {
      for (const column of ['weight', 'distance', 'locations.bazhong.jobSlack', 'jobMatching.elasticity'])
        expect(rounded[k][column]).toBe(csvNumber(Number(p[column])));
    });
  });

  it('gives with --lang en what sim calibrate --lang en gives, and keeps the language of an English folder', async () => {
    await ok(...calibration, ...quick, '--lang', 'en', '--out', 'calibration-en');
    const direct = contents(join(scratch, 'calibration-en'));
    expect(direct['report.html']).toMatch(/<html lang="en"/);
    // run.json differs only by the wall time of the two calibrations.
    const noWall = (files: Record<string, string>) => ({ ...files, 'run.json': files['run.json'].replace(/"wallMs": \d+/, '"wallMs": 0') });
    await ok('report', 'calibration-zh', '--lang', 'en', '--out', 'calibration-zh-en');
    expect(noWall(contents(join(scratch, 'calibration-zh-en')))).toEqual(noWall(direct));
    await ok('report', 'calibration-en', '--out', 'calibration-en-kept');
    expect(contents(join(scratch, 'calibration-en-kept'))).toEqual(direct);
  });

  it('writes the fitted scenario file the folder holds, even after the scenario file calibrated has changed', async () => {
    const fitted = readFileSync(join(scratch, 'calibration-zh', 'baseline.yaml'), 'utf8');
    writeFileSync(join(scratch, 'baseline.yaml'), readFileSync(join(scratch, 'baseline.yaml'), 'utf8') + '# changed after the calibration\n');
    await ok('report', 'calibration-zh', '--out', 'calibration-changed');
    expect(readFileSync(join(scratch, 'calibration-changed', 'baseline.yaml'), 'utf8')).toBe(fitted);
  });

  describe('refuses, exit 2 and nothing written', () => {
    const refused = async (dir: string, pattern: RegExp, ...options: string[]) => {
      const out = join(scratch, `${dir}-out`);
      const { code, stderr } = await cli('report', dir, ...options, '--out', `${dir}-out`);
      expect(stderr).toMatch(pattern);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(code).toBe(2);
      expect(existsSync(out)).toBe(false);
    };
    const copy = (to: string) => {
      cpSync(join(scratch, 'calibration-zh'), join(scratch, to), { recursive: true });
      return join(scratch, to);
    };
    const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));

    it('an outcome, which a calibration does not have', async () => {
      await refused('calibration-zh', /has no outcome to choose: --metric and --horizon do not apply/, '--metric', 'residents');
      await refused('calibration-zh', /has no outcome to choose/, '--horizon', '2025');
    });

    it('a particles file cut short or edited', async () => {
      edit(join(copy('calibration-cut'), 'particles.csv'), (t) => t.split('\n').slice(0, 5).join('\n') + '\n');
      await refused('calibration-cut', /calibration-cut\/particles\.csv: 4 particles where run\.json records 10/);
      edit(join(copy('calibration-value'), 'particles.csv'), (t) => t.replace(/\n2,(\d+),[^,]+,/, '\n2,$1,heavy,'));
      await refused('calibration-value', /particles\.csv, line 4: the weight "heavy" is not a number/);
      rmSync(join(copy('calibration-no-particles'), 'particles.csv'));
      await refused('calibration-no-particles', /particles\.csv: the file is missing/);
    });

    it('a run.json whose targets or fit were edited', async () => {
      edit(join(copy('calibration-kind'), 'run.json'), (t) => t.replace('"kind": "within"', '"kind": "between"'));
      await refused('calibration-kind', /calibration-kind\/run\.json: the field "fits\[0\]\.target" is missing or of the wrong kind/);
      edit(join(copy('calibration-parameter'), 'run.json'), (t) => t.replace('"parameter": "jobMatching.elasticity"', '"parameter": "jobMatching.nothing"'));
      await refused('calibration-parameter', /the field "parameters\[1\]\.parameter" is missing/);
    });

    it('a folder without its fitted scenario file', async () => {
      rmSync(join(copy('calibration-no-fitted'), 'baseline.yaml'));
      await refused('calibration-no-fitted', /calibration-no-fitted\/baseline\.yaml: the file is missing/);
    });
  });
});
