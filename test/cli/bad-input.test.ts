// Bad input to `sim --scenario` (in process): a clear message naming the place and the fix, exit code 2, no stack trace, no partial output.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as sim } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-bad-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cases: { name: string; file?: string; text?: string; args?: string[]; message: RegExp }[] = [
  { name: 'a missing scenario file', args: ['--scenario', 'nowhere.yaml'], message: /scenario file "nowhere\.yaml" not found/ },
  {
    name: 'a YAML syntax error',
    file: 'syntax.yaml',
    text: 'extends: baseline.yaml\nrun:\n  years: [1, 2\n',
    message: /syntax\.yaml:\d+:\d+: YAML syntax error/,
  },
  {
    name: 'an unknown key',
    file: 'unknown.yaml',
    text: 'extends: baseline.yaml\nrun:\n  yeras: 3\n',
    message: /unknown\.yaml:3:3: run\.yeras: unknown field "yeras"\n {4}fix: did you mean "years"\?/,
  },
  {
    name: 'a wrong type',
    file: 'type.yaml',
    text: 'extends: baseline.yaml\ntaste:\n  sd: high\n',
    message: /type\.yaml:3:3: taste\.sd: expected a number, got the text "high"/,
  },
  {
    name: 'an out-of-range value',
    file: 'range.yaml',
    text: 'extends: baseline.yaml\nrun:\n  runs: 0\n',
    message: /range\.yaml:3:3: run\.runs: 0 is out of range: must be at least 1\n {4}fix: use a value at least 1/,
  },
];

describe('sim --scenario with bad input', () => {
  it.each(cases)('$name: message, exit code 2, nothing written', async ({ file, text, args, message }) => {
    const cwd = mkdtempSync(join(scratch, 'case-'));
    if (file) writeFileSync(join(cwd, file), text!);
    const { code, stdout, stderr } = await sim(cwd, ...(args ?? ['--scenario', file!]));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: /);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at .*\.js/);
    expect(stdout).toBe('');
    expect(readdirSync(cwd)).toEqual(file ? [file] : []);
  });

  it('an unwritable output folder: message with the path and a fix, exit code 2, nothing written', async () => {
    const cwd = mkdtempSync(join(scratch, 'case-'));
    // A file where a folder must go cannot be written through, even by root (permission bits do not stop root).
    writeFileSync(join(cwd, 'blocked'), 'not a folder');
    const { code, stdout, stderr } = await sim(cwd, '--scenario', 'baseline.yaml', '--years', '1', '--runs', '1', '--out', 'blocked/baseline');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: cannot create the output folder .*blocked[\\/]baseline/);
    expect(stderr).toMatch(/\n {4}fix: /);
    expect(stdout).toBe('');
    expect(readdirSync(cwd)).toEqual(['blocked']);
  });
});
