// Stopping the real `sim` command while it writes its folder — sim run, sim compare and sim sweep, each a real process
// (signals reach processes, and the folder being written is named after one): Ctrl-C exits 130 and SIGTERM 143, each
// leaving no temporary folder and the earlier result set; after SIGKILL, which cannot be caught, the next run cleans up.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sim-interrupt-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SMALL = ['--runs', '1', '--years', '2', '--scale', '100', '--threads', '1'];

/** Each command with its arguments, the folder it writes under output/ by default, and a file of its result set. */
const COMMANDS = [
  { command: 'run', args: ['--scenario', 'baseline.yaml', ...SMALL], folder: 'baseline', file: 'summary.csv' },
  { command: 'compare', args: ['compare', 'baseline', 'subsidy', ...SMALL], folder: 'compare', file: 'compare.csv' },
  {
    command: 'sweep',
    args: ['sweep', '--scenario', 'baseline', '--vary', 'utility.income.coefficient=1:2:2', ...SMALL],
    folder: 'baseline-sweep',
    file: 'sweep-summary.csv',
  },
] as const;

/** Seconds a command may take before the test gives up on it (it stops it, and fails saying so). */
const BOUND = 90;

/** A working folder holding an earlier result set in output/<folder>. */
function withEarlierResult(name: string, folder: string): string {
  const cwd = join(scratch, name);
  mkdirSync(join(cwd, 'output', folder), { recursive: true });
  writeFileSync(join(cwd, 'output', folder, 'run.json'), '{"earlier": true}');
  return cwd;
}

/** Starts `sim` with `args`; `exited` is its exit code and signal, or a failure if it runs longer than BOUND. */
function start(cwd: string, args: readonly string[]) {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, CI: 'true' } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sim ${args.join(' ')} ran longer than ${BOUND} s; stderr:\n${stderr}`));
    }, BOUND * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
  return { child, exited, stderr: () => stderr };
}

/** Starts `sim` and waits until it writes its folder (the work is done; the charts take a second or two). */
async function simWriting(cwd: string, args: readonly string[], folder: string) {
  const sim = start(cwd, args);
  const staging = `${folder}.tmp-${sim.child.pid}`;
  const output = join(cwd, 'output');
  let seen = false;
  for (let waited = 0; waited < BOUND * 1000 && sim.child.exitCode === null && sim.child.signalCode === null && !seen; waited += 5) {
    seen = readdirSync(output).includes(staging);
    if (!seen) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(seen, `the temporary folder ${staging} appeared; stderr:\n${sim.stderr()}`).toBe(true);
  return sim;
}

describe.each(COMMANDS.map((c) => [c.command, c] as const))('sim %s stopped while writing its folder', (command, { args, folder, file }) => {
  it.each([
    ['SIGINT', 130, 'interrupted'],
    ['SIGTERM', 143, 'terminated'],
  ] as const)('on %s exits %i, leaving the earlier results and no temporary folder', async (signal, code, said) => {
    const cwd = withEarlierResult(`${command}-${signal}`, folder);
    const sim = await simWriting(cwd, args, folder);
    sim.child.kill(signal);
    expect(await sim.exited).toEqual({ code, signal: null });
    expect(sim.stderr()).toContain(said);
    expect(readdirSync(join(cwd, 'output'))).toEqual([folder]);
    expect(readdirSync(join(cwd, 'output', folder))).toEqual(['run.json']);
    expect(readFileSync(join(cwd, 'output', folder, 'run.json'), 'utf8')).toBe('{"earlier": true}');
  });

  it('after SIGKILL, the next run removes the temporary folders of dead processes, never those of live ones', async () => {
    const cwd = withEarlierResult(`${command}-SIGKILL`, folder);
    const sim = await simWriting(cwd, args, folder);
    sim.child.kill('SIGKILL');
    expect(await sim.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const output = join(cwd, 'output');
    const killed = `${folder}.tmp-${sim.child.pid}`;
    expect(readdirSync(output)).toContain(killed);
    // A folder of a process that does not exist, and one of a process that does (this test), as a concurrent run's.
    for (const name of [`${folder}.tmp-999999`, `${folder}.tmp-${process.pid}`]) mkdirSync(join(output, name));
    const next = start(cwd, [...args, '--quiet']);
    expect((await next.exited).code, next.stderr()).toBe(0);
    expect(readdirSync(output).sort()).toEqual([folder, `${folder}.tmp-${process.pid}`]);
    expect(existsSync(join(output, folder, file))).toBe(true);
    expect(readFileSync(join(output, folder, 'run.json'), 'utf8')).not.toContain('earlier');
  });
});
