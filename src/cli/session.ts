// One command at work: its progress bar, and Ctrl-C, which stops the bar (restoring the cursor), removes the folder
// being written and exits 130 — the same for every command.
import { EXIT, type CliContext } from './context.js';
import type { ProgressBar } from './progress.js';

export interface Session {
  context: CliContext;
  /**
   * A bar saying what is being done ("simulating", "comparing"), or undefined when there should be none: with
   * --quiet, when stderr is not a terminal, or under CI. Stop it before printing.
   */
  progress(verb: string): ProgressBar | undefined;
}

/** What a command does with its parsed arguments (src/cli/commands.ts loads it when the command runs). */
export type CommandAction = (args: Record<string, unknown>, session: Session) => Promise<void>;

/** Runs a command's work with its bar stopped at the end, and with Ctrl-C handled while it runs. */
export async function withSession(context: CliContext, quiet: boolean, work: (session: Session) => Promise<void>): Promise<void> {
  // A bar only where someone watches: not with --quiet, not when stderr is piped or redirected, not under CI.
  const drawing = !quiet && context.stderr.isTTY === true && !context.env.CI;
  const progressBar = drawing ? (await import('./progress.js')).progressBar : undefined;
  const bars: ProgressBar[] = [];
  const stopBars = () => {
    for (const bar of bars.splice(0)) bar.stop();
  };
  const interrupted = () => {
    stopBars();
    context.stderr.write('\ninterrupted\n');
    // Loaded only now: a folder is being written only if the writer is loaded, and --help need not load it.
    void import('../output/folder.js').then(({ discardStagedFolders }) => discardStagedFolders()).finally(() => process.exit(EXIT.interrupted));
  };
  process.once('SIGINT', interrupted);
  try {
    await work({
      context,
      progress(verb) {
        const bar = progressBar?.(verb);
        if (bar) bars.push(bar);
        return bar;
      },
    });
  } finally {
    stopBars();
    process.off('SIGINT', interrupted);
  }
}
