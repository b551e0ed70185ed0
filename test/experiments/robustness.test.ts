// `sim robustness` on the tiny fixtures written as files: the files it writes, identical outputs on 1 and 2 threads,
// every policy paired with the baseline in the same futures, and clear refusals. Needs `npm run build` (workers run dist/).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { prepareRobustness, ROBUSTNESS_FILES } from '../../src/experiments/robustness.js';
import { findFactor } from '../../src/scenario/paths.js';
import { runCli, tinyPolicyScenarioInput, tinyScenarioInput } from '../fixtures.js';
import { contents, csv } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-robustness-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const policy = tinyPolicyScenarioInput();
writeFileSync(join(scratch, 'tiny.yaml'), stringify(tinyScenarioInput()));
writeFileSync(join(scratch, 'policies.yaml'), stringify(policy));
writeFileSync(join(scratch, 'flex.yaml'), stringify({ ...policy, name: 'flex', policies: [policy.policies![1]] }));
// The baseline under another name: paired in the same futures with the same seeds, its effect must be exactly 0.
writeFileSync(join(scratch, 'same.yaml'), stringify({ ...tinyScenarioInput(), name: 'same' }));

const cli = (...argv: string[]) => runCli(scratch, ...argv);
const common = ['--baseline', 'tiny.yaml', '--futures', '6', '--runs', '2', '--lang', 'en'];

describe('sim robustness on the tiny fixtures', () => {
  let one: { code: number; stdout: string; stderr: string };
  let two: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    one = await cli('robustness', '--policies', 'policies.yaml', 'flex.yaml', 'same.yaml', ...common, '--threads', '1', '--out', 'one');
    two = await cli('robustness', '--policies', 'policies.yaml', 'flex.yaml', 'same.yaml', ...common, '--threads', '2', '--out', 'two');
  }, 120_000);

  it('writes its tables, charts, report and run.json, in the documented order', () => {
    expect(one.code, one.stderr).toBe(0);
    const written = Object.keys(JSON.parse(readFileSync(join(scratch, 'one', 'run.json'), 'utf8')).files);
    expect(written).toEqual(ROBUSTNESS_FILES.filter((f) => written.includes(f)));
    for (const f of ['robustness.csv', 'futures.csv', 'robustness-runs.csv', 'robustness-effects.vl.json', 'robustness-regret.vl.json', 'report.html'])
      expect(written).toContain(f);
    expect(one.stdout).toMatch(/Robustness of each policy across 6 futures/);
    for (const line of one.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('is byte-identical on 1 and 2 threads', () => {
    expect(two.code, two.stderr).toBe(0);
    expect(contents(join(scratch, 'two'))).toEqual(contents(join(scratch, 'one')));
  });

  it('pairs every policy with the baseline in the same futures: the baseline under another name has an effect of exactly 0', () => {
    const [head, ...rows] = csv(join(scratch, 'one', 'futures.csv'));
    expect(rows).toHaveLength(6);
    const same = head.indexOf('effect[same]');
    expect(rows.map((r) => r[same])).toEqual(rows.map(() => '0'));
    // And every effect is the mean over runs of the paired difference in robustness-runs.csv.
    const [runHead, ...runs] = csv(join(scratch, 'one', 'robustness-runs.csv'));
    const value = (scenario: string, future: number, run: number) =>
      Number(runs.find((r) => r[0] === scenario && r[1] === String(future) && r[2] === String(run))![runHead.indexOf('effectiveTalent')]);
    const flex = head.indexOf('effect[flex]');
    rows.forEach((row, f) => {
      const paired = [0, 1].map((r) => value('flex', f, r) - value('tiny', f, r));
      expect(Number(row[flex])).toBeCloseTo((paired[0] + paired[1]) / 2, 6);
    });
    expect(runs).toHaveLength(4 * 6 * 2);
  });

  it('sets each future’s values on every scenario and leaves the policies’ own parameters as they are', async () => {
    const prepared = await prepareRobustness(['policies.yaml', 'flex.yaml'], { cwd: scratch, baseline: 'tiny.yaml', futures: 5, runs: 1, out: 'unused' });
    expect(prepared.plan.factors.map((f) => f.label)).toEqual(['locations.bazhong.wageGrowth', 'utility.hometown.coefficient']);
    const scenarios = [prepared.baseline, ...prepared.policies];
    prepared.variants.forEach((futures, s) =>
      futures.forEach((resolved, f) => {
        prepared.plan.factors.forEach((factor, j) => {
          const own = findFactor(resolved.input, factor.label);
          expect(own.base).toBe(prepared.plan.values[f][j]);
        });
        expect(resolved.input.policies).toEqual(scenarios[s].scenario.policies);
      }),
    );
    // The futures are a Latin hypercube: one point in each fifth of each range.
    prepared.plan.factors.forEach((factor, j) => {
      const [low, high] = factor.range!;
      const strata = prepared.plan.values.map((v) => Math.floor(((v[j] - low) / (high - low)) * 5)).sort();
      expect(strata).toEqual([0, 1, 2, 3, 4]);
    });
  });

  it('leaves a parameter that a policy scenario sets itself as it is, with a note', async () => {
    const own = tinyScenarioInput();
    own.utility.hometown = { coefficient: { value: 1.9, range: [0.5, 2], source: 'assumption' } };
    writeFileSync(join(scratch, 'own.yaml'), stringify({ ...own, name: 'own', policies: [policy.policies![1]] }));
    const prepared = await prepareRobustness(['own.yaml'], { cwd: scratch, baseline: 'tiny.yaml', futures: 3, runs: 1, out: 'unused' });
    expect(prepared.notes).toEqual([expect.stringMatching(/^own sets utility\.hometown\.coefficient to 1\.9 itself/)]);
    const j = prepared.plan.factors.findIndex((f) => f.label === 'utility.hometown.coefficient');
    prepared.variants[1].forEach((resolved, f) => {
      expect(findFactor(resolved.input, 'utility.hometown.coefficient').base).toBe(1.9);
      expect(findFactor(prepared.variants[0][f].input, 'utility.hometown.coefficient').base).toBe(prepared.plan.values[f][j]);
    });
  });

  it('writes the report with the policies and, when a policy fails somewhere, a scenario-discovery section', () => {
    const html = readFileSync(join(scratch, 'one', 'report.html'), 'utf8');
    expect(html).toContain('Robustness of the policies across futures');
    expect(html).toContain('Scenario discovery (PRIM)');
    const [head, ...rows] = csv(join(scratch, 'one', 'robustness.csv'));
    expect(rows.map((r) => r[head.indexOf('policy')]).sort()).toEqual(['flex', 'same', 'tiny-policies']);
    expect(rows.map((r) => r[head.indexOf('rank')])).toEqual(['1', '2', '3']);
  });
});

describe('sim robustness refuses', () => {
  it.each([
    [['--discover', 'nope'], /--discover nope: no such policy/],
    [['--futures', '1'], /--futures/],
    [['--max-model-runs', '10'], /more than the limit of 10/],
    [['--vary', 'taste.sd'], /taste\.sd/],
  ])('%j with exit 2 and writes nothing', async (extra, message) => {
    const out = `refused-${extra.join('-')}`;
    const result = await cli('robustness', '--policies', 'flex.yaml', ...common, ...extra, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(scratch, out))).toBe(false);
  });
});
