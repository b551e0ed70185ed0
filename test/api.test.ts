// The package's two entry points export a deliberate API: what the guides and examples import exists (values and types), every
// name the README's From code section uses is exported, and no index arithmetic leaks out.
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

  it("exports every name the README's From code section uses: its imports, its calls and the names it quotes", () => {
    const section = /\n## From code\n([\s\S]*?)\n## /.exec(read('../README.md'))![1];
    const code = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
    const quoted = [...section.replace(/```ts\n[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
    // Names the snippets declare themselves (const x, const { a, b }) are theirs, not the package's.
    const local = new Set([...code.matchAll(/\bconst\s+(?:\{([^}]*)\}|(\w+))/g)].flatMap((m) => (m[1] ? m[1].split(',').map((n) => n.trim()) : [m[2]])));
    /** Calls of a bare name (not a method), e.g. runScenario(…) or `writeCharts(dir, charts)`. */
    const called = (text: string) => [...text.matchAll(/(?<![.\w])([A-Za-z_]\w*)\(/g)].map((m) => m[1]);
    const used = new Set([
      ...importedNames(code, 'bazhong-talent-sim'),
      ...called(code),
      ...quoted.flatMap(called),
      // A quoted name alone with a capital letter (writeOutputs, retentionSpec, CALIBRATION_DEFAULTS); options are written
      // in lower case (`font`) or in braces (`{ font, onWarning }`).
      ...quoted.filter((q) => /^[A-Za-z_]\w*$/.test(q) && /[A-Z]/.test(q)),
    ]);
    const types = new Set([...typesOf('../src/index.ts'), ...typesOf('../src/core/index.ts')]);
    const missing = [...used].filter((name) => !local.has(name) && !(name in globalThis) && !(name in api) && !types.has(name));
    expect(missing).toEqual([]);
    for (const name of ['calibrate', 'robustness', 'writeReloaded', 'runShard', 'mergeExecutor']) expect(used, name).toContain(name);
  });

  it('exports no index arithmetic: no name ends with Index', () => {
    const names = [...Object.keys(api), ...Object.keys(core), ...typesOf('../src/index.ts'), ...typesOf('../src/core/index.ts')];
    // SobolIndex is a Sobol' sensitivity index (a result), not a position in an array.
    expect(names.filter((name) => /Index$/.test(name) && name !== 'SobolIndex')).toEqual([]);
  });

  it('the guides do import from the package', () => {
    expect(sources.flatMap((s) => importedNames(read(`../${s}`), 'bazhong-talent-sim')).length).toBeGreaterThan(5);
  });
});
