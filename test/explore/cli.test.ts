// `sim explore`: writes one self-contained explorer.html, says where; refuses what a browser page cannot run.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli, tinyPolicyScenarioInput } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-explore-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('sim explore', () => {
  it('writes explorer.html for the whole package by default, with the scenario, its levers and the browser build inside', async () => {
    const { code, stdout, stderr } = await runCli(scratch, 'explore', '--runs', '3', '--years', '2');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^explore: combined, \d+ levers over \d+ policies; each setting runs 3 paired runs × 2 years at 40\s+persons per agent/);
    expect(stdout).toMatch(/outputs in output\/combined-explorer\/: explorer\.html/);
    expect(readdirSync(join(scratch, 'output', 'combined-explorer'))).toEqual(['explorer.html']);
    const html = readFileSync(join(scratch, 'output', 'combined-explorer', 'explorer.html'), 'utf8');
    const data = JSON.parse(html.match(/<script type="application\/json" id="explore-data">(.*?)<\/script>/s)![1]);
    expect(data.lang).toBe('zh');
    expect(data.model.settings).toMatchObject({ runs: 3, years: 2, scale: 40 });
    expect(data.model.levers.length).toBeGreaterThanOrEqual(20);
    expect(data.model.posterior.parameters.length).toBeGreaterThan(0);
    // Nothing is loaded from elsewhere: no script, style or image is fetched by the page.
    // (the inlined scripts' own text aside, the page's elements name no source).
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>');
    expect(markup).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/);
    expect(html).toMatch(/id="explore-worker"/);
  }, 60_000);

  it('says one policy, one paired run and one year in the singular', async () => {
    const { code, stdout } = await runCli(scratch, 'explore', '-s', 'flexible', '--runs', '1', '--years', '1', '--scale', '1', '--out', 'singular');
    expect(code).toBe(0);
    const said = stdout.replace(/\s+/g, ' ');
    expect(said).toMatch(/ over 1 policy; each setting runs 1 paired run × 1 year at 1 person per agent/);
    expect(said).not.toMatch(/\b1 (policies|paired runs|years|persons)\b/);
  }, 60_000);

  it('takes --lang, --scale, --uncertainty none and --out, and --quiet prints only the folder', async () => {
    const { code, stdout } = await runCli(
      scratch,
      'explore',
      '-s',
      'flexible',
      '--lang',
      'en',
      '--scale',
      '100',
      '--uncertainty',
      'none',
      '-o',
      'fx',
      '--quiet',
    );
    expect(code).toBe(0);
    expect(stdout).toBe(join(scratch, 'fx') + '\n');
    const html = readFileSync(join(scratch, 'fx', 'explorer.html'), 'utf8');
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<title>Flexible expert hiring<\/title>/);
    const data = JSON.parse(html.match(/id="explore-data">(.*?)<\/script>/s)![1]);
    expect(data.model.posterior).toBeUndefined();
    expect(data.model.settings.scale).toBe(100);
  });

  it.each([
    [['-s', 'baseline'], /the scenario baseline has no policies/],
    [['-s', 'flexible', '--scale', '0'], /--scale/],
    [['-s', 'flexibel'], /did you mean "flexible\.yaml"\?/],
    [['-s', 'with-terms.yaml'], /has expression terms/],
  ])('refuses %j with a message and exit 2, writing nothing', async (argv, message) => {
    writeFileSync(join(scratch, 'with-terms.yaml'), stringify({ ...tinyPolicyScenarioInput(), terms: [{ name: 'lively', expr: '0.1 * services' }] }));
    const { code, stderr } = await runCli(scratch, 'explore', ...argv, '-o', 'refused');
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(scratch)).not.toContain('refused');
  });
});
