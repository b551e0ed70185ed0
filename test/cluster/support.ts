// What the cluster tests share: a result folder's contents to compare a merged folder with a local one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file of a folder by name, run.json without what it records of wall time (the one thing a merge changes). */
export function folderContents(dir: string): Record<string, string> {
  const withoutWallTime = (text: string) => JSON.stringify(JSON.parse(text, (key, value: unknown) => (key === 'wallMs' ? undefined : value)));
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => {
        const bytes = readFileSync(join(dir, name));
        return [name, name === 'run.json' ? withoutWallTime(bytes.toString('utf8')) : bytes.toString('base64')];
      }),
  );
}
