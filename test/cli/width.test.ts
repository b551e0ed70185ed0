// Every line a command prints fits 100 columns (display width: a Chinese character takes two), on the tiny fixtures,
// with the parameter names and policy names they carry; and the layout helpers that make it so.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { modelRunsDone, outputsIn, pathFrom, runsAndYears, table, wrap } from '../../src/cli/layout.js';
import { runCli, tinyPolicyScenarioInput, tinyScenarioInput } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-width-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const tiny = { ...tinyScenarioInput(), run: { ...tinyScenarioInput().run, years: 2, runs: 2 } };
writeFileSync(join(scratch, 'tiny.yaml'), stringify(tiny));
// A policy with a Chinese name, so that the summary's policy line holds wide characters.
const policies = tinyPolicyScenarioInput();
writeFileSync(
  join(scratch, 'policies.yaml'),
  stringify({ ...policies, run: tiny.run, policies: policies.policies!.map((p, i) => (i === 1 ? { ...p, name: '候鸟型专家柔性引进计划' } : p)) }),
);

/** The lines of `text` wider than 100 columns. */
const tooWide = (text: string) => text.split('\n').filter((line) => stringWidth(line) > 100);

describe('summaries fit 100 columns', () => {
  // A deep output folder: the "outputs in" line had every file name on one line (410 characters).
  const out = (name: string) => join('results', 'a-rather-long-folder-name-for-results', 'of-this-particular-study', name);
  it.each([
    ['sim --scenario', ['--scenario', 'policies.yaml', '-o', out('run')]],
    [
      'sim sweep (grid)',
      [
        'sweep',
        '-s',
        'tiny.yaml',
        '--runs',
        '1',
        '--vary',
        'utility.income.coefficient=1,2',
        '--vary',
        'utility.hometown.coefficient=0.5,2',
        '-o',
        out('grid'),
      ],
    ],
    ['sim sweep (lhs)', ['sweep', '-s', 'tiny.yaml', '--runs', '1', '--years', '1', '--sample', 'lhs', '--n', '6', '-o', out('lhs')]],
    ['sim compare', ['compare', 'policies.yaml', '--baseline', 'tiny.yaml', '-o', out('cmp')]],
    ['sim compare --lang en', ['compare', 'policies.yaml', '--baseline', 'tiny.yaml', '--lang', 'en', '-o', out('cmp-en')]],
    ['sim sensitivity (oat)', ['sensitivity', '-s', 'tiny.yaml', '--runs', '1', '-o', out('oat')]],
    ['sim sensitivity (morris)', ['sensitivity', '-s', 'tiny.yaml', '--runs', '1', '--years', '1', '--method', 'morris', '-r', '2', '-o', out('morris')]],
  ])('%s', async (_, argv) => {
    const { code, stdout, stderr } = await runCli(scratch, ...argv);
    expect(stderr.replace(/^warning: .*\n(?: {4}.*\n)*/gm, '')).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n').length).toBeGreaterThan(4);
    expect(tooWide(stdout)).toEqual([]);
    // The folder is named as typed, relative to the working directory.
    expect(stdout).toContain(`${out('')}`);
  });
});

describe('layout', () => {
  it('wraps prose at spaces and Chinese between characters, counting a Chinese character as two columns', () => {
    const text = `${'word '.repeat(30)}候鸟型专家`.trim();
    const wrapped = wrap(text, '    ', 40);
    expect(tooWide(wrapped.replace(/^/gm, ' '.repeat(60)))).toEqual([]);
    expect(wrapped.split('\n').every((line) => stringWidth(line) <= 40)).toBe(true);
    expect(wrapped.replace(/\n {4}/g, ' ')).toBe(text + '\n');
    // Chinese has no spaces: it breaks between characters, never before closing punctuation nor after opening.
    expect(wrap('候'.repeat(30), '  ', 50)).toBe('候'.repeat(25) + '\n  ' + '候'.repeat(5) + '\n');
    const zh = '到2033年，单项建议中增加最多的是乡友回引（+167人）、候鸟型专家（+80人）。';
    for (const columns of [12, 16, 20, 24, 30]) {
      const lines = wrap(zh, '', columns).trimEnd().split('\n');
      expect(lines.join('')).toBe(zh);
      expect(lines.every((line) => stringWidth(line) <= columns || !/[\u4e00-\u9fff]/.test(line))).toBe(true);
      expect(lines.slice(1).every((line) => !/^[，。、；：）]/.test(line))).toBe(true);
      expect(lines.every((line) => !/[（]$/.test(line))).toBe(true);
    }
  });
  it('puts a long output folder on its own line, relative to the working directory when that is shorter', () => {
    expect(outputsIn('/work/out/flexible', '/work', ['a.csv', 'b.csv'])).toBe('outputs in out/flexible/: a.csv, b.csv\n');
    const deep = `/data/${'deep-folder/'.repeat(6)}run`;
    const text = outputsIn(deep, '/home/user', ['timeseries.csv', 'flows.csv']);
    expect(text).toBe(`outputs in\n  ${deep}/\n  timeseries.csv, flows.csv\n`);
    expect(pathFrom('/tmp/x', '/home/user/project')).toBe('/tmp/x');
    expect(pathFrom('/home/user/x', '/home/user/project')).toBe('../x');
  });
  it('lines up a table within the width, a label too long on a line of its own', () => {
    const rows = [
      { label: '  short', rest: '1   [0 to 2]' },
      { label: `  ${'x'.repeat(95)}`, rest: '3   [2 to 4]' },
    ];
    const lines = table(rows).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0].indexOf('1   [')).toBe(lines[2].indexOf('3   ['));
    expect(tooWide(table(rows))).toEqual([]);
  });
  it('words progress in runs and simulated years, not ticks', () => {
    // 20 runs of 3 burn-in and 10 reported years of 12 ticks: 156 ticks a run.
    const words = runsAndYears(20, 2024, 3, 12);
    const total = 20 * 156;
    expect(words(0, total)).toBe('0/20 runs · burn-in');
    expect(words(12 * 156 + 36 + 5 * 12, total)).toBe('12/20 runs · year 2029');
    expect(words(total, total)).toBe('20/20 runs');
    expect(modelRunsDone(156)(12 * 156 + 100, 40 * 156)).toBe('12/40 model runs');
  });
});
