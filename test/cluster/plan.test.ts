// sim plan, sim shard and sim merge without Slurm: shards run by hand in-process, merged outputs byte-identical to a
// local run, idempotent reruns, and the messages for missing, foreign and stale pieces.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { shardRanges } from '../../src/cluster/plan.js';
import { runCli, tinyPolicyScenarioInput, tinyScenarioInput } from '../fixtures.js';
import { folderContents } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-cluster-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const settings = (input: ReturnType<typeof tinyScenarioInput>) => ({ ...input, run: { ...input.run, years: 2, runs: 3 } });
writeFileSync(join(scratch, 'tiny.yaml'), stringify(settings(tinyScenarioInput())));
writeFileSync(join(scratch, 'tiny-policies.yaml'), stringify(settings(tinyPolicyScenarioInput())));

const cli = (...argv: string[]) => runCli(scratch, ...argv);
const COMPARE = ['compare', 'tiny-policies.yaml', '--baseline', 'tiny.yaml', '--threads', '1', '--lang', 'en'];

async function planAndRunShards(plan: string, out: string, shards = 3, command = COMPARE) {
  const planned = await cli('plan', '--plan', plan, '--shards', String(shards), '--', ...command, '--out', out);
  expect(planned.stderr).toBe('');
  expect(planned.code).toBe(0);
  for (let index = 0; index < shards; index++) expect((await cli('shard', '--plan', plan, '--index', String(index), '--threads', '1')).code).toBe(0);
}

describe('sim plan, shard and merge', () => {
  it('splits the runs into balanced contiguous shards', () => {
    expect(shardRanges(10, 4)).toEqual([
      { index: 0, from: 0, to: 2 },
      { index: 1, from: 2, to: 5 },
      { index: 2, from: 5, to: 7 },
      { index: 3, from: 7, to: 10 },
    ]);
    // Never more shards than runs, and never an empty one.
    expect(shardRanges(2, 5).map((s) => s.to - s.from)).toEqual([1, 1]);
  });

  it('writes a plan (plan.json, the scenarios, an sbatch script) without running or writing the command', async () => {
    const { code, stdout } = await cli('plan', '--plan', 'plan-a', '--shards', '4', '--time', '00:30:00', '--', ...COMPARE, '--out', 'never');
    expect(code).toBe(0);
    expect(stdout).toMatch(/6 model runs of \d+ scenarios? in 4 shards → plan-a\//);
    expect(existsSync(join(scratch, 'never'))).toBe(false);
    const plan = JSON.parse(readFileSync(join(scratch, 'plan-a', 'plan.json'), 'utf8'));
    expect(plan.command).toEqual([...COMPARE, '--out', 'never']);
    expect(plan.cwd).toBe(scratch);
    expect(plan.tasks.map((t: { options: { replication: number } }) => t.options.replication)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(readdirSync(join(scratch, 'plan-a', 'tasks'))).toHaveLength(plan.scenarioCount);
    const script = readFileSync(join(scratch, 'plan-a', 'sbatch.sh'), 'utf8');
    expect(script).toMatch(/^#SBATCH --array=0-3$/m);
    expect(script).toMatch(/^#SBATCH --time=00:30:00$/m);
    expect(script).toMatch(/shard --plan \S+plan-a --index "\$SLURM_ARRAY_TASK_ID"/);
  });

  it('merges shards into outputs byte-identical to the same command run here', async () => {
    await planAndRunShards('plan-b', 'merged');
    const merged = await cli('merge', '--plan', 'plan-b');
    expect(merged.stderr).toMatch(/^merging plan \w+: 3 shards, 6 model runs$/m);
    expect(merged.code).toBe(0);
    expect((await cli(...COMPARE, '--out', 'local')).code).toBe(0);
    expect(folderContents(join(scratch, 'merged'))).toEqual(folderContents(join(scratch, 'local')));
  });

  it('merges a single-scenario run the same way', async () => {
    const run = ['-s', 'tiny-policies.yaml', '--threads', '1', '--lang', 'en'];
    await planAndRunShards('plan-run', 'run-merged', 2, run);
    expect((await cli('merge', '--plan', 'plan-run')).code).toBe(0);
    expect((await cli(...run, '--out', 'run-local')).code).toBe(0);
    expect(folderContents(join(scratch, 'run-merged'))).toEqual(folderContents(join(scratch, 'run-local')));
  });

  it.each([
    ['a sweep', ['sweep', '-s', 'tiny.yaml', '--vary', 'utility.hometown.coefficient=0.5,1.5', '--threads', '1', '--lang', 'en']],
    ['a one-at-a-time analysis', ['sensitivity', '-s', 'tiny.yaml', '--runs', '1', '--threads', '1']],
    ['a Sobol analysis', ['sensitivity', '-s', 'tiny.yaml', '--method', 'sobol', '--n', '4', '--runs', '1', '--threads', '1']],
    ['a Morris screening', ['sensitivity', '-s', 'tiny.yaml', '--method', 'morris', '-r', '2', '--runs', '1', '--threads', '1']],
    ['a robustness analysis', ['robustness', '--policies', 'tiny-policies.yaml', '--baseline', 'tiny.yaml', '--futures', '4', '--runs', '1', '--threads', '1']],
  ])('merges %s the same way', async (name, command) => {
    const plan = `plan-${name.replace(/\W+/g, '-')}`;
    await planAndRunShards(plan, `${plan}-merged`, 2, command);
    expect((await cli('merge', '--plan', plan)).code).toBe(0);
    expect((await cli(...command, '--out', `${plan}-local`)).code).toBe(0);
    const merged = folderContents(join(scratch, `${plan}-merged`));
    expect(Object.keys(merged).length).toBeGreaterThan(3);
    expect(merged).toEqual(folderContents(join(scratch, `${plan}-local`)));
  });

  it('keeps a complete shard when it is run again, and rewrites a removed one byte for byte', async () => {
    await planAndRunShards('plan-c', 'out-c', 2);
    const file = join(scratch, 'plan-c', 'shards', 'shard-0001.bin');
    const before = readFileSync(file);
    const { mtimeMs } = statSync(file);
    const again = await cli('shard', '--plan', 'plan-c', '--index', '1');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already complete/);
    expect(statSync(file).mtimeMs).toBe(mtimeMs);
    rmSync(file);
    expect((await cli('shard', '--plan', 'plan-c', '--index', '1', '--threads', '1')).code).toBe(0);
    expect(readFileSync(file).equals(before)).toBe(true);
    // Planning the same thing into the same folder keeps it and its shards.
    const replanned = await cli('plan', '--plan', 'plan-c', '--shards', '2', '--', ...COMPARE, '--out', 'out-c');
    expect(replanned.stdout).toMatch(/already there, kept with its shards/);
    expect(existsSync(file)).toBe(true);
  });

  it('lists a missing, a truncated and a foreign shard with the commands that rerun them, and writes nothing', async () => {
    await planAndRunShards('plan-d', 'out-d', 3);
    await planAndRunShards('plan-e', 'out-e', 3, [...COMPARE, '--seed', '99']);
    rmSync(join(scratch, 'plan-d', 'shards', 'shard-0000.bin'));
    const truncated = join(scratch, 'plan-d', 'shards', 'shard-0001.bin');
    writeFileSync(truncated, readFileSync(truncated).subarray(0, -10));
    copyFileSync(join(scratch, 'plan-e', 'shards', 'shard-0002.bin'), join(scratch, 'plan-d', 'shards', 'shard-0002.bin'));
    const { code, stderr } = await cli('merge', '--plan', 'plan-d');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: 3 of the plan's 3 shards are missing or unusable:$/m);
    expect(stderr).toMatch(/shard 0: missing; rerun: sim shard --plan plan-d --index 0$/m);
    expect(stderr).toMatch(/shard 1: incomplete or damaged .*; rerun: sim shard --plan plan-d --index 1$/m);
    expect(stderr).toMatch(/shard 2: from another plan .*; rerun: sim shard --plan plan-d --index 2$/m);
    expect(stderr).toMatch(/sbatch --array=0,1,2 plan-d\/sbatch\.sh/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(scratch, 'out-d'))).toBe(false);
    // Rerunning a shard replaces the foreign or broken file with its own.
    for (const index of ['0', '1', '2']) expect((await cli('shard', '--plan', 'plan-d', '--index', index, '--threads', '1')).code).toBe(0);
    expect((await cli('merge', '--plan', 'plan-d', '--quiet')).code).toBe(0);
    expect(existsSync(join(scratch, 'out-d', 'ranking.csv'))).toBe(true);
  });

  it('refuses to merge when the scenario files changed since the plan', async () => {
    const copy = ['compare', 'changing.yaml', '--baseline', 'tiny.yaml', '--threads', '1'];
    writeFileSync(join(scratch, 'changing.yaml'), stringify(settings(tinyPolicyScenarioInput())));
    await planAndRunShards('plan-f', 'out-f', 2, copy);
    const changed = settings(tinyPolicyScenarioInput());
    writeFileSync(join(scratch, 'changing.yaml'), stringify({ ...changed, run: { ...changed.run, seed: (changed.run.seed ?? 1) + 1 } }));
    const { code, stderr } = await cli('merge', '--plan', 'plan-f');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: changing.yaml changed since sim plan wrote plan-f, so its results may not be those of the files as they are now$/m);
    expect(existsSync(join(scratch, 'out-f'))).toBe(false);
  });

  it.each([
    [['plan', '--plan', 'x'], /sim plan needs the experiment to plan, after --/],
    [['plan', '--plan', 'x', '--', 'validate', 'tiny.yaml'], /cannot plan "validate": it runs no batch of model runs/],
    [['plan', '--plan', 'x', '--', 'compare', 'no-such.yaml'], /not found[\s\S]*the planned command "sim compare no-such.yaml" failed/],
    [['plan', '--plan', 'tiny.yaml', '--', ...COMPARE], /tiny.yaml already exists and holds something other than this plan/],
    [['shard', '--plan', 'plan-a', '--index', '4'], /--index 4 is not a shard of this plan, which has 4 \(0 to 3\)/],
    [['merge', '--plan', 'nowhere'], /nowhere\/plan.json is not a readable sim plan: there is no such file/],
    [['compare', 'tiny.yaml', '--', '--runs', '2'], /only sim plan takes words after --/],
  ])('refuses %j with a message and exit code 2', async (argv, message) => {
    const { code, stderr } = await cli(...argv);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("places a problem a shard finds while running (an expression's value) in the scenario file the plan came from", async () => {
    const baseline = join(process.cwd(), 'scenarios', 'baseline.yaml');
    const bonus = { name: 'bonus', coefficient: 0.5, expr: 'log(470000 - wage) * isHome' };
    writeFileSync(join(scratch, 'later.yaml'), stringify({ extends: baseline, terms: [bonus] }));
    const planned = await cli(
      'plan',
      '--plan',
      'plan-later',
      '--shards',
      '1',
      '--',
      '--scenario',
      'later.yaml',
      '--runs',
      '2',
      '--years',
      '2',
      '--scale',
      '1000',
    );
    expect(planned.code).toBe(0);
    const plan = JSON.parse(readFileSync(join(scratch, 'plan-later', 'plan.json'), 'utf8'));
    expect(plan.tasks.every((t: { file?: string }) => t.file === join(scratch, 'later.yaml'))).toBe(true);
    const shard = await cli('shard', '--plan', 'plan-later', '--index', '0', '--threads', '1');
    expect(shard.code).toBe(2);
    expect(shard.stderr).toMatch(/later\.yaml:\d+:\d+: terms\[0\]\.expr: the expression term "bonus" .* gave NaN/);
  });
});
