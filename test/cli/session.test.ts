// Every command's session: a progress bar only on a terminal outside CI and without --quiet, and Ctrl-C (or SIGTERM)
// stopping it, removing the folder being written and exiting 130 (143).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { withSession } from '../../src/cli/session.js';
import { writeFolder } from '../../src/output/folder.js';

/** Bars as drawn: what was reported and whether each was stopped (the real one writes to the terminal). */
const drawn = vi.hoisted(() => [] as { verb: string; updates: number[][]; stopped: boolean }[]);
vi.mock('../../src/cli/progress.js', () => ({
  progressBar: (verb: string) => {
    const bar = { verb, updates: [] as number[][], stopped: false };
    drawn.push(bar);
    return { update: (done: number, total: number) => bar.updates.push([done, total]), stop: () => (bar.stopped = true) };
  },
}));

const scratch = mkdtempSync(join(tmpdir(), 'sim-session-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => {
  drawn.length = 0;
  vi.restoreAllMocks();
});

function context(isTTY: boolean, env: Record<string, string> = {}): CliContext & { errors: string } {
  const ctx = { cwd: scratch, env, stdout: { write: () => true }, errors: '', stderr: { isTTY, write: (text: string) => (ctx.errors += text) } };
  return ctx;
}

describe('withSession', () => {
  it.each([
    ['on a terminal', true, {}, false, true],
    ['piped', false, {}, false, false],
    ['under CI', true, { CI: 'true' }, false, false],
    ['with --quiet', true, {}, true, false],
  ])('draws a bar %s: %s', async (_, isTTY, env, quiet, shown) => {
    await withSession(context(isTTY, env), quiet, async ({ progress }) => {
      const bar = progress('simulating');
      expect(bar !== undefined).toBe(shown);
      bar?.update(3, 10);
    });
    expect(drawn.map((b) => [b.verb, b.updates, b.stopped])).toEqual(shown ? [['simulating', [[3, 10]], true]] : []);
  });

  it('on Ctrl-C stops the bar, removes the folder being written and exits 130', async () => {
    const exited = new Promise<number>((resolve) => vi.spyOn(process, 'exit').mockImplementation(((code: number) => resolve(code)) as never));
    const ctx = context(true);
    const listeners = process.listenerCount('SIGINT');
    let staging = '';
    const dir = join(scratch, 'out');
    const session = withSession(ctx, false, async ({ progress }) => {
      progress('simulating')!.update(5, 10);
      await writeFolder(dir, async (folder) => {
        staging = folder.path;
        folder.text('timeseries.csv', 'run\n');
        // Ctrl-C while the charts are drawn; the writer never finishes.
        process.emit('SIGINT');
        await exited;
        throw new Error('stopped');
      });
    });
    expect(await exited).toBe(130);
    await expect(session).rejects.toThrow('stopped');
    expect(drawn[0].stopped).toBe(true);
    expect(ctx.errors).toMatch(/interrupted/);
    expect(existsSync(staging)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });

  it('on SIGTERM does the same and exits 143; a second signal while it cleans up changes nothing', async () => {
    const codes: number[] = [];
    const exited = new Promise<number>((resolve) =>
      vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
        codes.push(code);
        resolve(code);
      }) as never),
    );
    const ctx = context(false);
    const listeners = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    let staging = '';
    const session = withSession(ctx, true, async () => {
      await writeFolder(join(scratch, 'terminated'), async (folder) => {
        staging = folder.path;
        folder.text('timeseries.csv', 'run\n');
        process.emit('SIGTERM');
        process.emit('SIGINT');
        await exited;
        throw new Error('stopped');
      });
    });
    expect(await exited).toBe(143);
    await expect(session).rejects.toThrow('stopped');
    expect(codes).toEqual([143]);
    expect(ctx.errors).toBe('\nterminated\n');
    expect(existsSync(staging)).toBe(false);
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(listeners);
  });
});
