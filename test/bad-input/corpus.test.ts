// Runs every case of the bad-input corpus (corpus.ts, *.yaml here): in this process through the CLI's entry (main, as
// bin/sim.js calls it), or, for a case marked `spawn: true`, as the built `sim` command in a child process. Both are
// held to the same checks (`check` below); in this process, each case must also leave the process as it found it.
import { spawn } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, type RunnerTask as Task } from 'vitest';
import { main, type CliContext } from '../../src/cli/main.js';
import { commandNames } from '../../src/cli/commands.js';
import { commandOf, contentText, loadCorpus, type BadInputCase } from './corpus.js';

const sim = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sim-corpus-'));
const isRoot = process.getuid?.() === 0;
const cases = loadCorpus();

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** An earlier result made once (a one-year run of the tiny baseline) and copied where a case needs one. */
let earlier: Map<string, Buffer>;

beforeAll(async () => {
  const made = join(scratch, 'earlier');
  mkdirSync(made);
  const { code, stderr } = await inProcess(
    made,
    ['--scenario', 'baseline', '--years', '1', '--runs', '1', '--scale', '1000', '--out', 'result', '--quiet'],
    {},
    120,
  );
  if (code !== 0) throw new Error(`cannot make the earlier result: ${stderr}`);
  earlier = snapshot(join(made, 'result'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const title = (c: BadInputCase) => [`${c.file}: ${c.name}`, c] as const;
const applies = (c: BadInputCase) => !(c.only === 'root' && !isRoot) && !(c.only === 'non-root' && isRoot);
const toSpawn = cases.filter((c) => c.spawn);

/** Child processes running at once: they run beside the cases in process, which take one core. */
const CHILDREN = 2;
/** Each spawned case, started before the cases in process run so that the two overlap: its folder, listing and outcome. */
const started = new Map<string, { cwd: string; before: string[]; outcome: Promise<Outcome> }>();

describe('the bad-input corpus', () => {
  beforeAll(({}, suite) => {
    // The spawned cases this run will check (not those a -t filter leaves out), at most CHILDREN at a time.
    const chosen = new Set<string>();
    const walk = (task: Readonly<Task>): void => {
      if (task.mode === 'run') chosen.add(task.name);
      if (task.type === 'suite') for (const child of task.tasks) walk(child);
    };
    walk(suite);
    const queue = toSpawn.filter((c) => applies(c) && chosen.has(title(c)[0]));
    const slots: Promise<unknown>[] = Array.from({ length: CHILDREN }, () => Promise.resolve());
    queue.forEach((c, k) => {
      const cwd = mkdtempSync(join(scratch, 'case-'));
      const before = setUp(cwd, c);
      const outcome = slots[k % CHILDREN]!.then(() => spawned(cwd, c.args, c.env ?? {}, c.timeout ?? 60));
      slots[k % CHILDREN] = outcome;
      started.set(title(c)[0], { cwd, before, outcome });
    });
  });

  it('has cases', () => expect(cases.length).toBeGreaterThan(50));

  it('spawns the real command for at least one case of every command it covers, and runs most cases in process', () => {
    const commands = commandNames();
    const covered = new Set(cases.map((c) => commandOf(c, commands)));
    const smoked = new Set(toSpawn.map((c) => commandOf(c, commands)));
    expect([...covered].filter((command) => !smoked.has(command))).toEqual([]);
    expect(toSpawn.length).toBeLessThan(cases.length / 4);
  });

  describe('in process (main)', () => {
    it.each(cases.filter((c) => !c.spawn).map(title))('%s', async (_, c) => {
      if (!applies(c)) return;
      const cwd = mkdtempSync(join(scratch, 'case-'));
      const before = setUp(cwd, c);
      const state = processState();
      let outcome: Outcome;
      try {
        outcome = await inProcess(cwd, c.args, c.env ?? {}, c.timeout ?? 60);
      } finally {
        // What a case changed in this process is put back before anything is checked, so that it cannot reach the next case.
        const left = state.restore();
        expect(left, 'the case left this process changed').toEqual([]);
      }
      check(c, cwd, before, outcome);
    });
  });

  describe('as a child process (bin/sim.js)', () => {
    it.each(toSpawn.map(title))('%s', async (name, c) => {
      if (!applies(c)) return;
      const run = started.get(name);
      if (!run) throw new Error(`${name}: not started`);
      check(c, run.cwd, run.before, await run.outcome);
    });
  });
});

/** The one rule every case is held to, whichever way it ran. */
function check(c: BadInputCase, cwd: string, before: string[], { code, stdout, stderr, timedOut }: Outcome): void {
  const seconds = c.timeout ?? 60;
  const said = `sim ${c.args.join(' ')}\nexit ${code}\nstderr:\n${stderr}\nstdout:\n${stdout.slice(0, 2000)}`;
  expect(timedOut, `took longer than ${seconds} s (a hang?): ${said}`).toBe(false);
  expect(code, said).toBe(c.exit ?? 2);
  if ((c.exit ?? 2) !== 0) expect(stderr, said).toMatch(/^(error: |\n?interrupted)/);
  for (const words of c.stderr) expect(stderr, said).toContain(words);
  for (const words of c.notStderr ?? []) expect(stderr, said).not.toContain(words);
  expect(stderr, 'a stack trace').not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(stderr, 'an error reported as a bug').not.toMatch(/this is a bug|unexpected/);
  // Nothing half-written: the folder holds what the case made, no more (no temporary folders, no partial outputs).
  expect(listing(cwd), 'files left behind').toEqual(before);
  for (const folder of c.earlier ?? []) expect(changes(snapshot(join(cwd, folder))), `${folder}: the earlier result changed`).toEqual([]);
}

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

/** How a folder's files differ from the earlier result's, byte for byte (compared with Buffer.equals: deep equality of large buffers is slow). */
function changes(files: Map<string, Buffer>): string[] {
  const names = [...new Set([...earlier.keys(), ...files.keys()])].sort();
  return names.flatMap((name) => {
    const [was, is] = [earlier.get(name), files.get(name)];
    if (!is) return [`${name} removed`];
    if (!was) return [`${name} added`];
    return was.equals(is) ? [] : [`${name} changed`];
  });
}

/** The environment a case's `sim` sees, in either mode: this one's without SIM_DEBUG, under CI, plus the case's own. */
function caseEnv(env: Record<string, string>): Record<string, string | undefined> {
  const { SIM_DEBUG: _, ...rest } = process.env;
  return { ...rest, CI: 'true', ...env };
}

/** The built `sim` as a child process, killed after `seconds`. */
function spawned(cwd: string, args: string[], env: Record<string, string>, seconds: number) {
  return new Promise<Outcome>((done) => {
    const child = spawn(process.execPath, [sim, ...args], { cwd, env: caseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
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

/**
 * The CLI's entry in this process, with the context a child process would have (its folder, environment, and piped
 * output). A case that is still running after `seconds` counts as timed out; one that blocks the event loop cannot be
 * stopped here, so such a case is spawned. A case that finishes but took longer than `seconds` counts as timed out too.
 */
async function inProcess(cwd: string, args: string[], env: Record<string, string>, seconds: number): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    cwd,
    env: caseEnv(env),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
  };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), seconds * 1000)));
  try {
    const code = await Promise.race([main(args, context), bound]);
    const timedOut = code === 'timeout' || performance.now() - started > seconds * 1000;
    return { code: code === 'timeout' ? null : code, stdout, stderr, timedOut };
  } finally {
    clearTimeout(timer);
  }
}

/** Process-wide events a command might listen to (signals above all: sim's session handles SIGINT and SIGTERM while it runs). */
const EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'warning'];
const events: NodeJS.EventEmitter = process;

/**
 * What one command run in this process could change for the next: the working folder, the environment, the exit code,
 * and listeners on process events. `restore` puts each back and says what had changed.
 */
function processState() {
  const cwd = process.cwd();
  const env = { ...process.env };
  const exitCode = process.exitCode;
  const listeners = new Map(EVENTS.map((event) => [event, events.listeners(event)]));
  return {
    restore(): string[] {
      const changed: string[] = [];
      if (process.cwd() !== cwd) {
        changed.push(`working folder ${process.cwd()}`);
        process.chdir(cwd);
      }
      for (const key of new Set([...Object.keys(env), ...Object.keys(process.env)]))
        if (process.env[key] !== env[key]) {
          changed.push(`environment variable ${key}`);
          if (env[key] === undefined) delete process.env[key];
          else process.env[key] = env[key];
        }
      if (process.exitCode !== exitCode) {
        changed.push(`exit code ${String(process.exitCode)}`);
        process.exitCode = exitCode;
      }
      for (const [event, before] of listeners)
        for (const listener of events.listeners(event))
          if (!before.includes(listener)) {
            changed.push(`a listener on ${event}`);
            events.off(event, listener as (...args: unknown[]) => void);
          }
      return changed;
    },
  };
}
