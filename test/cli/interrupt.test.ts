// Stopping the real `sim` command while it writes its folder: Ctrl-C exits 130 and SIGTERM 143, each leaving no
// temporary folder and the earlier result set; after SIGKILL, which cannot be caught, the next run cleans up.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sim-interrupt-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ARGS = ['--scenario', 'baseline.yaml', '--runs', '1', '--years', '2', '--scale', '100', '--threads', '1'];

/** A working folder holding an earlier result set in output/baseline. */
function withEarlierResult(name: string): string {
  const cwd = join(scratch, name);
  mkdirSync(join(cwd, 'output', 'baseline'), { recursive: true });
  writeFileSync(join(cwd, 'output', 'baseline', 'run.json'), '{"earlier": true}');
  return cwd;
}

/** Starts `sim` and waits until it writes its folder (the run is done; the charts take a second or two). */
async function simWriting(cwd: string) {
  const child = spawn(process.execPath, [bin, ...ARGS], { cwd, env: { ...process.env, CI: 'true' } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const staging = new RegExp(`^baseline\\.tmp-${child.pid}$`);
  const output = join(cwd, 'output');
  let seen = false;
  for (let waited = 0; waited < 60_000 && child.exitCode === null && !seen; waited += 5) {
    seen = readdirSync(output).some((name) => staging.test(name));
    if (!seen) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(seen, 'the temporary folder appeared').toBe(true);
  return { child, exited, stderr: () => stderr };
}

describe('sim stopped while writing its folder', () => {
  it.each([
    ['SIGINT', 130, 'interrupted'],
    ['SIGTERM', 143, 'terminated'],
  ] as const)('on %s exits %i, leaving the earlier results and no temporary folder', async (signal, code, said) => {
    const cwd = withEarlierResult(signal);
    const sim = await simWriting(cwd);
    sim.child.kill(signal);
    expect(await sim.exited).toEqual({ code, signal: null });
    expect(sim.stderr()).toContain(said);
    expect(readdirSync(join(cwd, 'output'))).toEqual(['baseline']);
    expect(readdirSync(join(cwd, 'output', 'baseline'))).toEqual(['run.json']);
  });

  it('after SIGKILL, the next run removes the temporary folders of dead processes, never those of live ones', async () => {
    const cwd = withEarlierResult('SIGKILL');
    const sim = await simWriting(cwd);
    sim.child.kill('SIGKILL');
    expect(await sim.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const output = join(cwd, 'output');
    const killed = `baseline.tmp-${sim.child.pid}`;
    expect(readdirSync(output)).toContain(killed);
    // A folder of a process that does not exist, and one of a process that does (this test), as a concurrent run's.
    for (const name of ['baseline.tmp-999999', `baseline.tmp-${process.pid}`]) mkdirSync(join(output, name));
    const next = spawn(process.execPath, [bin, ...ARGS, '--quiet'], { cwd, env: { ...process.env, CI: 'true' } });
    expect(await new Promise((resolve) => next.on('exit', resolve))).toBe(0);
    expect(readdirSync(output).sort()).toEqual(['baseline', `baseline.tmp-${process.pid}`]);
    expect(existsSync(join(output, 'baseline', 'summary.csv'))).toBe(true);
    expect(readFileSync(join(output, 'baseline', 'run.json'), 'utf8')).not.toContain('earlier');
  });
});
