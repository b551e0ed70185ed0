// Plan folders and shard results that cannot be written (issue 8): a message naming the folder and --plan, at
// once and before any model run, never a recursive mkdir looping under /proc nor a file-system error reported as a bug.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { hashBatch, makePlan, writePlan } from '../../src/cluster/plan.js';
import { UsageError } from '../../src/core/errors.js';
import { runCli, tinyScenarioInput } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-cluster-folders-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const input = tinyScenarioInput();
writeFileSync(join(scratch, 'tiny.yaml'), stringify({ ...input, run: { ...input.run, years: 1, runs: 2 } }));
const cli = (...argv: string[]) => runCli(scratch, ...argv);

const empty = hashBatch([]);
const plan = makePlan(empty, ['--scenario', 'tiny.yaml'], scratch, 1, { time: '01:00:00', mem: '1G', cpus: 1 });

describe('writePlan', () => {
  it('refuses a folder under /proc at once, as a message naming it and --plan', () => {
    for (const dir of ['/proc/forbidden/p', '/proc/p']) {
      const write = () => writePlan(dir, plan, empty);
      expect(write).toThrow(UsageError);
      expect(write).toThrow(new RegExp(`^cannot create the output folder ${dir}: .*\\n {4}fix: choose a folder you can write to with --plan DIR$`));
      expect(write).not.toThrow(/\.tmp-/);
    }
  });

  it('makes the missing levels and writes the plan whole', () => {
    const dir = join(scratch, 'plans', 'deep', 'p');
    expect(writePlan(dir, plan, empty)).toEqual({ reused: false });
    expect(readdirSync(dir).sort()).toEqual(['logs', 'plan.json', 'sbatch.sh', 'shards', 'tasks']);
    expect(readdirSync(join(scratch, 'plans', 'deep'))).toEqual(['p']);
    expect(writePlan(dir, plan, empty)).toEqual({ reused: true });
  });
});

describe('sim plan and sim shard', () => {
  it('sim plan checks --plan before the command runs', async () => {
    const { code, stderr } = await cli('plan', '--plan', '/proc/p', '--', '--scenario', 'tiny.yaml', '--threads', '1');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: cannot create the output folder \/proc\/p: .*\n {4}fix: choose a folder you can write to with --plan DIR\n$/);
  });

  it('sim shard reports a shards/ it cannot write to before running, as a message', async () => {
    expect((await cli('plan', '--plan', 'p', '--shards', '2', '--', '--scenario', 'tiny.yaml', '--threads', '1', '--out', 'out')).code).toBe(0);
    rmSync(join(scratch, 'p', 'shards'), { recursive: true });
    writeFileSync(join(scratch, 'p', 'shards'), 'in the way');
    const { code, stderr } = await cli('shard', '--plan', 'p', '--index', '0', '--threads', '1');
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: cannot write the shard results .*shard-0000\.bin: part of the path is a file, not a folder .*\n {4}fix: check that you may write/,
    );
    expect(stderr).not.toMatch(/\.tmp-|unexpected/);
    expect(readdirSync(join(scratch, 'p')).filter((name) => name.includes('.tmp-'))).toEqual([]);
    expect(existsSync(join(scratch, 'out'))).toBe(false);
  });
});
