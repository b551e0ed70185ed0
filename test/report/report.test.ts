// `sim report DIR`: a sweep's and a sensitivity analysis's folders written again from their files, byte for byte the
// files of the command itself (with another language or outcome too), and clear errors that write nothing. Needs
// `npm run build` (workers run dist/).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { tinyPolicyScenarioInput, tinyScenarioInput, runCli } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
writeFileSync(join(scratch, 'tiny.yaml'), stringify(tinyScenarioInput()));
const policy = tinyPolicyScenarioInput();
writeFileSync(join(scratch, 'policies.yaml'), stringify(policy));
writeFileSync(join(scratch, 'flex.yaml'), stringify({ ...policy, name: 'flex', policies: [policy.policies![1]] }));
const cli = (...argv: string[]) => runCli(scratch, ...argv);
const tiny = ['-s', 'tiny.yaml', '--runs', '2', '--years', '2', '--quiet'];

/** Every file of a folder by name; run.json without its wall time, which differs between two runs of a command. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8').replace(/"wallMs": \d+/, '"wallMs": 0')]),
  );
}

async function ok(...argv: string[]) {
  const result = await cli(...argv);
  expect(result.stderr.replace(/warning:[^]*?(?=\n\S|$)/g, '').trim(), result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result;
}

const experiments = [
  ['sweep grid', 'sweep', '--vary', 'locations.bazhong.wageGrowth'],
  ['sweep lhs', 'sweep', '--sample', 'lhs', '--n', '4'],
  ['one at a time', 'sensitivity'],
  ['Morris', 'sensitivity', '--method', 'morris', '--trajectories', '2'],
  ['Sobol', 'sensitivity', '--method', 'sobol', '--n', '4'],
] as const;

describe('sim report', () => {
  for (const [what, command, ...rest] of experiments) {
    const name = what.replace(/ /g, '-');
    it(`writes a ${what} folder again, byte for byte (run.json included), without running the model`, async () => {
      await ok(command, ...tiny, ...rest, '--out', name);
      const again = await ok('report', name, '--out', `${name}-again`);
      expect(again.stdout).toContain('no model run');
      expect(contents(join(scratch, `${name}-again`))).toEqual(contents(join(scratch, name)));
      // In place: the folder replaced by the same files.
      const before = contents(join(scratch, name));
      await ok('report', name, '--quiet');
      expect(contents(join(scratch, name))).toEqual(before);
    });

    it(`gives for a ${what} what the command gives with --lang en --metric residents --horizon 2024`, async () => {
      const options = ['--lang', 'en', '--metric', 'residents', '--horizon', '2024'];
      await ok(command, ...tiny, ...rest, ...options, '--out', `${name}-en`);
      await ok('report', name, ...options, '--out', `${name}-en-again`);
      const direct = contents(join(scratch, `${name}-en`));
      expect(direct['report.html']).toMatch(/<html lang="en"/);
      expect(contents(join(scratch, `${name}-en-again`))).toEqual(direct);
      // The English folder read back keeps its language and outcome when none is given.
      await ok('report', `${name}-en`, '--out', `${name}-en-kept`);
      expect(contents(join(scratch, `${name}-en-kept`))).toEqual(direct);
    });
  }

  describe('a robustness analysis', () => {
    const robustness = [
      'robustness',
      '--policies',
      'policies.yaml',
      'flex.yaml',
      '--baseline',
      'tiny.yaml',
      '--futures',
      '6',
      '--runs',
      '2',
      '--years',
      '2',
      '--quiet',
    ];

    it('writes its folder again, byte for byte (run.json included), without running the model', async () => {
      await ok(...robustness, '--out', 'robustness');
      const again = await ok('report', 'robustness', '--out', 'robustness-again');
      expect(again.stdout).toMatch(/robustness of 2 policies against tiny: 6 futures × 2 runs written again from robustness, no model\s+run/);
      expect(Object.keys(contents(join(scratch, 'robustness')))).toContain('prim.csv');
      expect(contents(join(scratch, 'robustness-again'))).toEqual(contents(join(scratch, 'robustness')));
      const before = contents(join(scratch, 'robustness'));
      await ok('report', 'robustness', '--quiet');
      expect(contents(join(scratch, 'robustness'))).toEqual(before);
    });

    it('gives what the command gives with --lang en, and keeps the language of an English folder', async () => {
      await ok(...robustness, '--lang', 'en', '--out', 'robustness-en');
      await ok('report', 'robustness', '--lang', 'en', '--out', 'robustness-en-again');
      const direct = contents(join(scratch, 'robustness-en'));
      expect(direct['report.html']).toMatch(/<html lang="en"/);
      expect(contents(join(scratch, 'robustness-en-again'))).toEqual(direct);
      await ok('report', 'robustness-en', '--out', 'robustness-en-kept');
      expect(contents(join(scratch, 'robustness-en-kept'))).toEqual(direct);
    });

    it('gives with the metric and horizon it holds what it gives without', async () => {
      await ok('report', 'robustness', '--metric', 'effectiveTalent', '--horizon', '2025', '--out', 'robustness-same-outcome');
      expect(contents(join(scratch, 'robustness-same-outcome'))).toEqual(contents(join(scratch, 'robustness')));
    });
  });

  describe('refuses, exit 2 and nothing written', () => {
    const refused = async (dir: string, pattern: RegExp) => {
      const out = join(scratch, `${dir}-out`);
      const { code, stderr } = await cli('report', dir, '--out', `${dir}-out`);
      expect(stderr).toMatch(pattern);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(code).toBe(2);
      expect(existsSync(out)).toBe(false);
    };
    const copy = (from: string, to: string) => {
      rmSync(join(scratch, to), { recursive: true, force: true });
      cpSync(join(scratch, from), join(scratch, to), { recursive: true });
      return join(scratch, to);
    };
    const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));

    it('a folder that does not exist: not found, not "has no run.json"', async () => {
      await refused('nowhere', /result folder nowhere not found[^]*fix: check the path/);
      const { stderr } = await cli('report', 'nowhere');
      expect(stderr).not.toMatch(/run\.json/);
    });

    it('a file, not a folder', async () => {
      writeFileSync(join(scratch, 'a-file.yaml'), 'name: x\n');
      await refused('a-file.yaml', /a-file\.yaml is a file, not a result folder/);
    });

    it('a folder without run.json', async () => {
      copy('sweep-grid', 'no-record');
      rmSync(join(scratch, 'no-record', 'run.json'));
      await refused('no-record', /no-record has no run\.json/);
    });

    it('a run.json of another version', async () => {
      edit(join(copy('sweep-grid', 'old-version'), 'run.json'), (t) => t.replace(/"version": "[^"]*"/, '"version": "0.0.1"'));
      await refused('old-version', /old-version\/run\.json was written by \S+ 0\.0\.1/);
    });

    it('a run.json that is not JSON', async () => {
      edit(join(copy('sweep-grid', 'broken-record'), 'run.json'), (t) => t.slice(0, 40));
      await refused('broken-record', /broken-record\/run\.json cannot be read/);
    });

    it('the folder of a command it does not read', async () => {
      edit(join(copy('sweep-grid', 'single-run'), 'run.json'), (t) => t.replace('"command": "sweep"', '"command": "run"'));
      await refused('single-run', /cannot yet read back the folder of `sim run`[^]*sweep, sensitivity [^]*robustness [^]* and calibrate/);
    });

    it('a robustness analysis for another metric or horizon than its runs file holds', async () => {
      for (const [option, value] of [
        ['--metric', 'residents'],
        ['--horizon', '2024'],
      ]) {
        const { code, stderr } = await cli('report', 'robustness', option, value, '--out', 'robustness-other-outcome');
        expect(stderr).toMatch(/holds every run's effectiveTalent in 2025 only[^]*run sim robustness again with --metric/);
        expect(code).toBe(2);
        expect(existsSync(join(scratch, 'robustness-other-outcome'))).toBe(false);
      }
    });

    it('a robustness analysis whose files do not agree with its run.json', async () => {
      edit(join(copy('robustness', 'robustness-seed'), 'run.json'), (t) =>
        t.replace(/("futures": \{[^}]*?"seed": )(\d+)/, (_, head, seed) => `${head}${Number(seed) + 1}`),
      );
      await refused('robustness-seed', /futures\.csv, line 2: expected the future planned again from run\.json's seed/);
      edit(join(copy('robustness', 'robustness-cut'), 'robustness-runs.csv'), (t) => t.split('\n').slice(0, 10).join('\n') + '\n');
      await refused('robustness-cut', /robustness-runs\.csv: 9 rows where the run's design makes 36/);
      edit(join(copy('robustness', 'robustness-value'), 'robustness-runs.csv'), (t) => t.replace(/\n(tiny,0,1,[^\n]*?),[^,\n]+\n/, '\n$1,lots\n'));
      await refused('robustness-value', /robustness-runs\.csv, line 3: the value "lots" is not a number/);
      edit(join(copy('robustness', 'robustness-posterior'), 'run.json'), (t) => t.replace('"from": "ranges"', '"from": "posterior"'));
      await refused('robustness-posterior', /cannot read back futures drawn from a posterior/);
    });

    it('a runs file edited into something unreadable', async () => {
      edit(join(copy('sweep-grid', 'edited-value'), 'sweep-runs.csv'), (t) => t.replace(/,netRetention,-?\d+(\.\d+)?\n/, ',netRetention,twelve\n'));
      await refused('edited-value', /sweep-runs\.csv, line \d+: the value "twelve" is not a number/);
      edit(join(copy('sweep-grid', 'cut-file'), 'sweep-runs.csv'), (t) => t.split('\n').slice(0, 20).join('\n') + '\n');
      await refused('cut-file', /sweep-runs\.csv: 19 rows where the run's design makes \d+/);
      edit(join(copy('Morris', 'edited-point'), 'runs.csv'), (t) => t.replace('\n0,0,0,', '\n0,1,0,'));
      await refused('edited-point', /runs\.csv, line 2: expected 0,0,0,/);
    });
  });
});
