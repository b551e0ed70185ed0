// One command at work: its progress bar, and Ctrl-C (SIGINT) or SIGTERM, which stop the bar (restoring the cursor),
// remove the folder being written and exit 130 or 143 (128 + the signal's number, as shells report) — the same for
// every command. SIGKILL cannot be caught: the next run into the same place removes what it left (src/output/folder.ts).
import { EXIT, type CliContext } from './context.js';
import type { ProgressBar, ProgressUnit } from './progress.js';

export interface Session {
  context: CliContext;
  /**
   * A bar saying what is being done ("simulating", "comparing"), or undefined when there should be none: with
   * --quiet, when stderr is not a terminal, or under CI. Stop it before printing.
   */
  progress(verb: string, unit?: ProgressUnit): ProgressBar | undefined;
  /** Runs another `sim` command line in a context (sim plan and sim merge run the planned command); its exit code. */
  commandLine: (argv: string[], context: CliContext) => Promise<number>;
}

/** What a command does with its parsed arguments (src/cli/commands.ts loads it when the command runs); an exit code other than 0 if it returns one. */
export type CommandAction = (args: Record<string, unknown>, session: Session) => Promise<void | number>;

/** The signals that stop a command cleanly, with the exit code and the word said for each. */
const STOPS = {
  SIGINT: { code: EXIT.interrupted, said: 'interrupted' },
  SIGTERM: { code: EXIT.terminated, said: 'terminated' },
} as const;

/** Runs a command's work with its bar stopped at the end, and with Ctrl-C and SIGTERM handled while it runs. */
export async function withSession(
  context: CliContext,
  quiet: boolean,
  work: (session: Session) => Promise<void>,
  commandLine: Session['commandLine'] = async () => EXIT.unexpected,
): Promise<void> {
  // A bar only where someone watches: not with --quiet, not when stderr is piped or redirected, not under CI.
  const drawing = !quiet && context.stderr.isTTY === true && !context.env.CI;
  const progressBar = drawing ? (await import('./progress.js')).progressBar : undefined;
  const bars: ProgressBar[] = [];
  const stopBars = () => {
    for (const bar of bars.splice(0)) bar.stop();
  };
  let stopping = false;
  const handlers = Object.entries(STOPS).map(([signal, { code, said }]) => {
    const stop = () => {
      // A second signal while cleaning up changes nothing (a second Ctrl-C, not caught any more, ends the process).
      if (stopping) return;
      stopping = true;
      stopBars();
      context.stderr.write(`\n${said}\n`);
      // Loaded only now: a folder is being written only if the writer is loaded, and --help need not load it.
      void import('../output/folder.js').then(({ discardStagedFolders }) => discardStagedFolders()).finally(() => process.exit(code));
    };
    process.once(signal, stop);
    return [signal, stop] as const;
  });
  try {
    await work({
      context,
      commandLine,
      progress(verb, unit) {
        const bar = progressBar?.(verb, unit);
        if (bar) bars.push(bar);
        return bar;
      },
    });
  } finally {
    stopBars();
    for (const [signal, stop] of handlers) process.off(signal, stop);
  }
}
