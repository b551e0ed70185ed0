// Every user-facing message of the engine in one place, each as {message, hint}: what is wrong, and what to do about
// it (as Vega-Lite keeps its messages in src/log/message.ts). A message is a function of what it must name (a file,
// a field, a count); callers throw it as a UsageError or place it in a ScenarioIssue. Policy modules and plugins
// keep their own messages beside their parameters, so that a student adds a policy in one file.
// Browser-safe: no Node imports.

/** What went wrong, in one sentence, and how to fix it (printed as `fix: …`). */
export interface Message {
  message: string;
  hint?: string;
}

// ---- file-system errors ------------------------------------------------------------------------------------------

/** Plain words for the error codes a file-system call gives (Node's `error.code`). */
export const FILE_SYSTEM_REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the path is too long',
  EISDIR: 'a folder of that name is in the way',
  ENOTEMPTY: 'a folder of that name is in the way',
  EMFILE: 'too many open files',
  EIO: 'an input/output error of the device',
  ENOENT: 'no such file or folder',
  ELOOP: 'too many symbolic links in the path',
};

/**
 * A file-system error (one with an errno code and a system call) as a message naming the target, the reason and a
 * fix; undefined for anything else (a bug, an error already meant for the user).
 */
export function fileSystemMessage(error: unknown, target: string, what: string, fix: string): Message | undefined {
  const e = error as { code?: unknown; syscall?: unknown; path?: unknown; message?: unknown } | undefined;
  if (typeof e?.code !== 'string' || typeof e.syscall !== 'string') return undefined;
  const reason = FILE_SYSTEM_REASONS[e.code] ?? String(e.message);
  const at = typeof e.path === 'string' && e.path !== target ? ` (at ${e.path})` : '';
  return { message: `${what} ${target}: ${reason}${at} [${e.code}]`, hint: fix };
}

// ---- output folders ---------------------------------------------------------------------------------------------

export const output = {
  unwritable: (error: unknown, dir: string, what = 'cannot write the output folder'): Message | undefined =>
    fileSystemMessage(error, dir, what, 'choose a folder you can write to with --out DIR'),
  isFile: (dir: string): Message => ({
    message: `cannot write the outputs to ${dir}: it is a file, not a folder`,
    hint: 'choose another folder with --out DIR, or move this one away',
  }),
  notAResultFolder: (dir: string): Message => ({
    message: `will not replace ${dir}: it is not empty and holds no run.json, so it does not look like an earlier output folder`,
    hint: 'choose another folder with --out DIR, or move this one away',
  }),
  ancestorIsFile: (dir: string, file: string): Message => ({
    message: `cannot create the output folder ${dir}: ${file} is a file, not a folder`,
    hint: 'choose another folder with --out DIR, or move that file away',
  }),
  nameTooLong: (dir: string, part: string, bytes: number, limit: number, last: boolean): Message => ({
    message: last
      ? `cannot write the outputs to ${dir}: the folder's name is ${bytes} bytes long (in UTF-8), and at most ${limit} fit: ` +
        `the file system allows 255 bytes in a name, and the folder is written through one named "<name>.tmp-<process id>"`
      : `cannot write the outputs to ${dir}: the part "${part}" of the path is ${bytes} bytes long (in UTF-8), and the file system allows at most ${limit} in a name`,
    hint: 'choose a shorter folder name with --out DIR',
  }),
  pathTooLong: (dir: string, bytes: number, limit: number): Message => ({
    message:
      `cannot write the outputs to ${dir}: the path is ${bytes} bytes long (in UTF-8), and at most ${limit} fit: ` +
      `the file system allows 4096 bytes in a path, and the folder is written through one named "<name>.tmp-<process id>"`,
    hint: 'choose a shorter path with --out DIR',
  }),
};

// ---- scenario files (reading, YAML, size) -----------------------------------------------------------------------

// ---- scenario fields (schema, resolving) ------------------------------------------------------------------------

// ---- expressions ------------------------------------------------------------------------------------------------

// ---- plugins ----------------------------------------------------------------------------------------------------

// ---- command-line options ---------------------------------------------------------------------------------------

// ---- experiments (compare, sweep, sensitivity) ------------------------------------------------------------------
