// Runs every case of the bad-input corpus (corpus.ts, *.yaml here) through the built `sim` command.
import { spawn } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentText, loadCorpus, type BadInputCase } from './corpus.js';

const sim = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sim-corpus-'));
const isRoot = process.getuid?.() === 0;
const cases = loadCorpus();

/** An earlier result made once (a one-year run of the tiny baseline) and copied where a case needs one. */
let earlier: Map<string, Buffer>;

beforeAll(async () => {
  const made = join(scratch, 'earlier');
  mkdirSync(made);
  const { code, stderr } = await run(made, ['--scenario', 'baseline', '--years', '1', '--runs', '1', '--scale', '1000', '--out', 'result', '--quiet'], {}, 120);
  if (code !== 0) throw new Error(`cannot make the earlier result: ${stderr}`);
  earlier = snapshot(join(made, 'result'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bad-input corpus', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(50));

  it.concurrent.each(cases.map((c) => [`${c.file}: ${c.name}`, c] as const))('%s', async (_, c) => {
    if (c.only === 'root' && !isRoot) return;
    if (c.only === 'non-root' && isRoot) return;
    const cwd = mkdtempSync(join(scratch, 'case-'));
    const before = setUp(cwd, c);
    const { code, stdout, stderr, timedOut } = await run(cwd, c.args, c.env ?? {}, c.timeout ?? 60);
    const said = `sim ${c.args.join(' ')}\nexit ${code}\nstderr:\n${stderr}\nstdout:\n${stdout.slice(0, 2000)}`;
    expect(timedOut, `hung for ${c.timeout ?? 60} s: ${said}`).toBe(false);
    expect(code, said).toBe(c.exit ?? 2);
    if ((c.exit ?? 2) !== 0) expect(stderr, said).toMatch(/^(error: |\n?interrupted)/);
    for (const words of c.stderr) expect(stderr, said).toContain(words);
    for (const words of c.notStderr ?? []) expect(stderr, said).not.toContain(words);
    expect(stderr, 'a stack trace').not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(stderr, 'an error reported as a bug').not.toMatch(/this is a bug|unexpected/);
    // Nothing half-written: the folder holds what the case made, no more (no temporary folders, no partial outputs).
    expect(listing(cwd), 'files left behind').toEqual(before);
    for (const folder of c.earlier ?? []) expect(snapshot(join(cwd, folder)), `${folder}: the earlier result changed`).toEqual(earlier);
  });
});

function setUp(cwd: string, c: BadInputCase): string[] {
  for (const dir of c.dirs ?? []) mkdirSync(join(cwd, dir), { recursive: true });
  for (const [path, content] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(cwd, path)), { recursive: true });
    writeFileSync(join(cwd, path), contentText(content));
  }
  for (const folder of c.earlier ?? []) {
    mkdirSync(join(cwd, folder), { recursive: true });
    for (const [name, bytes] of earlier) writeFileSync(join(cwd, folder, name), bytes);
  }
  for (const [link, target] of Object.entries(c.symlinks ?? {})) symlinkSync(target, join(cwd, link));
  return listing(cwd);
}

/** Every path under a folder (symbolic links not followed), sorted. */
function listing(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    out.push(relative(base, path));
    if (lstatSync(path).isDirectory()) out.push(...listing(path, base));
  }
  return out.sort();
}

/** The files of a result folder with their bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name))]),
  );
}

function run(cwd: string, args: string[], env: Record<string, string>, seconds: number) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }>((done) => {
    const { SIM_DEBUG: _, ...rest } = process.env;
    const child = spawn(process.execPath, [sim, ...args], { cwd, env: { ...rest, CI: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, seconds * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, timedOut });
    });
  });
}
