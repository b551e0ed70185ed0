// The test suite's own rule: files share their worker's modules (vitest.config.ts), so only the files run isolated may mock one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../vitest.config.js';

const root = new URL('..', import.meta.url).pathname;
const testFiles = (readdirSync(join(root, 'test'), { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts')).map((f) => `test/${f}`);

describe('vitest.config.ts', () => {
  const projects = (config.test?.projects ?? []) as { test: { name: string; include: string[]; exclude?: string[]; isolate?: boolean } }[];
  const isolated = projects.find((p) => p.test.name === 'isolated')!.test.include;

  it('runs every file that mocks a module (vi.mock, vi.doMock) isolated', () => {
    const mocking = testFiles.filter((f) => /\bvi\.(mock|doMock)\(/.test(readFileSync(join(root, f), 'utf8')));
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking.sort()).toEqual([...isolated].sort());
  });

  it('keeps the isolated files out of the shared project', () => {
    expect(projects.find((p) => p.test.name === 'shared')!.test.exclude).toEqual(isolated);
  });
});
