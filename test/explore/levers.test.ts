// Levers: checked when a scenario loads (path, range, one per number), given their defaults, gathered through extends.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ScenarioError } from '../../src/core/errors.js';
import { defaultStep, resolveLevers } from '../../src/scenario/levers.js';
import { loadScenarioSync } from '../../src/scenario/load.js';
import { Scenario } from '../../src/scenario/schema.js';
import { runCli, tinyPolicyScenarioInput } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-levers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const withLevers = (levers: unknown[]) => Scenario.parse({ ...tinyPolicyScenarioInput(), levers });
const label = { zh: '名额', en: 'posts' };

describe('resolveLevers', () => {
  it('finds the number, its policy and the scenario value; the range and step default from the parameter', () => {
    const scenario = withLevers([
      { path: 'policies[flexible-hiring].slots', label, range: [0, 400] },
      { path: 'policies[chengdu-centre].positions', label, range: [0, 200], step: 5 },
    ]);
    const [slots, positions] = resolveLevers(scenario);
    expect(slots).toMatchObject({ path: 'policies[flexible-hiring].slots', value: 100, range: [0, 400], step: 2, policy: 1 });
    expect(positions).toMatchObject({ value: 50, step: 5, policy: 2 });
  });

  it('rounds the default step down to 1, 2 or 5 × a power of ten', () => {
    expect(defaultStep([0, 400])).toBe(2);
    expect(defaultStep([0, 1500])).toBe(10);
    expect(defaultStep([0, 0.6])).toBe(0.005);
    expect(defaultStep([0, 100])).toBe(1);
    expect(defaultStep([10000, 60000])).toBe(500);
  });

  it('lists every problem at its lever: unknown path, no range, the value outside, two levers on one number', () => {
    const scenario = withLevers([
      { path: 'policies[flexible-hiring].slotz', label },
      { path: 'policies[flexible-hiring].slots', label },
      { path: 'policies[chengdu-centre].positions', label, range: [60, 100] },
      { path: 'policies[flexible-hiring].slots.value', label, range: [0, 10] },
    ]);
    let error: unknown;
    try {
      resolveLevers(scenario);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const issues = (error as ScenarioError).issues;
    expect(issues.map((i) => i.path)).toEqual([
      ['levers', 0, 'path'],
      ['levers', 1],
      ['levers', 2, 'range'],
      ['levers', 3, 'path'],
      ['levers', 3, 'range'],
    ]);
    expect(issues[0].hint).toMatch(/did you mean "policies\[flexible-hiring\]\.slots"/);
    expect(issues[1].message).toMatch(/no range/);
    expect(issues[2].message).toMatch(/positions is 50, outside its lever's range \[60, 100\]/);
    expect(issues[3].message).toMatch(/two levers move policies\[flexible-hiring\]\.slots/);
  });

  it('refuses a range that does not rise, at validation', () => {
    expect(Scenario.safeParse({ ...tinyPolicyScenarioInput(), levers: [{ path: 'x', label, range: [5, 5] }] }).success).toBe(false);
  });
});

describe('levers in scenario files', () => {
  it('are gathered through extends, one per path, the later file winning', () => {
    writeFileSync(
      join(scratch, 'a.yaml'),
      stringify({ ...tinyPolicyScenarioInput(), levers: [{ path: 'policies[flexible-hiring].slots', label, range: [0, 400] }] }),
    );
    writeFileSync(
      join(scratch, 'b.yaml'),
      stringify({
        extends: 'a.yaml',
        levers: [
          { path: 'policies[chengdu-centre].positions', label, range: [0, 200] },
          { path: 'policies[flexible-hiring].slots', label: { zh: '新', en: 'new' }, range: [0, 800] },
        ],
      }),
    );
    const { scenario } = loadScenarioSync('b.yaml', { cwd: scratch });
    expect(scenario.levers.map((l) => [l.path, l.range])).toEqual([
      ['policies[flexible-hiring].slots', [0, 800]],
      ['policies[chengdu-centre].positions', [0, 200]],
    ]);
  });

  it('a bad lever fails sim validate with its file and line, exit 2', async () => {
    writeFileSync(join(scratch, 'bad.yaml'), stringify({ ...tinyPolicyScenarioInput(), levers: [{ path: 'policies[flexible-hiring].slotz', label }] }));
    const { code, stderr } = await runCli(scratch, 'validate', 'bad.yaml');
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad\.yaml:\d+:\d+: levers\[0\]\.path: the lever's path "policies\[flexible-hiring\]\.slotz" names no number/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('every shipped policy scenario has levers for each of its policies, within their ranges', () => {
    for (const name of [
      'subsidy',
      'publicity',
      'industry',
      'flexible',
      'enclave',
      'remote',
      'market',
      'hometown',
      'training',
      'services',
      'platforms',
      'integration',
      'career',
    ]) {
      const { scenario } = loadScenarioSync(`${name}.yaml`);
      const levers = resolveLevers(scenario);
      expect(levers.length, name).toBeGreaterThan(0);
      for (const lever of levers) {
        expect(lever.value, lever.path).toBeGreaterThanOrEqual(lever.range[0]);
        expect(lever.value, lever.path).toBeLessThanOrEqual(lever.range[1]);
        expect(lever.label.zh).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const combined = resolveLevers(loadScenarioSync('combined.yaml').scenario);
    expect(new Set(combined.map((l) => l.path)).size).toBe(combined.length);
    expect(combined.length).toBeGreaterThanOrEqual(20);
  });
});
