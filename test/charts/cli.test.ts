// `sim --scenario` writes its charts and report.html beside its CSV files, in the language of --lang.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { tinyPolicyScenarioInput, runCli } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-cli-charts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
writeFileSync(join(scratch, 'tiny-policies.yaml'), stringify({ ...tinyPolicyScenarioInput(), run: { ...tinyPolicyScenarioInput().run, years: 2, runs: 2 } }));

const cli = (...argv: string[]) => runCli(scratch, ...argv);

describe('sim --scenario with charts', () => {
  it('writes the charts and a Chinese report.html by default', async () => {
    const { code, stderr } = await cli('-s', 'tiny-policies.yaml', '--threads', '1', '--out', 'zh');
    expect(stderr.replace(/^warning: the 5–95 % bands rest on .*\n(?: {4}.*\n)*/m, '')).toBe('');
    expect(code).toBe(0);
    for (const file of ['report.html', 'retention.vl.json', 'retention.svg', 'retention.png', 'spending.png', 'summary.csv'])
      expect(existsSync(join(scratch, 'zh', file)), file).toBe(true);
    expect(readFileSync(join(scratch, 'zh', 'report.html'), 'utf8')).toMatch(/<html lang="zh-CN">/);
  });

  it('writes English charts with --lang en', async () => {
    const { code } = await cli('-s', 'tiny-policies.yaml', '--threads', '1', '--out', 'en', '--lang', 'en');
    expect(code).toBe(0);
    expect(readFileSync(join(scratch, 'en', 'report.html'), 'utf8')).toMatch(/<html lang="en">/);
    expect(readFileSync(join(scratch, 'en', 'flows.svg'), 'utf8')).toContain('巴中 Bazhong');
  });

  it.each([
    [['--lang', 'fr'], /--lang "fr" is not one of zh, en\n    fix: /],
    [['--lang', 'en', '--lang', 'zh'], /--lang is given 2 times/],
  ])('rejects %j with exit code 2', async (extra, message) => {
    const { code, stderr } = await cli('-s', 'tiny-policies.yaml', '--out', 'bad', ...extra);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(existsSync(join(scratch, 'bad'))).toBe(false);
  });

  it('documents --lang in the help', async () => {
    const { stdout } = await cli('--help');
    expect(stdout).toMatch(/--lang/);
    expect(stdout).toMatch(/report\.html/);
  });
});
