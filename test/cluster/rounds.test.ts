// A calibration planned for a cluster in rounds, without Slurm: sim plan captures ABC-SMC's first batch, each sim merge
// answers the batches that rounds hold and writes the next as round-N/ (exit code 3), shards run in-process, until the
// merge writes the outputs, byte-identical to sim calibrate run here; a missing shard of round 2 and a changed
// targets file are refused with what to do.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { changedInputs, inputFiles, sha256, type Plan } from '../../src/cluster/plan.js';
import { runCli } from '../fixtures.js';
import { folderContents } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-rounds-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
copyFileSync(fileURLToPath(new URL('../../scenarios/calibration/targets.yaml', import.meta.url)), join(scratch, 'targets.yaml'));

const cli = (...argv: string[]) => runCli(scratch, ...argv);
/** A coarse, quick calibration (as in test/calibration/calibrate.test.ts): 10 particles at 400 persons per agent, 2 generations. */
const CALIBRATE = ['calibrate', '-s', 'baseline', '-t', 'targets.yaml', '--scale', '400', '--particles', '10', '--generations', '2', '--fit-runs', '1'];
const COMMAND = [...CALIBRATE, '--threads', '1', '--lang', 'en'];

/** Runs shards of the plan or round in `folder` (relative to scratch), all but those in `skip`. */
async function runShards(folder: string, skip: number[] = []) {
  const plan = JSON.parse(readFileSync(join(scratch, folder, 'plan.json'), 'utf8')) as { shards: unknown[] };
  for (let index = 0; index < plan.shards.length; index++)
    if (!skip.includes(index)) expect((await cli('shard', '--plan', folder, '--index', String(index), '--threads', '1', '--quiet')).code).toBe(0);
}

describe('a calibration planned in rounds', () => {
  const rounds: string[] = [];

  it('is merged round by round into the outputs of sim calibrate run here', async () => {
    const planned = await cli('plan', '--plan', 'cal', '--shards', '3', '--', ...COMMAND, '--out', 'merged');
    expect(planned.stderr).toBe('');
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(/^ {2}10 model runs of 10 scenarios in 3 shards → cal\/$/m);
    const plan = JSON.parse(readFileSync(join(scratch, 'cal', 'plan.json'), 'utf8'));
    expect(Object.keys(plan.inputs)).toEqual(['targets.yaml']);
    await runShards('cal');

    // Each merge either writes the next round (exit 3; --quiet prints its sbatch.sh) or, at the end, the outputs.
    for (let merges = 0; ; merges++) {
      expect(merges).toBeLessThan(20);
      const merged = await cli('merge', '--plan', 'cal', '--quiet');
      if (merged.code === 0) break;
      expect(merged.stderr).toBe('');
      expect(merged.code).toBe(3);
      expect(existsSync(join(scratch, 'merged'))).toBe(false);
      const round = relative(scratch, dirname(join(scratch, merged.stdout.trim())));
      expect(round).toBe(join('cal', `round-${rounds.length + 2}`));
      rounds.push(round);
      // A round's plan is a plan of its own (its shards run as the first round's do), tied to round 1.
      const roundPlan = JSON.parse(readFileSync(join(scratch, round, 'plan.json'), 'utf8'));
      expect(roundPlan.round).toEqual({ number: rounds.length + 1, first: plan.id });
      expect(roundPlan.command).toEqual(plan.command);
      // Every round is a batch of ABC-SMC proposals (--particles 10): the point fit's batches (--fit-runs 1) run in the
      // last merge, never as rounds.
      expect(roundPlan.taskCount).toBe(10);
      const script = readFileSync(join(scratch, round, 'sbatch.sh'), 'utf8');
      expect(script).toMatch(new RegExp(`^# Then: sim merge --plan \\S+/cal {3}`, 'm'));
      expect(script).toMatch(/shard --plan \S+\/round-\d+ --index "\$SLURM_ARRAY_TASK_ID"/);

      if (rounds.length === 1) {
        // Merging again before any shard of the round ran writes nothing new and says what to submit.
        const again = await cli('merge', '--plan', 'cal');
        expect(again.code).toBe(3);
        expect(again.stdout).toMatch(/^round 2 of plan \w+ \(written before, no shard run yet\): the command needs \d+ more model runs → cal\/round-2\/$/m);
        expect(again.stdout).toMatch(/^ {2}submit: {2}sbatch cal\/round-2\/sbatch\.sh$/m);
        // A missing shard of round 2 is listed with the command that reruns it.
        await runShards(round, [1]);
        const missing = await cli('merge', '--plan', 'cal');
        expect(missing.code).toBe(2);
        expect(missing.stderr).toMatch(/^error: 1 of round 2's 3 shards are missing or unusable:$/m);
        expect(missing.stderr).toMatch(/^ {4}shard 1: missing; rerun: sim shard --plan cal\/round-2 --index 1$/m);
        expect(missing.stderr).toMatch(/sbatch --array=1 cal\/round-2\/sbatch\.sh/);
        expect(existsSync(join(scratch, 'merged'))).toBe(false);
      }
      // Rerunning shards already complete is idempotent: they are kept.
      await runShards(round);
    }
    // ABC-SMC's second generation is at least one more batch: at least one round after the first.
    expect(rounds.length).toBeGreaterThanOrEqual(1);

    expect((await cli(...COMMAND, '--out', 'local', '--quiet')).code).toBe(0);
    expect(folderContents(join(scratch, 'merged'))).toEqual(folderContents(join(scratch, 'local')));
  }, 240_000);

  it('refuses a merge once the targets file changed, and one of a round instead of its plan', async () => {
    const file = join(scratch, 'targets.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('range: [700, 800]', 'range: [600, 800]'));
    const changed = await cli('merge', '--plan', 'cal');
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/^error: targets.yaml changed since sim plan wrote cal, so its results may not be those of the files as they are now$/m);
    expect(changed.stderr).toMatch(/plan again into a new folder/);
    writeFileSync(file, original);

    const round = await cli('merge', '--plan', rounds[0]);
    expect(round.code).toBe(2);
    expect(round.stderr).toMatch(
      /^error: cal\/round-2 is round 2 of a plan, not the plan itself\n {4}fix: merge the plan folder that holds it: sim merge --plan cal$/m,
    );
  });

  it("records the files a command line names, an option's --name=value too, and finds the changed and the removed", () => {
    mkdirSync(join(scratch, 'a-folder'), { recursive: true });
    writeFileSync(join(scratch, 'one.yaml'), 'one');
    writeFileSync(join(scratch, 'two.ttf'), 'two');
    const inputs = inputFiles(['compare', 'one.yaml', '--font=two.ttf', '--out', 'a-folder', 'no-such.yaml', '--lang', 'en'], scratch);
    expect(inputs).toEqual({ 'one.yaml': sha256('one'), 'two.ttf': sha256('two') });
    const plan = { cwd: scratch, inputs } as unknown as Plan;
    expect(changedInputs(plan)).toEqual([]);
    writeFileSync(join(scratch, 'one.yaml'), 'one, edited');
    rmSync(join(scratch, 'two.ttf'));
    expect(changedInputs(plan)).toEqual(['one.yaml', 'two.ttf']);
  });
});
