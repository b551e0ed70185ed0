// A comparison's compare.csv, ranking.csv and runs.csv made again from its run.json and runs.csv (written at full
// precision) by the compare functions: byte for byte the files `sim compare` wrote. Needs `npm run build` (workers run dist/).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { UsageError } from '../../src/core/errors.js';
import { writeComparisonTables } from '../../src/compare/run.js';
import { writeFolder } from '../../src/output/folder.js';
import { comparisonTablesAgain } from '../../src/reload/compare.js';
import { folderRecord } from '../../src/reload/record.js';
import { runCli, tinyPolicyScenarioInput, tinyScenarioInput } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-report-compare-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const policy = tinyPolicyScenarioInput();
writeFileSync(join(scratch, 'tiny.yaml'), stringify(tinyScenarioInput()));
writeFileSync(join(scratch, 'policies.yaml'), stringify(policy));
writeFileSync(join(scratch, 'flex.yaml'), stringify({ ...policy, name: 'flex', policies: [policy.policies![1]] }));
const TABLES = ['compare.csv', 'ranking.csv', 'runs.csv'];

const again = (dir: string) => {
  const record = JSON.parse(readFileSync(join(scratch, dir, 'run.json'), 'utf8')) as Record<string, unknown>;
  return comparisonTablesAgain(folderRecord(join(scratch, dir), dir, record));
};

describe('a comparison made again from its runs.csv', () => {
  beforeAll(async () => {
    for (const [out, ...options] of [['cmp'], ['cmp-residents', '--metric', 'residents', '--horizon', '2024']]) {
      const result = await runCli(
        scratch,
        'compare',
        'policies.yaml',
        'flex.yaml',
        '--baseline',
        'tiny.yaml',
        '--runs',
        '3',
        '--years',
        '2',
        ...options,
        '--out',
        out,
        '--quiet',
      );
      expect(result.code, result.stderr).toBe(0);
    }
  }, 120_000);

  for (const dir of ['cmp', 'cmp-residents'])
    it(`gives compare.csv, ranking.csv and runs.csv byte for byte (${dir})`, async () => {
      const tables = again(dir);
      const written = await writeFolder(join(scratch, `${dir}-again`), async (folder) => writeComparisonTables(folder, tables));
      expect(written.files.map((f) => f.name)).toEqual(TABLES);
      for (const file of TABLES) expect(readFileSync(join(scratch, `${dir}-again`, file), 'utf8'), file).toBe(readFileSync(join(scratch, dir, file), 'utf8'));
      // The swaps recorded in run.json come out again too.
      expect(tables.swaps).toEqual((JSON.parse(readFileSync(join(scratch, dir, 'run.json'), 'utf8')) as { ranking: { swaps: unknown } }).ranking.swaps);
    });

  it('refuses a runs.csv cut short or edited, naming the file and line', () => {
    const runs = join(scratch, 'cmp', 'runs.csv');
    const text = readFileSync(runs, 'utf8');
    try {
      writeFileSync(runs, text.split('\n').slice(0, 30).join('\n') + '\n');
      expect(() => again('cmp')).toThrow(UsageError);
      expect(() => again('cmp')).toThrow(/cmp\/runs\.csv: 29 rows where the comparison makes \d+/);
      writeFileSync(runs, text.replace(/\n(0,7,tiny,2024,\w+),[^,\n]+\n/, '\n$1,many\n'));
      expect(() => again('cmp')).toThrow(/cmp\/runs\.csv, line 2: the value "many" is not a number/);
      writeFileSync(runs, text.replace('\n0,7,tiny,2024,', '\n1,7,tiny,2024,'));
      expect(() => again('cmp')).toThrow(/cmp\/runs\.csv, line 2: expected 0,7,tiny,2024,/);
    } finally {
      writeFileSync(runs, text);
    }
  });
});
