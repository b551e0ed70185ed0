// The progress bar of every long command: on stderr, started at the first report (src/cli/session.ts decides when to show one).
import cliProgress from 'cli-progress';

export interface ProgressBar {
  /** Reports `done` of `total` ticks; `label` (e.g. the scenario being run) shows beside the bar. */
  update(done: number, total: number, label?: string): void;
  /** Clears the bar and shows the cursor again; a later update draws it anew. */
  stop(): void;
}

/**
 * What a bar counts: a unit ("model runs": "12/40 model runs"), or the words for `done` of `total` in units a user
 * understands (the runner reports ticks; "12/20 runs · year 2029").
 */
export type ProgressUnit = string | ((done: number, total: number) => string);

/** A bar that says what it is doing ("simulating", "comparing"), counting `unit`. */
export function progressBar(verb: string, unit: ProgressUnit = 'ticks'): ProgressBar {
  const detail = typeof unit === 'string' ? (done: number, total: number) => `${done}/${total} ${unit}` : unit;
  const bar = new cliProgress.SingleBar(
    {
      format: `${verb} {bar} {percentage}% | {detail}{label} | ETA {eta_formatted}`,
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
      const payload = { label: label ? ` | ${label}` : '', detail: detail(done, total) };
      if (!started) bar.start(total, done, payload);
      else bar.update(done, payload);
      started = true;
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
