// The progress bar of every long command: on stderr, started at the first report, shown only on a terminal outside CI.
import cliProgress from 'cli-progress';
import type { CliContext } from './main.js';

export interface ProgressBar {
  /** Reports `done` of `total` ticks; `label` (e.g. the scenario being run) shows beside the bar. */
  update(done: number, total: number, label?: string): void;
  stop(): void;
}

/**
 * A bar that says what it is doing ("simulating", "comparing"), or undefined when there should be none: with
 * --quiet, when stderr is not a terminal (piped, redirected) or under CI.
 */
export function progressBar(verb: string, context: CliContext, quiet: boolean): ProgressBar | undefined {
  if (quiet || context.stderr.isTTY !== true || context.env.CI) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      format: `${verb} {bar} {percentage}% | {value}/{total} ticks{label} | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 100,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label) {
      const payload = { label: label ? ` | ${label}` : '' };
      if (!started) bar.start(total, done, payload);
      else bar.update(done, payload);
      started = true;
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
