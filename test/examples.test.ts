// The worked example in examples/ loads and changes results; broken plugins and expressions give clear errors naming the file and the problem.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReplication } from '../src/core/model.js';
import { HomeMetric, HOME_METRICS } from '../src/core/results.js';
import { ScenarioError, type ScenarioIssue } from '../src/core/errors.js';
import { loadScenario, loadScenarioSync } from '../src/scenario/load.js';

const examples = fileURLToPath(new URL('../examples/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sim-plugins-'));
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
const issuesOf = async (name: string): Promise<ScenarioIssue[]> => {
  try {
    await loadScenario(name, { cwd: dir });
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  throw new Error(`${name} loaded without error`);
};

describe('examples/student.yaml', () => {
  it('loads its plugin term, its plugin rule and its expression term', async () => {
    const { resolved } = await loadScenario(join(examples, 'student.yaml'));
    expect(resolved.utility.map((t) => t.name)).toEqual(expect.arrayContaining(['weekendCommute', 'climate', 'income']));
    expect(resolved.utility.find((t) => t.name === 'weekendCommute')?.origin).toEqual({ plugin: join(examples, 'commute-term.ts') });
    expect(resolved.policies.map((p) => p.spec.type)).toEqual(['mentoring']);
  });

  it('changes results against the baseline, and its rule reports what it did', async () => {
    const { resolved } = await loadScenario(join(examples, 'student.yaml'));
    const base = loadScenarioSync('baseline.yaml').resolved;
    const options = { replication: 0, seed: 3, years: 2, scale: 50 };
    const withPlugins = runReplication(resolved, options);
    const without = runReplication(base, options);
    expect(Buffer.from(withPlugins.flows.buffer).equals(Buffer.from(without.flows.buffer))).toBe(false);
    const mentoring = withPlugins.policies[0];
    const paired = mentoring.values[1 * (1 + mentoring.metrics.length) + 1 + mentoring.metrics.indexOf('paired')];
    expect(paired).toBeGreaterThan(0);
    expect(withPlugins.home[0 * HOME_METRICS.length + HomeMetric.diaspora]).toBeGreaterThan(0);
  });
});

describe('broken plugins and expressions', () => {
  it('a missing plugin file is named, at its line in the scenario', async () => {
    write('missing.yaml', 'extends: baseline.yaml\nplugins: [./nowhere.ts]\n');
    const [issue] = await issuesOf('missing.yaml');
    expect(issue.message).toBe(`plugin file not found: ${join(dir, 'nowhere.ts')}`);
    expect(issue.line).toBe(2);
  });

  it("a plugin that does not compile is named with the compiler's complaint", async () => {
    write('broken.ts', 'export const x = {;\n');
    write('broken.yaml', 'extends: baseline.yaml\nplugins: [./broken.ts]\n');
    const [issue] = await issuesOf('broken.yaml');
    expect(issue.message).toMatch(new RegExp(`^cannot load plugin ${join(dir, 'broken.ts').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
  });

  it('a plugin that exports nothing usable says what to export', async () => {
    write('empty.ts', 'export const answer = 42;\n');
    write('empty.yaml', 'extends: baseline.yaml\nplugins: [./empty.ts]\n');
    const [issue] = await issuesOf('empty.yaml');
    expect(issue.message).toBe(`${join(dir, 'empty.ts')} exports no utility term and no policy module`);
    expect(issue.hint).toMatch(/defineTerm/);
  });

  it('a term without a description is refused', async () => {
    write('bare.ts', 'export const t = { name: "bare", value: () => 1 };\n');
    write('bare.yaml', 'extends: baseline.yaml\nplugins: [./bare.ts]\nutility:\n  bare: { coefficient: 1 }\n');
    const [issue] = await issuesOf('bare.yaml');
    expect(issue.message).toMatch(/the utility term "bare" \(export t\) has no description/);
  });

  it('an expression with an unknown symbol names it and suggests the right one', async () => {
    write('expr.yaml', 'extends: baseline.yaml\nterms:\n  - { name: climate, expr: "0.2 * servics - 0.1 * travelHours" }\n');
    const [issue] = await issuesOf('expr.yaml');
    expect(issue).toMatchObject({
      path: ['terms', 0, 'expr'],
      message: 'unknown symbol "servics" in "0.2 * servics - 0.1 * travelHours"',
      hint: 'did you mean "services"?',
    });
    expect(issue.line).toBe(3);
  });

  it('an expression that does not parse says so', async () => {
    write('parse.yaml', 'extends: baseline.yaml\nterms:\n  - { name: bad, expr: "0.2 * (services" }\n');
    const [issue] = await issuesOf('parse.yaml');
    expect(issue.message).toMatch(/^cannot parse "0\.2 \* \(services": /);
  });

  it('an expression term changes utility exactly as written: a constant for staying is a status-quo bonus', async () => {
    write('stay.yaml', 'extends: baseline.yaml\nterms:\n  - { name: stayBonus, expr: "stay", coefficient: 5 }\n');
    const { resolved } = await loadScenario('stay.yaml', { cwd: dir });
    const base = loadScenarioSync('baseline.yaml').resolved;
    const options = { replication: 0, seed: 5, years: 1, scale: 100 };
    const moves = (r: ReturnType<typeof runReplication>) => r.flows.reduce((a, b) => a + b, 0);
    // A bonus of 5 for staying cuts every move by a factor of about e^5 relative to staying.
    expect(moves(runReplication(resolved, options))).toBeLessThan(moves(runReplication(base, options)) / 20);
  });

  it('a plugin term that gives no number is a scenario error naming it, also from worker threads (exit code 2)', () => {
    write('nan.ts', 'export const broken = { name: "broken", description: "log of zero", value: () => Math.log(0) };\n');
    write('nan.yaml', 'extends: baseline.yaml\nplugins: [./nan.ts]\nutility:\n  broken: { coefficient: 1 }\n');
    const bin = fileURLToPath(new URL('../bin/sim.js', import.meta.url));
    let code = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [bin, '--scenario', 'nan.yaml', '--runs', '2', '--years', '1', '--scale', '500', '--threads', '2', '--out', 'nan-out'], {
        cwd: dir,
        env: { ...process.env, CI: 'true' },
        stdio: 'pipe',
      });
    } catch (error) {
      code = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(code).toBe(2);
    // Placed in the scenario file, as a problem found while loading is.
    expect(stderr).toMatch(/^error: \S*nan\.yaml:4:3: utility\.broken: the utility term "broken" gave -Infinity/);
    expect(stderr).toMatch(/fix: a term must return a finite number/);
  });
});
