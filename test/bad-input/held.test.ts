// Inputs that look odd but are fine, and must keep working (issue 8, "keep what works"): CRLF line endings and a
// byte-order mark, Unicode and `../` in a scenario's name, and two runs into one folder at the same time. The first two
// run in this process (runCli); two runs at the same time are two real processes, as users start them: the folder a
// run stages is named after its process (`<out>.tmp-<pid>`), so two runs in one process would not be what users do.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../fixtures.js';

const sim = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sim-held-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const FAST = ['--years', '1', '--runs', '2', '--scale', '1000', '--threads', '1', '--quiet'];
const SCENARIO = 'extends: baseline.yaml\nrun:\n  seed: 11\n';

describe('odd but valid input', () => {
  it('a file with CRLF line endings and a byte-order mark gives the same results as plain LF', async () => {
    const cwd = mkdtempSync(join(scratch, 'crlf-'));
    writeFileSync(join(cwd, 'plain.yaml'), `name: same\n${SCENARIO}`);
    writeFileSync(join(cwd, 'windows.yaml'), '\ufeff' + `name: same\n${SCENARIO}`.replace(/\n/g, '\r\n'));
    expect((await runCli(cwd, '--scenario', 'plain.yaml', ...FAST, '--out', 'plain')).code).toBe(0);
    expect((await runCli(cwd, '--scenario', 'windows.yaml', ...FAST, '--out', 'windows')).code).toBe(0);
    expect(readFileSync(join(cwd, 'windows', 'summary.csv'), 'utf8')).toBe(readFileSync(join(cwd, 'plain', 'summary.csv'), 'utf8'));
  });

  it('Unicode and ../ in a scenario name stay inside output/, in a folder named after it', async () => {
    const cwd = mkdtempSync(join(scratch, 'name-'));
    writeFileSync(join(cwd, 'odd.yaml'), `name: "../../巴中 人才/../x"\n${SCENARIO}`);
    const { code, stdout } = await runCli(cwd, '--scenario', 'odd.yaml', ...FAST);
    expect(code).toBe(0);
    expect(readdirSync(cwd).sort()).toEqual(['odd.yaml', 'output']);
    const [folder] = readdirSync(join(cwd, 'output'));
    expect(folder).toMatch(/^巴中-人才-/);
    expect(folder).not.toMatch(/[/\\]|^\./);
    expect(stdout).toContain(folder);
    expect(readdirSync(join(cwd, 'output', folder))).toContain('run.json');
  });

  it('two runs into one folder at the same time leave one complete result set and no temporary folder', async () => {
    const cwd = mkdtempSync(join(scratch, 'together-'));
    writeFileSync(join(cwd, 's.yaml'), SCENARIO);
    const alone = await run(cwd, '--scenario', 's.yaml', ...FAST, '--out', 'alone');
    expect(alone.code).toBe(0);
    const both = await Promise.all([run(cwd, '--scenario', 's.yaml', ...FAST, '--out', 'same'), run(cwd, '--scenario', 's.yaml', ...FAST, '--out', 'same')]);
    expect(both.map((r) => r.code)).toEqual([0, 0]);
    expect(readdirSync(cwd).sort()).toEqual(['alone', 's.yaml', 'same']);
    const files = readdirSync(join(cwd, 'alone')).sort();
    expect(readdirSync(join(cwd, 'same')).sort()).toEqual(files);
    for (const name of files.filter((f) => f.endsWith('.csv')))
      expect(readFileSync(join(cwd, 'same', name), 'utf8'), name).toBe(readFileSync(join(cwd, 'alone', name), 'utf8'));
  });
});

function run(cwd: string, ...args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [sim, ...args], { cwd, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
