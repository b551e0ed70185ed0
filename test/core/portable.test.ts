// The simulation core and scenario resolution import nothing Node-only and read no clock, so they can run in a browser Web Worker.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pureFiles = [
  ...readdirSync(new URL('../../src/core/', import.meta.url)).map((f) => `core/${f}`),
  'scenario/schema.ts',
  'scenario/resolve.ts',
  'scenario/errors.ts',
];
const source = (file: string) => readFileSync(new URL(`../../src/${file}`, import.meta.url), 'utf8');
const imports = (text: string) => [...text.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
const allowedPackages = new Set(['seedrandom', 'zod', 'mathjs', 'fastest-levenshtein']);

describe('the core is free of I/O', () => {
  it.each(pureFiles)('%s imports only pure modules', (file) => {
    for (const specifier of imports(source(file))) {
      if (specifier.startsWith('.')) expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\/(core|scenario)?/);
      else expect(allowedPackages.has(specifier), `${file} imports ${specifier}`).toBe(true);
      if (specifier.startsWith('../scenario/')) expect(['../scenario/resolve.js', '../scenario/schema.js', '../scenario/errors.js']).toContain(specifier);
    }
  });

  it.each(pureFiles)('%s reads no clock, no Math.random and no process state', (file) => {
    const code = source(file).replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    expect(code).not.toMatch(/Math\.random|Date\.now|new Date|performance\.now|process\.|require\(/);
  });
});
