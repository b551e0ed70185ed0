// The one folder writer of every command: all or nothing, the earlier result set kept until the new one is in, and
// file-system problems as one clear UsageError.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFileTarget, checkOutputTarget, discardStagedFolders, replaceFileSync, writeFolder, writeFolderSync } from '../../src/output/folder.js';
import { fileSystemMessage } from '../../src/core/messages.js';
import { UsageError } from '../../src/core/errors.js';
import { LIMITS } from '../../src/core/limits.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-folder-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const leftovers = () => readdirSync(scratch).filter((name) => name.includes('.tmp-') || name.includes('.old-'));

/** A file-system error as Node reports it. */
function systemError(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, write '${path}'`), { code, syscall: 'write', path });
}

describe('writeFolder', () => {
  it('lists each file with its size, CSV rows by column name or in column order, and JSON', () => {
    const written = writeFolderSync(join(scratch, 'tables'), (folder) => {
      folder.csv('objects.csv', ['a', 'b'], [{ b: 2, a: 0.1 + 0.2 }]);
      folder.csv('arrays.csv', ['a', 'b'], [[NaN, true]]);
      folder.csv('empty.csv', ['a', 'b'], []);
      folder.json('run.json', { files: folder.files.length });
    });
    expect(written.files.map((f) => f.name)).toEqual(['objects.csv', 'arrays.csv', 'empty.csv', 'run.json']);
    const text = (name: string) => readFileSync(join(written.dir, name), 'utf8');
    expect(text('objects.csv')).toBe('a,b\n0.3,2\n');
    expect(text('arrays.csv')).toBe('a,b\n,true\n');
    expect(text('empty.csv')).toBe('a,b\n');
    expect(JSON.parse(text('run.json'))).toEqual({ files: 3 });
    for (const { name, bytes } of written.files) expect(Buffer.byteLength(text(name))).toBe(bytes);
  });

  it('keeps the earlier result set and leaves no temporary folder when a writer fails', async () => {
    const dir = join(scratch, 'kept');
    writeFolderSync(dir, (folder) => folder.json('run.json', { first: true }));
    await expect(
      writeFolder(dir, async (folder) => {
        folder.text('half.csv', 'a\n');
        throw new Error('drawing failed');
      }),
    ).rejects.toThrow('drawing failed');
    expect(readdirSync(dir)).toEqual(['run.json']);
    expect(leftovers()).toEqual([]);
  });

  it('replaces an earlier result set whole', async () => {
    const dir = join(scratch, 'again');
    writeFolderSync(dir, (folder) => folder.json('run.json', {}));
    writeFileSync(join(dir, 'stale.csv'), 'old');
    const written = await writeFolder(dir, async (folder) => folder.json('run.json', { second: true }));
    expect(readdirSync(written.dir)).toEqual(['run.json']);
    expect(leftovers()).toEqual([]);
  });

  it('turns a file-system error into a UsageError with the folder, the reason and a fix', async () => {
    const dir = join(scratch, 'full');
    const attempt = writeFolder(dir, async (folder) => {
      throw systemError('ENOSPC', join(folder.path, 'timeseries.csv'));
    });
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(
      writeFolder(dir, async () => {
        throw systemError('ENOSPC', join(dir, 'x'));
      }),
    ).rejects.toThrow(/^cannot write the output folder .*full: no space left on the device \(at .*\) \[ENOSPC\]\n {4}fix: choose a folder you can write to with --out DIR$/);
    // An error without a system call is a bug, not the user's to fix: it passes through.
    await expect(
      writeFolder(dir, async () => {
        throw new TypeError('bad row');
      }),
    ).rejects.toThrow(TypeError);
    expect(existsSync(dir)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('will not replace a folder that holds something other than a result set', () => {
    const dir = join(scratch, 'precious');
    mkdirSync(dir);
    writeFileSync(join(dir, 'thesis.docx'), 'years of work');
    expect(() => writeFolderSync(dir, (folder) => folder.json('run.json', {}))).toThrow(/will not replace .*precious/);
    expect(readdirSync(dir)).toEqual(['thesis.docx']);
  });

  it('removes the folders being written when the process is interrupted', async () => {
    const dir = join(scratch, 'interrupted');
    let staging = '';
    const writing = writeFolder(dir, async (folder) => {
      staging = folder.path;
      folder.text('half.csv', 'a\n');
      // Ctrl-C arrives while the charts are drawn.
      discardStagedFolders();
      throw new Error('interrupted');
    });
    await expect(writing).rejects.toThrow('interrupted');
    expect(staging).toMatch(/interrupted\.tmp-\d+$/);
    expect(existsSync(staging)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('where an output folder can go', () => {
  const check = (out: string) => () => checkOutputTarget('unused', { out, cwd: scratch });

  it('fails at once, not in a loop, under a path that cannot be created, and makes nothing', () => {
    // Node 20's recursive mkdirSync never returns here.
    expect(check('/proc/forbidden/x')).toThrow(/^cannot create the output folder \/proc\/forbidden\/x: .*\n {4}fix: choose a folder you can write to/);
    writeFileSync(join(scratch, 'a-file'), 'not a folder');
    expect(check('a-file/deep/out')).toThrow(/^cannot create the output folder .*a-file[\/]deep[\/]out: .*a-file is a file, not a folder\n {4}fix: /);
  });

  it('fails at once in a folder that exists but where nothing can be made, naming the folder typed, not the temporary one', () => {
    // Root passes the permission check on /proc: only making the staging folder shows it cannot be written.
    expect(check('/proc/x')).toThrow(/^cannot create the output folder \/proc\/x: [^\n]*\n {4}fix: choose a folder you can write to with --out DIR/);
    expect(check('/proc/x')).not.toThrow(/\.tmp-/);
    expect(() => writeFolderSync('/proc/x', (folder) => folder.json('run.json', {}))).toThrow(/^cannot create the output folder \/proc\/x: [^(\n]*\n/);
    expect(() => writeFolderSync('/proc/x', (folder) => folder.json('run.json', {}))).not.toThrow(/\.tmp-/);
    // The probe is removed again, in a folder that can be written.
    expect(check('probed')()).toBe(join(scratch, 'probed'));
    expect(readdirSync(scratch).filter((name) => name.startsWith('probed'))).toEqual([]);
  });

  it('names the option that gave the folder in its fixes', () => {
    const plan = () => writeFolderSync('/proc/forbidden/p', (folder) => folder.json('plan.json', {}), { option: '--plan' });
    expect(plan).toThrow(/^cannot create the output folder \/proc\/forbidden\/p: .*\n {4}fix: choose a folder you can write to with --plan DIR$/);
  });

  it('checks without creating anything; the writer makes the missing levels', () => {
    expect(check('new/levels/out')()).toBe(join(scratch, 'new', 'levels', 'out'));
    expect(existsSync(join(scratch, 'new'))).toBe(false);
    writeFolderSync(join(scratch, 'new', 'levels', 'out'), (folder) => folder.json('run.json', {}));
    expect(readdirSync(join(scratch, 'new', 'levels', 'out'))).toEqual(['run.json']);
  });

  it('refuses a name with no room for the temporary suffix, counted in UTF-8 bytes, before anything runs', () => {
    expect(LIMITS.outputNameBytes).toBe(255 - '.tmp-'.length - 7);
    expect(check('a'.repeat(247))).toThrow(/the folder's name is 247 bytes long \(in UTF-8\), and at most 243 fit: the file system allows 255 bytes in a name.*\n {4}fix: choose a shorter folder name/);
    // 82 characters of 3 bytes each.
    expect(check('巴'.repeat(82))).toThrow(/is 246 bytes long/);
    expect(check('a'.repeat(300) + '/out')).toThrow(/the part "a{300}" of the path is 300 bytes long \(in UTF-8\), and the file system allows at most 255 in a name/);
    const deep = Array.from({ length: 30 }, () => 'b'.repeat(200)).join('/');
    expect(check(deep)).toThrow(new RegExp(`the path is ${Buffer.byteLength(join(scratch, deep))} bytes long \\(in UTF-8\\), and at most 4083 fit`));
    const longest = 'c'.repeat(243);
    const written = writeFolderSync(join(scratch, longest), (folder) => folder.json('run.json', {}));
    expect(readdirSync(written.dir)).toEqual(['run.json']);
    expect(leftovers()).toEqual([]);
  });
});

describe('an output folder that is a symbolic link', () => {
  it('is written through: the folder it points to is replaced, the link kept', () => {
    const target = join(scratch, 'results-2024');
    writeFolderSync(target, (folder) => folder.json('run.json', { first: true }));
    symlinkSync('results-2024', join(scratch, 'latest'));
    const written = writeFolderSync(join(scratch, 'latest'), (folder) => folder.json('run.json', { second: true }));
    expect(written.dir).toBe(join(scratch, 'latest'));
    expect(lstatSync(join(scratch, 'latest')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(scratch, 'latest'))).toBe('results-2024');
    expect(JSON.parse(readFileSync(join(target, 'run.json'), 'utf8'))).toEqual({ second: true });
    expect(leftovers()).toEqual([]);
  });

  it('creates the folder a dangling link points to, and will not replace one that is not a result set', () => {
    symlinkSync(join(scratch, 'not-yet'), join(scratch, 'dangling'));
    writeFolderSync(join(scratch, 'dangling'), (folder) => folder.json('run.json', {}));
    expect(readdirSync(join(scratch, 'not-yet'))).toEqual(['run.json']);
    expect(lstatSync(join(scratch, 'dangling')).isSymbolicLink()).toBe(true);
    mkdirSync(join(scratch, 'thesis'));
    writeFileSync(join(scratch, 'thesis', 'chapter1.docx'), 'words');
    symlinkSync('thesis', join(scratch, 'thesis-link'));
    expect(() => writeFolderSync(join(scratch, 'thesis-link'), (folder) => folder.json('run.json', {}))).toThrow(/will not replace .*thesis: it is not empty/);
    expect(readdirSync(join(scratch, 'thesis'))).toEqual(['chapter1.docx']);
  });

  it('refuses a dangling link whose folder is missing too, and makes nothing where it points', () => {
    symlinkSync(join(scratch, 'nowhere', 'deep', 'out'), join(scratch, 'far'));
    const write = () => writeFolderSync(join(scratch, 'far'), (folder) => folder.json('run.json', {}));
    expect(write).toThrow(/^cannot write the outputs through the symbolic link .*far: it points to .*nowhere[\/]deep[\/]out, and .*nowhere[\/]deep does not exist\n {4}fix: create /);
    expect(() => checkOutputTarget('unused', { out: 'far', cwd: scratch })).toThrow(/through the symbolic link/);
    expect(existsSync(join(scratch, 'nowhere'))).toBe(false);
    expect(lstatSync(join(scratch, 'far')).isSymbolicLink()).toBe(true);
  });
});

describe('a file written whole beside an output folder (replaceFileSync, checkFileTarget)', () => {
  const message = (error: unknown) => fileSystemMessage(error, 'state.json', 'cannot save', 'choose another folder');

  it('makes the missing levels one at a time and replaces the file whole', () => {
    const file = join(scratch, 'saved', 'deep', 'state.json');
    checkFileTarget(file, message);
    expect(existsSync(join(scratch, 'saved'))).toBe(false);
    replaceFileSync(file, 'first', message);
    replaceFileSync(file, 'second', message);
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(join(scratch, 'saved', 'deep'))).toEqual(['state.json']);
  });

  it('reports a file that cannot be written as a message, without the temporary name, and leaves nothing', () => {
    for (const act of [() => checkFileTarget('/proc/x.resume.json', message), () => replaceFileSync('/proc/x.resume.json', '{}', message)]) {
      expect(act).toThrow(UsageError);
      expect(act).toThrow(/^cannot save state\.json: [^\n]*\[E[A-Z]+\]\n {4}fix: choose another folder$/);
      expect(act).not.toThrow(/\.tmp-/);
    }
    writeFileSync(join(scratch, 'in-the-way'), 'a file');
    expect(() => checkFileTarget(join(scratch, 'in-the-way', 'state.json'), message)).toThrow(/part of the path is a file, not a folder/);
    expect(leftovers()).toEqual([]);
  });

  it('refuses before any work a name with no room for the temporary suffix', () => {
    const file = join(scratch, 'd'.repeat(LIMITS.outputNameBytes + 1));
    expect(() => checkFileTarget(file, message)).toThrow(/^cannot save state\.json: the path is too long \[ENAMETOOLONG\]/);
    expect(() => checkFileTarget(join(scratch, 'd'.repeat(LIMITS.outputNameBytes)), message)).not.toThrow();
  });
});

describe('what killed runs left beside an output folder', () => {
  /** A pid no process has, and one that is alive but not ours (the test runner that started this worker). */
  const dead = 999999;
  const alive = process.ppid;

  it('is removed when the process that made it is gone, and kept while it runs', () => {
    const dir = join(scratch, 'stale');
    writeFolderSync(dir, (folder) => folder.json('run.json', { earlier: true }));
    for (const name of [`stale.tmp-${dead}`, `stale.old-${dead}`, `stale.tmp-${alive}`]) {
      mkdirSync(join(scratch, name));
      writeFileSync(join(scratch, name, 'half.csv'), 'a\n');
    }
    writeFolderSync(dir, (folder) => folder.json('run.json', { again: true }));
    expect(readdirSync(scratch).filter((name) => name.startsWith('stale'))).toEqual(['stale', `stale.tmp-${alive}`]);
    rmSync(join(scratch, `stale.tmp-${alive}`), { recursive: true });
  });

  it('puts back the earlier result a run killed between its two renames had moved aside', () => {
    const dir = join(scratch, 'moved');
    mkdirSync(join(scratch, `moved.old-${dead}`));
    writeFileSync(join(scratch, `moved.old-${dead}`, 'run.json'), '{"earlier": true}');
    expect(checkOutputTarget('unused', { out: dir })).toBe(dir);
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe('{"earlier": true}');
    expect(leftovers()).toEqual([]);
    // A live run's backup is its own business: it is mid-swap.
    const other = join(scratch, 'swapping');
    mkdirSync(join(scratch, `swapping.old-${alive}`));
    checkOutputTarget('unused', { out: other });
    expect(existsSync(other)).toBe(false);
    expect(existsSync(join(scratch, `swapping.old-${alive}`))).toBe(true);
    rmSync(join(scratch, `swapping.old-${alive}`), { recursive: true });
  });
});

describe('runs into one folder at the same time', () => {
  const folder = fileURLToPath(new URL('../../dist/output/folder.js', import.meta.url));

  /** A process writing `rounds` result sets into `dir`, each of 20 files named after it, slowly, so that they overlap. */
  function writer(dir: string, tag: string, rounds: number) {
    const script = `
      const { writeFolder } = await import(${JSON.stringify(folder)});
      for (let round = 0; round < ${rounds}; round++)
        await writeFolder(${JSON.stringify(dir)}, async (f) => {
          for (let k = 0; k < 20; k++) { f.text('part' + k + '.txt', ${JSON.stringify(tag)}); await new Promise((r) => setTimeout(r, 1)); }
          f.json('run.json', { tag: ${JSON.stringify(tag)} });
        });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    return new Promise<{ code: number | null; stderr: string }>((done) => child.on('close', (code) => done({ code, stderr })));
  }

  it('each put a complete result set in, and the folder always holds one', async () => {
    if (!existsSync(folder)) throw new Error('build first: npm run build');
    const dir = join(scratch, 'shared');
    const ends = await Promise.all(['a', 'b', 'c'].map((tag) => writer(dir, tag, 5)));
    for (const end of ends) expect(end).toEqual({ code: 0, stderr: '' });
    const files = readdirSync(dir);
    expect(files).toHaveLength(21);
    const tag = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).tag;
    for (const name of files.filter((f) => f !== 'run.json')) expect(readFileSync(join(dir, name), 'utf8')).toBe(tag);
    expect(leftovers()).toEqual([]);
  });
});
