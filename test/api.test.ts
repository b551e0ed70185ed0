// The package's two entry points export a deliberate API: what the guides and examples import exists (values and types), and no index arithmetic leaks out.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from '../src/core/index.js';
import * as api from '../src/index.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const sources = [
  'README.md',
  ...readdirSync(new URL('../docs/', import.meta.url))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  ...readdirSync(new URL('../examples/', import.meta.url))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `examples/${f}`),
];

/** The names imported from an entry point in the code of a guide or an example (type-only names included). */
function importedNames(text: string, entry: string): string[] {
  const from = new RegExp(`import\\s+(?:type\\s+)?\\{([^}]*)\\}\\s+from\\s+'${entry.replace('/', '\\/')}'`, 'g');
  return [...text.matchAll(from)].flatMap((m) =>
    m[1]
      .split(',')
      .map(
        (n) =>
          n
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0],
      )
      .filter(Boolean),
  );
}

/** The type names an entry point exports (`type X` in its export lists, and `export type { … }`). */
function typesOf(entry: string): Set<string> {
  const text = read(entry);
  const listed = [...text.matchAll(/export type \{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((n) => n.trim()));
  return new Set([...[...text.matchAll(/\btype (\w+)/g)].map((m) => m[1]), ...listed].filter(Boolean));
}

describe('the library API', () => {
  it('re-exports the whole browser-safe core', () => {
    for (const name of Object.keys(core)) expect(api, name).toHaveProperty(name);
  });

  it('reads results by name, not by index arithmetic', () => {
    for (const name of ['stockAt', 'movesAt', 'homeFigure', 'tickFigure', 'cohortSizeAt', 'cohortRemainingAt']) expect(api).toHaveProperty(name);
    for (const name of ['perTickIndex', 'flowIndex', 'cohortIndex', 'transferables']) expect(api).not.toHaveProperty(name);
  });

  it.each(sources)('every value %s imports from the package exists', (source) => {
    const text = read(`../${source}`);
    const missing = (names: string[], entry: Record<string, unknown>, types: Set<string>) => names.filter((n) => !(n in entry) && !types.has(n));
    expect(missing(importedNames(text, 'bazhong-talent-sim'), api, new Set([...typesOf('../src/index.ts'), ...typesOf('../src/core/index.ts')]))).toEqual([]);
    expect(missing(importedNames(text, 'bazhong-talent-sim/core'), core, typesOf('../src/core/index.ts'))).toEqual([]);
  });

  it('the guides do import from the package', () => {
    expect(sources.flatMap((s) => importedNames(read(`../${s}`), 'bazhong-talent-sim')).length).toBeGreaterThan(5);
  });
});
