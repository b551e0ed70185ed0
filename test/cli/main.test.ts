// The command line, in-process through main() (arguments, exit codes, messages, outputs), and one smoke test each of
// running and validating through the installed `sim` script.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { tinyPolicyScenarioInput, tinyScenarioInput, runCli } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const tinyFile = join(scratch, 'tiny.yaml');
writeFileSync(tinyFile, stringify({ ...tinyScenarioInput(), run: { ...tinyScenarioInput().run, years: 2, runs: 2 } }));

const cli = (...argv: string[]) => runCli(scratch, ...argv);

describe('sim (in-process)', () => {
  it('shows help with examples', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Examples:/);
    expect(stdout).toMatch(/sim validate/);
  });

  it('validates a scenario', async () => {
    const { code, stdout } = await cli('validate', 'tiny.yaml');
    expect(code).toBe(0);
    expect(stdout).toBe('tiny.yaml: ok — 4 locations, 4 populations (13,000 persons), 2 assumptions with ranges\n');
  });

  it('lists scenario errors with their place and exits 2', async () => {
    writeFileSync(join(scratch, 'bad.yaml'), readFileSync(tinyFile, 'utf8').replace('runs: 2', 'runs: 0'));
    const { code, stderr } = await cli('validate', 'bad.yaml');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*bad\.yaml:\d+:\d+: run\.runs: /m);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['-s', 'tiny.yaml', '--runs', '0'], /--runs 0 is out of range: it takes a whole number from 1 to 10000\n    fix: e.g. --runs 20/],
    [['-s', 'tiny.yaml', '--threads', 'abc'], /--threads "abc" is not a number: it takes a whole number from 1 to 64/],
    [['-s', 'tiny.yaml', '--scale', '0.5'], /--scale 0.5 is out of range: it takes a number from 1 to 100000/],
    [['-s', 'tiny.yaml', '--runs', '2', '--runs', '3'], /--runs is given 2 times/],
    [['-s', 'tiny.yaml', '--colour'], /unknown option --colour\n    fix: see sim --help for the options/],
    [[], /no scenario given: --scenario is required\n    fix: name a scenario file/],
    [['-s', 'no-such-scenario.yaml'], /not found/],
  ])('rejects %j with a message and exit code 2', async (argv, message) => {
    const { code, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: /);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('runs a scenario, writes its outputs and prints a summary', async () => {
    const { code, stdout, stderr } = await cli('-s', 'tiny.yaml', '--threads', '1', '--out', 'results/tiny');
    expect(stderr.replace(/^warning: the 5–95 % bands rest on .*\n(?: {4}.*\n)*/m, '')).toBe('');
    expect(code).toBe(0);
    expect(existsSync(join(scratch, 'results', 'tiny', 'summary.csv'))).toBe(true);
    expect(stdout).toMatch(/^tiny: 2 runs × 2 years at 10 persons per agent, 1 thread, [\d.]+ s$/m);
    expect(stdout).toMatch(/outputs in results\/tiny\/: timeseries\.csv/);
    expect(stdout).toMatch(/Bazhong in 2024 \(mean over 2 runs; 5–95 % band in brackets\):/);
    expect(stdout).toMatch(/Net retention \(movers in − out\) +-?[\d,]+ persons +\[-?[\d,]+ to -?[\d,]+\]/);
    expect(stdout).toMatch(/Talent recruited +[\d,]+ persons/);
    expect(stdout).toMatch(/Top-talent share +[\d.]+ %/);
    expect(stdout).toMatch(/policies\.csv, policies-summary\.csv, run\.json\n/);
    // Without policies, no effective-talent or cost lines.
    expect(stdout).not.toMatch(/Effective talent|CNY/);
  });

  it('prints effective talent, residents and the total cost when the scenario has policies', async () => {
    writeFileSync(
      join(scratch, 'tiny-policies.yaml'),
      stringify({ ...tinyPolicyScenarioInput(), run: { ...tinyPolicyScenarioInput().run, years: 2, runs: 2 } }),
    );
    const { code, stdout, stderr } = await cli('-s', 'tiny-policies.yaml', '--threads', '1', '--out', 'results/tiny-policies');
    expect(stderr.replace(/^warning: the 5–95 % bands rest on .*\n(?: {4}.*\n)*/m, '')).toBe('');
    expect(code).toBe(0);
    // The list of outputs, wrapped at 100 columns, joined again.
    const lines = stdout
      .replace(/,\n {2}/g, ', ')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(13);
    expect(lines[2]).toBe('Bazhong in 2024 (mean over 2 runs; 5–95 % band in brackets):');
    expect(lines[3]).toMatch(/^ {2}Net retention \(movers in − out\) {2}/);
    expect(lines[6]).toBe('Bazhong at the end of 2025 with 3 policies (subsidy, flexible-hiring, chengdu-centre):');
    expect(lines[7]).toMatch(/^ {2}Effective talent \(FTE\) +[\d,]+ persons +\[[\d,]+ to [\d,]+\]$/);
    expect(lines[8]).toMatch(/^ {2}Resident talent +[\d,]+ persons +\[[\d,]+ to [\d,]+\]$/);
    // The work done for Bazhong from elsewhere, by scheme.
    expect(lines[9]).toMatch(/^ {4}Flexible hiring \(FTE\) +[\d,]+ persons +\[[\d,]+ to [\d,]+\]$/);
    expect(lines[10]).toMatch(/^ {4}Enclave centres \(FTE\) +[\d,]+ persons +\[[\d,]+ to [\d,]+\]$/);
    expect(lines[11]).toMatch(/^ {2}Cumulative policy spending 2024–2025 +[\d,.]+ M CNY +\[[\d,.]+ M to [\d,.]+ M\]$/);
    expect(lines[12]).toBe('charts and report: results/tiny-policies/report.html');
    // Labels line up.
    expect(new Set(lines.filter((line) => line.startsWith('  ')).map((line) => line.indexOf('   ['))).size).toBe(1);
    const figure = (line: string) => Number(line.match(/ ([\d,]+) (persons|FTE)/)![1].replace(/,/g, ''));
    // Enclave staff and flexible experts work for Bazhong without living there: effective = residents + FTE.
    expect(figure(lines[7])).toBeGreaterThan(figure(lines[8]));
    expect(Math.abs(figure(lines[7]) - figure(lines[8]) - figure(lines[9]) - figure(lines[10]))).toBeLessThanOrEqual(2);
  });

  it('checks the output folder before running', async () => {
    writeFileSync(join(scratch, 'in-the-way'), '');
    const { code, stdout, stderr } = await cli('-s', 'tiny.yaml', '--out', 'in-the-way/sub');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: cannot create the output folder .*in-the-way[\\/]sub: .*\n {4}fix: /);
  });

  it('prints only the output folder with --quiet', async () => {
    const { code, stdout } = await cli('-s', 'tiny.yaml', '--quiet', '--years', '1', '--runs', '1');
    expect(code).toBe(0);
    expect(stdout).toBe(join(scratch, 'output', 'tiny') + '\n');
  });
});

describe('bin/sim.js (smoke tests)', () => {
  const bin = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
  const run = async (...argv: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...argv], { cwd: scratch, env: { ...process.env, CI: '1' } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('runs a scenario on worker threads from the compiled package', async () => {
    const { code, stdout } = await run('--scenario', tinyFile, '--threads', '2', '--out', 'from-bin');
    expect(code).toBe(0);
    expect(stdout).toMatch(/2 threads/);
    expect(readFileSync(join(scratch, 'from-bin', 'run.json'), 'utf8')).toMatch(/"threads": 2/);
  });

  it('validates the shipped baseline scenario', async () => {
    const baseline = fileURLToPath(new URL('../../scenarios/baseline.yaml', import.meta.url));
    if (!existsSync(baseline)) return;
    const { code, stdout } = await run('validate', baseline);
    expect(code).toBe(0);
    expect(stdout).toMatch(/: ok — \d+ locations, \d+ populations \([\d,]+ persons\), \d+ assumptions with ranges/);
  });
});
