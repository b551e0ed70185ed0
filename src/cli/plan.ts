// `sim plan`, `sim shard`, `sim merge`: an experiment split into the shards of a Slurm job array, run shard by shard,
// and merged into the outputs the command writes when run on one machine (docs/cluster.md). A command whose batches
// depend on each other (sim calibrate) is planned in rounds: each merge answers the batches that rounds hold and
// writes the next one as a new round, until the command runs to its end.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { cluster as messages, counted } from '../core/messages.js';
import { withExecutor } from '../runner/executor.js';
import { captureExecutor, inputFiles, makePlan, roundFolder, shellWord, writePlan, type Plan } from '../cluster/plan.js';
import { mergeExecutor, roundResults, runShard } from '../cluster/shard.js';
import { checkFolderTarget, shortPath } from '../output/folder.js';
import { EXIT, type CliContext } from './context.js';
import type { CommandAction } from './session.js';

/** Commands that cannot be planned: they run no batch of model runs (explore runs them on demand, in the browser's server). */
const NOT_PLANNABLE = ['validate', 'explore', 'completion', 'plan', 'shard', 'merge'];

export const plan: CommandAction = async (args, { context, commandLine }) => {
  const line = ((args['--'] as unknown[] | undefined) ?? []).map(String);
  if (line.length === 0) throw new UsageError(messages.noCommand());
  if (NOT_PLANNABLE.includes(line[0])) throw new UsageError(messages.notPlannable(line[0]));
  const shown = line.map(shellWord).join(' ');
  // A plan folder that cannot be written is said at once, before the command runs (one already there is kept or
  // refused by writePlan).
  const dir = resolve(context.cwd, String(args.plan));
  if (!existsSync(dir)) checkFolderTarget(dir, { option: '--plan' });

  // The command runs as usual up to its batch of model runs, which the executor records before stopping it.
  const { executor, batch } = captureExecutor();
  const said: string[] = [];
  const quietContext: CliContext = { ...context, stdout: { write: () => true }, stderr: { write: (text: string) => said.push(text) } };
  const code = await withExecutor(executor, () => commandLine(line, quietContext));
  const captured = batch();
  if (!captured) {
    context.stderr.write(said.join(''));
    throw new UsageError(code === EXIT.ok ? messages.nothingToRun(shown) : messages.commandFailed(shown));
  }

  const made = makePlan(
    captured,
    line,
    context.cwd,
    args.shards as number,
    {
      time: String(args.time),
      mem: String(args.mem),
      cpus: args.cpus as number,
      partition: args.partition as string | undefined,
    },
    { inputs: inputFiles(line, context.cwd) },
  );
  const { reused } = writePlan(dir, made, captured);
  const where = shortPath(dir, context.cwd);
  if (args.quiet) {
    context.stdout.write(where + '\n');
    return;
  }
  context.stdout.write(
    `plan ${made.id}${reused ? ' (already there, kept with its shards)' : ''}: sim ${shown}\n` +
      `  ${counted(made.taskCount, 'model run')} of ${counted(made.scenarioCount, 'scenario')} in ${counted(made.shards.length, 'shard')} → ${where}/\n` +
      `  submit:  sbatch ${shellWord(where)}/sbatch.sh\n` +
      `  or run each shard:  sim shard --plan ${shellWord(where)} --index K   (K = 0 … ${made.shards.length - 1})\n` +
      `  then:    sim merge --plan ${shellWord(where)}\n`,
  );
};

export const shard: CommandAction = async (args, { context, progress }) => {
  const dir = resolve(context.cwd, String(args.plan));
  const bar = progress('simulating', (done, total) => `${Math.round((100 * done) / Math.max(1, total))} %`);
  const threads = (args.threads as number | undefined) ?? availableParallelism();
  const done = await runShard(dir, args.index as number, { threads, onProgress: bar?.update });
  bar?.stop();
  const where = shortPath(done.file, context.cwd);
  context.stdout.write(
    args.quiet
      ? where + '\n'
      : done.skipped
        ? `shard ${String(args.index)}: already complete (${counted(done.tasks, 'model run')}) in ${where}; nothing to do\n`
        : `shard ${String(args.index)}: ${counted(done.tasks, 'model run')} → ${where}\n`,
  );
};

export const merge: CommandAction = async (args, { context, commandLine }) => {
  const dir = resolve(context.cwd, String(args.plan));
  const shownDir = String(args.plan);
  const { plan, rounds, waiting } = roundResults(dir, shownDir);
  if (waiting) return nextRound(waiting.plan, roundFolder(shownDir, waiting.plan.round!.number), false, args.quiet === true, context);
  const shards = rounds.reduce((sum, r) => sum + r.plan.shards.length, 0);
  const runs = rounds.reduce((sum, r) => sum + r.plan.taskCount, 0);
  if (!args.quiet)
    context.stderr.write(
      `merging plan ${plan.id}: ${rounds.length > 1 ? `${rounds.length} rounds, ` : ''}${counted(shards, 'shard')}, ${counted(runs, 'model run')}\n`,
    );
  // The recorded command runs again where it was planned, its batches answered from the rounds' shards: it writes its
  // usual outputs — unless it asks for a batch no round holds, which becomes the next round. What it says on stderr
  // is held until then: a command stopped for the next round has nothing to say.
  const { executor, nextBatch } = mergeExecutor(rounds.map((r) => r.results));
  const said: string[] = [];
  const held: CliContext = { ...context, cwd: plan.cwd, stderr: { write: (text: string) => said.push(text) } };
  const code = await withExecutor(executor, () => commandLine(plan.command, held));
  const batch = nextBatch();
  if (batch) {
    const number = rounds.length + 1;
    const made = makePlan(batch, plan.command, plan.cwd, plan.shards.length, plan.slurm, { round: { number, first: plan.id } });
    writePlan(roundFolder(dir, number), made, batch);
    return nextRound(made, roundFolder(shownDir, number), true, args.quiet === true, context);
  }
  context.stderr.write(said.join(''));
  if (code === EXIT.usage) throw new UsageError(messages.commandFailed(plan.command.map(shellWord).join(' ')));
  if (code !== EXIT.ok) throw new Error(`the merged command exited with code ${code}`);
};

/** What sim merge says when a round's shards are to run before it can go on (exit code 3): what to submit, then merge again. */
function nextRound(round: Plan, folder: string, written: boolean, quiet: boolean, context: CliContext): number {
  const script = join(folder, 'sbatch.sh');
  const top = folder.replace(/\/?round-\d+$/, '') || '.';
  context.stdout.write(
    quiet
      ? script + '\n'
      : `round ${round.round!.number} of plan ${round.round!.first}${written ? '' : ' (written before, no shard run yet)'}: the command needs ${counted(round.taskCount, 'more model run')} → ${folder}/\n` +
          `  submit:  sbatch ${shellWord(script)}\n` +
          `  or run each shard:  sim shard --plan ${shellWord(folder)} --index K   (K = 0 … ${round.shards.length - 1})\n` +
          `  then:    sim merge --plan ${shellWord(top)}   (again: it exits with code 3 while another round is needed)\n` +
          `  to chain the rounds on the cluster: docs/cluster.md, "Calibration in rounds"\n`,
  );
  return EXIT.nextRound;
}
