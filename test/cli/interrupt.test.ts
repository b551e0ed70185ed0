// Ctrl-C on the real `sim` command: exit code 130, no temporary folder left, an earlier result set kept.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sim-interrupt-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('sim interrupted by Ctrl-C', () => {
  it('exits 130 while writing its folder, leaving the earlier results and no temporary folder', async () => {
    const output = join(scratch, 'output');
    mkdirSync(join(output, 'baseline'), { recursive: true });
    writeFileSync(join(output, 'baseline', 'run.json'), '{"earlier": true}');
    const child = spawn(process.execPath, [bin, '--scenario', 'baseline.yaml', '--runs', '1', '--years', '2', '--scale', '100', '--threads', '1'], {
      cwd: scratch,
      env: { ...process.env, CI: 'true' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupt once the run is done and its folder is being written (the charts take a second or two).
    const staging = new RegExp(`^baseline\\.tmp-${child.pid}$`);
    let seen = false;
    for (let waited = 0; waited < 60_000 && child.exitCode === null && !seen; waited += 5) {
      seen = readdirSync(output).some((name) => staging.test(name));
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(seen, 'the temporary folder appeared').toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    expect(readdirSync(output)).toEqual(['baseline']);
    expect(readdirSync(join(output, 'baseline'))).toEqual(['run.json']);
    expect(existsSync(join(output, 'baseline', 'summary.csv'))).toBe(false);
  });
});
