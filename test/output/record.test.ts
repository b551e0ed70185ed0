// The one run.json builder: the common fields of every command, each command's own after them.
import { describe, expect, it } from 'vitest';
import { inputAsRun, packageInfo, runRecord } from '../../src/output/record.js';
import { tinyLoaded } from '../fixtures.js';

const loaded = tinyLoaded();
const settings = { ...loaded.resolved.run, runs: 5, seed: 9 };

describe('runRecord', () => {
  it('records the scenario, versions, settings, overrides, threads and wall time, then the command’s fields, the files and the input', () => {
    const record = runRecord(
      { command: 'sweep', scenario: { ...loaded, file: '/x/tiny.yaml' }, runBlock: loaded.resolved.run, settings, threads: 2, wallMs: 1234.6 },
      { kind: 'sweep', design: { points: 3 } },
      [{ name: 'a.csv', bytes: 10 }],
    );
    expect(Object.keys(record)).toEqual([
      'command',
      'scenario',
      'description',
      'file',
      'package',
      'node',
      'settings',
      'overrides',
      'threads',
      'wallMs',
      'kind',
      'design',
      'files',
      'input',
    ]);
    expect(record).toMatchObject({
      command: 'sweep',
      scenario: 'tiny',
      file: '/x/tiny.yaml',
      package: packageInfo(),
      node: process.version,
      overrides: { runs: 5, seed: 9 },
      threads: 2,
      wallMs: 1235,
      files: { 'a.csv': 10 },
    });
    expect(record.input).toEqual(inputAsRun(loaded.resolved, settings));
  });

  it('leaves out what a comparison of several scenarios has no single value for', () => {
    const record = runRecord({ command: 'compare', runBlock: loaded.resolved.run, settings: loaded.resolved.run, wallMs: 10 }, { baseline: 'tiny' }, []);
    expect(Object.keys(record)).toEqual(['command', 'package', 'node', 'settings', 'overrides', 'wallMs', 'baseline', 'files']);
    expect(record.overrides).toEqual({});
  });

  it('records the input with the settings used, so that it runs again as it ran', () => {
    expect(inputAsRun(loaded.resolved, settings).run).toMatchObject({ runs: 5, seed: 9, years: 3, scale: 10, startYear: 2024 });
  });
});
