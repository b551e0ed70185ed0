// The progress bar on a real terminal (util-linux `script` gives `sim` one); when a bar is shown at all is
// test/cli/session.test.ts's, in process.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sim-progress-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const { CI: _ci, ...withoutCI } = process.env;

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('progress bar', () => {
  it.runIf(hasScript)('is drawn on a terminal, and the cursor is shown again when it ends', () => {
    const args = ['--scenario', 'baseline.yaml', '--years', '2', '--runs', '1', '--scale', '200', '--threads', '1', '--out', join(scratch, 'tty')];
    const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
    const screen = execFileSync('script', ['-qec', command, '/dev/null'], { cwd: scratch, env: withoutCI, encoding: 'utf8' });
    // Replications and the simulated year (2 reported years after the baseline's burn-in), not ticks.
    expect(screen).toMatch(/simulating .*\d+% \| [01]\/1 runs( · (year 202[45]|burn-in))?/);
    expect(screen).not.toMatch(/ticks/);
    expect(screen.lastIndexOf('\x1b[?25h')).toBeGreaterThan(screen.indexOf('\x1b[?25l'));
    expect(screen).toMatch(/outputs in/);
  });

  it('the `script` command for the terminal test exists here (util-linux)', () => {
    if (!hasScript) console.warn('WARNING: `script` (util-linux) is missing: the terminal progress-bar test did not run');
    expect(hasScript || !process.env.CI).toBe(true);
  });
});
