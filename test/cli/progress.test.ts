// The progress bar: shown on a terminal, absent when output is piped or under CI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sim-progress-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const args = ['--scenario', 'baseline.yaml', '--years', '3', '--runs', '2', '--scale', '200', '--threads', '1'];
const { CI: _ci, ...withoutCI } = process.env;

/** Runs `sim` under a pseudo-terminal (util-linux `script`), so stderr is a TTY. */
function onTerminal(env: NodeJS.ProcessEnv, out: string): string {
  const command = [process.execPath, bin, ...args, '--out', out].map((a) => `'${a}'`).join(' ');
  return execFileSync('script', ['-qec', command, '/dev/null'], { cwd: scratch, env, encoding: 'utf8' });
}

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('progress bar', () => {
  it.runIf(hasScript)('is drawn on a terminal', () => {
    const screen = onTerminal(withoutCI, join(scratch, 'tty'));
    expect(screen).toMatch(/simulating .*\d+% \| \d+\/72 ticks/);
  });

  it.runIf(hasScript)('is not drawn on a terminal under CI', () => {
    const screen = onTerminal({ ...withoutCI, CI: 'true' }, join(scratch, 'tty-ci'));
    expect(screen).not.toMatch(/simulating/);
    expect(screen).toMatch(/outputs in/);
  });

  it('is not drawn when output is piped', () => {
    const result = spawnSync(process.execPath, [bin, ...args, '--out', join(scratch, 'piped')], { cwd: scratch, env: withoutCI, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/outputs in/);
  });

  it('the `script` command for the terminal tests exists here (util-linux)', () => {
    if (!hasScript) console.warn('WARNING: `script` (util-linux) is missing: the terminal progress-bar tests did not run');
    expect(hasScript || !process.env.CI).toBe(true);
  });
});
