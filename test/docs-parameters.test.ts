// Every parameter of the committed baseline is in the ODD's table with the value the baseline uses, its range, its
// source and whether calibration fits it (docs/model-odd.md §6): the table is generated, and must be regenerated
// (npm run docs:parameters) whenever the baseline, the schema or the targets change.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { numericPaths } from '../src/experiments/paths.js';
import { loadScenarioSync } from '../src/scenario/load.js';
import { committedTable, ODD_FILE, parameterTable } from './docs/parameter-table.js';

describe("the ODD's table of every parameter", () => {
  const committed = committedTable(readFileSync(ODD_FILE, 'utf8'));

  it('is the table generated from the committed baseline (npm run docs:parameters)', () => {
    expect(committed).toBe(parameterTable());
  });

  it('has a row for every numeric field of the baseline, with its value', () => {
    const { scenario } = loadScenarioSync('baseline.yaml');
    const paths = numericPaths(scenario);
    expect(paths.length).toBeGreaterThan(100);
    for (const path of paths) expect(committed, path).toContain(`| \`${path}\` |`);
  });
});
