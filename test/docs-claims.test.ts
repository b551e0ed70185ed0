// What the guides say the code does, checked against what it does: when a behaviour changes, the sentence that
// describes it must change too (each case quotes the sentence it holds up).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { runReplication } from '../src/core/model.js';
import { policyParam } from '../src/core/params.js';
import { definePolicy } from '../src/core/policy.js';
import { defineTerm } from '../src/core/terms.js';
import { ScenarioError } from '../src/core/errors.js';
import { loadScenario } from '../src/scenario/load.js';
import { Registry } from '../src/scenario/registry.js';
import { baselineInput, resolveInput } from './support.js';

const extending = readFileSync(new URL('../docs/extending.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const says = (sentence: string) => expect(extending, 'docs/extending.md').toContain(sentence);
const examples = fileURLToPath(new URL('../examples/', import.meta.url));

/** The error a run stops with, if it is a scenario error; undefined if it runs. */
const stopsWith = (run: () => unknown): ScenarioError | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  return undefined;
};

describe('docs/extending.md', () => {
  it('plugins add up through extends', async () => {
    says('**Plugins add up through `extends`.** A file that extends another keeps the plugins of the files it extends and adds its own');
    const dir = mkdtempSync(join(tmpdir(), 'claims-'));
    writeFileSync(
      join(dir, 'bonus.ts'),
      "export const bonus = { name: 'bonus', description: 'One for Bazhong.', value: ({ scenario, to }: { scenario: { homeIndex: number }; to: number }) => (to === scenario.homeIndex ? 1 : 0) };\n",
    );
    writeFileSync(
      join(dir, 'more.yaml'),
      `extends: ${join(examples, 'student.yaml')}\nname: more\nplugins: [./bonus.ts]\nutility:\n  bonus: { coefficient: 0.1 }\n`,
    );
    const { resolved } = await loadScenario(join(dir, 'more.yaml'));
    expect(resolved.utility.map((t) => t.name)).toEqual(expect.arrayContaining(['weekendCommute', 'bonus']));
    expect(resolved.policies.map((p) => p.spec.type)).toEqual(['mentoring']);
  });

  it("a term's own parameter with a range is one of the scenario's assumptions", () => {
    says("such a range is then listed among the scenario's assumptions");
    const reach = defineTerm({
      name: 'reach',
      description: 'Places within reach.',
      params: z.strictObject({ maxHours: policyParam(z.number().min(0).max(24), 'Hours.').default(3) }),
      value: ({ env, from, to }, { maxHours }) => (env.travelHours(from, to) <= maxHours ? 1 : 0),
    });
    const input = baselineInput();
    input.utility.reach = { coefficient: 0.2, maxHours: { value: 3, range: [2, 4], source: 'assumption' } };
    const resolved = resolveInput(input, new Registry().register(reach));
    expect(resolved.assumptions.find((a) => a.path.join('.') === 'utility.reach.maxHours')).toMatchObject({ value: 3, range: [2, 4] });
    expect(resolved.utility.find((t) => t.name === 'reach')?.params).toEqual({ maxHours: 3 });
  });

  it("every utility the model adds up is checked to be a finite number: the scenario's terms and each policy's utility", () => {
    says(
      "The model checks, every tick, that the utility it adds up is a finite number, for the scenario's terms (built in, from plugins, written as expressions) and for each policy's `utility` and `holderUtility`",
    );
    const options = { replication: 0, years: 1, scale: 2000 };
    const broken = defineTerm({ name: 'broken', description: 'Log of nothing.', params: z.strictObject({}), value: () => Math.log(0) });
    const input = baselineInput();
    input.utility.broken = { coefficient: -1 };
    expect(stopsWith(() => runReplication(resolveInput(input, new Registry().register(broken)), options))?.issues[0].path).toEqual(['utility', 'broken']);

    const careless = definePolicy({
      type: 'careless',
      title: 'A careless rule',
      report: '—',
      mechanism: 'Offers a utility that is not a number.',
      params: z.strictObject({}),
      metrics: [],
      create: () => ({ utility: () => NaN }),
    });
    const withPolicy = baselineInput();
    withPolicy.policies = [{ type: 'careless' }];
    const error = stopsWith(() => runReplication(resolveInput(withPolicy, new Registry().register(careless)), options));
    expect(error?.issues[0].path).toEqual(['policies', 0]);
    expect(error?.issues[0].message).toMatch(/the utility of policy "careless" \(careless\) gave NaN/);
  });
});
