// The corpus of bad inputs: each case is data (test/bad-input/*.yaml), run as a user would run it — `sim` in a fresh
// folder, through the CLI's entry in this process, or as a child process where a case says `spawn: true` — and held to
// one rule: a clear message, the expected exit code, no stack trace, and nothing half-written, with an earlier result
// in the same folder intact. See README.md here for the format.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** File content written as data: a text, or a text repeated (for files too large to write out). */
export type Content = string | { repeat: string; times: number; prefix?: string; suffix?: string };

export interface BadInputCase {
  /** What the user did wrong, in a few words. */
  name: string;
  /** The corpus file that holds it. */
  file: string;
  /** Arguments to `sim`. */
  args: string[];
  /** Files to create in the working folder (paths relative to it; folders are made as needed). */
  files?: Record<string, Content>;
  /** Empty folders to create. */
  dirs?: string[];
  /** Symbolic links to create: link path → target. */
  symlinks?: Record<string, string>;
  /** Folders holding an earlier result (a small run of the baseline), made before the case: each must be intact after it. */
  earlier?: string[];
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Expected exit code (default 2). */
  exit?: number;
  /** Words the error output must contain, each as written (case-sensitive). */
  stderr: string[];
  /** Words it must not contain. */
  notStderr?: string[];
  /** Seconds before the case counts as a hang (default 60). */
  timeout?: number;
  /** Run only as root, or only as a user who is not root (permission bits do not stop root). */
  only?: 'root' | 'non-root';
  /**
   * Run the built `sim` as a child process instead of in this process: for one smoke case per command, and for cases
   * that need a process of their own (an environment variable read by plugin code, a possible hang or blow-up that only
   * killing a process can bound). The file's header says why each is spawned. Default: true for a case with `env`
   * (code that reads process.env, a plugin's or a worker's, sees it only in a process of its own), false otherwise.
   */
  spawn?: boolean;
}

export const corpusDir = fileURLToPath(new URL('.', import.meta.url));

const KEYS = new Set(['name', 'args', 'files', 'dirs', 'symlinks', 'earlier', 'env', 'exit', 'stderr', 'notStderr', 'timeout', 'only', 'spawn']);

/** Every case of every corpus file, in file order; throws on a malformed case so that a typo cannot skip a check. */
export function loadCorpus(dir: string = corpusDir): BadInputCase[] {
  const cases: BadInputCase[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const items = parse(readFileSync(join(dir, file), 'utf8')) as unknown;
    if (!Array.isArray(items)) throw new Error(`${file}: expected a list of cases`);
    items.forEach((item: Record<string, unknown>, k) => {
      const where = `${file} case ${k + 1} (${String(item?.name)})`;
      for (const key of Object.keys(item ?? {})) if (!KEYS.has(key)) throw new Error(`${where}: unknown key "${key}"`);
      if (typeof item.name !== 'string') throw new Error(`${where}: no name`);
      if (!Array.isArray(item.args) || !item.args.every((a) => typeof a === 'string')) throw new Error(`${where}: args must be a list of texts`);
      if (!Array.isArray(item.stderr) || !item.stderr.length) throw new Error(`${where}: stderr must list the words the message must contain`);
      if (item.spawn !== undefined && typeof item.spawn !== 'boolean') throw new Error(`${where}: spawn must be true or false`);
      // Environment variables reach code that reads process.env (a plugin, a worker thread) only in a process of its own.
      cases.push({ ...(item as unknown as BadInputCase), file, spawn: (item.spawn as boolean | undefined) ?? item.env !== undefined });
    });
  }
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`${c.file}: two cases are named "${c.name}"`);
    names.add(c.name);
  }
  return cases;
}

/** The text of a file's content. */
export function contentText(content: Content): string {
  return typeof content === 'string' ? content : (content.prefix ?? '') + content.repeat.repeat(content.times) + (content.suffix ?? '');
}

/** The command a case's arguments name: `validate`, `compare`, … or `run` for the default command (also a misspelt one). */
export function commandOf(c: Pick<BadInputCase, 'args'>, commands: readonly string[]): string {
  return commands.includes(c.args[0] ?? '') ? c.args[0]! : 'run';
}
