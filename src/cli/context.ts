// What the `sim` command reads and writes besides its arguments, and its exit codes; tests pass a context of their own.

export interface CliContext {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/**
 * 0 ok, 1 an unexpected error (a bug), 2 a usage or scenario error, 3 sim merge wrote the next round of a plan (its
 * shards are to run before the outputs can be written), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
 */
export const EXIT = { ok: 0, unexpected: 1, usage: 2, nextRound: 3, interrupted: 130, terminated: 143 } as const;

export function processContext(): CliContext {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}
