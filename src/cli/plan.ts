// `sim plan`, `sim shard`, `sim merge`: an experiment split into the shards of a Slurm job array, run shard by shard,
// and merged into the outputs the command writes when run on one machine (docs/cluster.md).
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { cluster as messages, counted } from '../core/messages.js';
import { withExecutor } from '../runner/executor.js';
import { captureExecutor, makePlan, shellWord, writePlan } from '../cluster/plan.js';
import { mergeExecutor, runShard, shardResults } from '../cluster/shard.js';
import { shortPath } from '../output/folder.js';
import { EXIT, type CliContext } from './context.js';
import type { CommandAction } from './session.js';

/** Commands that can be planned: those whose model runs form one batch known before any of them runs. */
const NOT_PLANNABLE = ['calibrate', 'validate', 'explore', 'completion', 'plan', 'shard', 'merge'];

export const plan: CommandAction = async (args, { context, commandLine }) => {
  const line = ((args['--'] as unknown[] | undefined) ?? []).map(String);
  if (line.length === 0) throw new UsageError(messages.noCommand());
  if (NOT_PLANNABLE.includes(line[0])) throw new UsageError(messages.notPlannable(line[0]));
  const shown = line.map(shellWord).join(' ');

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

  const dir = resolve(context.cwd, String(args.plan));
  const made = makePlan(captured, line, context.cwd, args.shards as number, {
    time: String(args.time),
    mem: String(args.mem),
    cpus: args.cpus as number,
    partition: args.partition as string | undefined,
  });
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
  const { plan, results } = shardResults(dir, String(args.plan));
  if (!args.quiet) context.stderr.write(`merging plan ${plan.id}: ${counted(plan.shards.length, 'shard')}, ${counted(plan.taskCount, 'model run')}\n`);
  // The recorded command runs again where it was planned, its batch answered from the shards: it writes its usual outputs.
  const code = await withExecutor(mergeExecutor(results), () => commandLine(plan.command, { ...context, cwd: plan.cwd }));
  if (code === EXIT.usage) throw new UsageError(messages.commandFailed(plan.command.map(shellWord).join(' ')));
  if (code !== EXIT.ok) throw new Error(`the merged command exited with code ${code}`);
};
