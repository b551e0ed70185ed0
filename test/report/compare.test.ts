// `sim report DIR` for a comparison's folder: written again from its run.json, runs.csv and flows-tiers.csv byte for
// byte (in a new folder and in place), with --lang, --metric and --horizon what `sim compare` writes with them, and
// cut or edited files refused with exit 2 and nothing written. Needs `npm run build` (workers run dist/).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli, tinyPolicyScenarioInput, tinyScenarioInput } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-report-compare-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const policy = tinyPolicyScenarioInput();
writeFileSync(join(scratch, 'tiny.yaml'), stringify(tinyScenarioInput()));
writeFileSync(join(scratch, 'policies.yaml'), stringify(policy));
writeFileSync(join(scratch, 'flex.yaml'), stringify({ ...policy, name: 'flex', policies: [policy.policies![1]] }));
const cli = (...argv: string[]) => runCli(scratch, ...argv);
const compare = ['compare', 'policies.yaml', 'flex.yaml', '--baseline', 'tiny.yaml', '--runs', '3', '--years', '2', '--quiet'];

/**
 * Every file of a folder by name; in run.json the wall times set to 0 (two runs of `sim compare` take different times;
 * a folder written again keeps the ones it read).
 */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(join(scratch, dir))
      .sort()
      .map((f) => [f, readFileSync(join(scratch, dir, f), 'utf8').replace(/"wallMs": \d+/g, '"wallMs": 0')]),
  );
}

async function ok(...argv: string[]) {
  const result = await cli(...argv);
  expect(result.stderr.replace(/warning:[^]*?(?=\n\S|$)/g, '').trim(), result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result;
}

describe('sim report for a comparison', () => {
  beforeAll(async () => {
    await ok(...compare, '--out', 'cmp');
  }, 120_000);

  it('writes its folder again byte for byte (run.json included, wall times too), without running the model', async () => {
    const again = await ok('report', 'cmp', '--out', 'cmp-again');
    expect(again.stdout).toMatch(/comparison of 2 scenarios against tiny: 3 runs each written again from cmp, no model\s+run/);
    const direct = contents('cmp');
    expect(Object.keys(direct)).toEqual(expect.arrayContaining(['flows-tiers.csv', 'flows.vl.json', 'stock-by-tier.vl.json', 'report.html', 'run.json']));
    // Byte for byte, wall times included: they are read from run.json and written back.
    for (const file of Object.keys(direct))
      expect(readFileSync(join(scratch, 'cmp-again', file), 'utf8'), file).toBe(readFileSync(join(scratch, 'cmp', file), 'utf8'));
    expect(readdirSync(join(scratch, 'cmp-again')).sort()).toEqual(Object.keys(direct));
    // In place: the folder replaced by the same files.
    await ok('report', 'cmp', '--quiet');
    expect(contents('cmp')).toEqual(direct);
  });

  it('gives with --lang en, --metric residents and --horizon 2024 what sim compare gives with them', async () => {
    const options = ['--lang', 'en', '--metric', 'residents', '--horizon', '2024'];
    await ok(...compare, ...options, '--out', 'cmp-en');
    await ok('report', 'cmp', ...options, '--out', 'cmp-en-again');
    const direct = contents('cmp-en');
    expect(direct['report.html']).toMatch(/<html lang="en"/);
    expect(direct['ranking.csv']).toMatch(/\n\w+,2024,residents,/);
    expect(contents('cmp-en-again')).toEqual(direct);
    // The English folder read back keeps its language, metric and horizon when none is given.
    await ok('report', 'cmp-en', '--out', 'cmp-en-kept');
    expect(contents('cmp-en-kept')).toEqual(direct);
    // Each option alone, too.
    for (const [option, value] of [
      ['--lang', 'en'],
      ['--metric', 'residents'],
      ['--horizon', '2024'],
    ]) {
      const name = `cmp${option}`;
      await ok(...compare, option, value, '--out', name);
      await ok('report', 'cmp', option, value, '--out', `${name}-again`);
      expect(contents(`${name}-again`), option).toEqual(contents(name));
    }
  }, 120_000);

  describe('refuses, exit 2 and nothing written', () => {
    const refused = async (dir: string, pattern: RegExp, ...options: string[]) => {
      const { code, stderr } = await cli('report', dir, ...options, '--out', `${dir}-out`);
      expect(stderr).toMatch(pattern);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(code).toBe(2);
      expect(existsSync(join(scratch, `${dir}-out`))).toBe(false);
    };
    const copy = (to: string) => {
      rmSync(join(scratch, to), { recursive: true, force: true });
      cpSync(join(scratch, 'cmp'), join(scratch, to), { recursive: true });
      return join(scratch, to);
    };
    const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));

    it('a runs.csv cut short or edited, naming the file and line', async () => {
      edit(join(copy('cut-runs'), 'runs.csv'), (t) => t.split('\n').slice(0, 30).join('\n') + '\n');
      await refused('cut-runs', /cut-runs\/runs\.csv: 29 rows where the comparison makes \d+/);
      edit(join(copy('runs-value'), 'runs.csv'), (t) => t.replace(/\n(0,7,tiny,2024,\w+),[^,\n]+\n/, '\n$1,many\n'));
      await refused('runs-value', /runs-value\/runs\.csv, line 2: the value "many" is not a number/);
      edit(join(copy('runs-run'), 'runs.csv'), (t) => t.replace('\n0,7,tiny,2024,', '\n1,7,tiny,2024,'));
      await refused('runs-run', /runs-run\/runs\.csv, line 2: expected 0,7,tiny,2024,/);
    });

    it('a flows-tiers.csv missing, cut short or edited', async () => {
      rmSync(join(copy('no-flows'), 'flows-tiers.csv'));
      await refused('no-flows', /no-flows\/flows-tiers\.csv: the file is missing/);
      edit(join(copy('cut-flows'), 'flows-tiers.csv'), (t) => t.split('\n').slice(0, -3).join('\n') + '\n');
      await refused('cut-flows', /cut-flows\/flows-tiers\.csv, line \d+: expected flex,stock,2025,,,\w+ before the figures, found\s*$/m);
      edit(join(copy('flows-place'), 'flows-tiers.csv'), (t) => t.replace(/\ntiny,moves,,bazhong,/, '\ntiny,moves,,atlantis,'));
      await refused('flows-place', /flows-place\/flows-tiers\.csv, line 2: a row of moves needs two of tiny's places/);
      edit(join(copy('flows-value'), 'flows-tiers.csv'), (t) => t.replace(/\n(tiny,stock,2024,,,\w+),[^,\n]+,/, '\n$1,plenty,'));
      await refused('flows-value', /flows-value\/flows-tiers\.csv, line \d+: the mean "plenty" is not a number/);
      edit(join(copy('flows-extra'), 'flows-tiers.csv'), (t) => t + 'flex,stock,2026,,,top,1,1,1\n');
      await refused('flows-extra', /flows-extra\/flows-tiers\.csv, line \d+: a row after the last scenario's stocks/);
    });

    it('a run.json whose scenarios do not agree with its files', async () => {
      edit(join(copy('renamed'), 'run.json'), (t) => t.replace('"scenarios": [\n    "tiny"', '"scenarios": [\n    "tiny2"'));
      await refused('renamed', /renamed\/run\.json: the field "(scenarios|baseline)" is missing or of the wrong kind/);
      edit(join(copy('agents'), 'run.json'), (t) => t.replace(/"agents": \[/, '"agents": 3, "was": ['));
      await refused('agents', /agents\/run\.json: the field "runs\[0\]\.agents" is missing or of the wrong kind/);
    });

    it('a horizon the comparison did not simulate, or a metric it does not rank by', async () => {
      await refused('cmp', /2030/, '--horizon', '2030');
      await refused('cmp', /metric/i, '--metric', 'nonsense');
    });
  });
});
