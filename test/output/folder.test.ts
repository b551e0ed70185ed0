// The one folder writer of every command: all or nothing, the earlier result set kept until the new one is in, and
// file-system problems as one clear UsageError.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discardStagedFolders, writeFolder, writeFolderSync } from '../../src/output/folder.js';
import { UsageError } from '../../src/core/errors.js';

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
