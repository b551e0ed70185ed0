// Writing a result set: the files and their headers, run.json, and all-or-nothing replacement of the output folder.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyRows, policySummaryRows } from '../../src/core/rows.js';
import { defaultOutputDir } from '../../src/output/folder.js';
import { OUTPUT_FILES, writeOutputs } from '../../src/output/write.js';
import { runScenario, type RunOutcome } from '../../src/runner/run.js';
import { UsageError } from '../../src/core/errors.js';
import { tinyLoaded, tinyPolicyLoaded } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-output-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const loaded = tinyLoaded();
let outcome: RunOutcome;
beforeAll(async () => {
  outcome = await runScenario(loaded, { runs: 2, years: 2, threads: 1 });
});

/** The outcome with one replication's results cut short: row building fails after the first files are written. */
function broken(): RunOutcome {
  const results = [...outcome.results];
  results[1] = { ...results[1], cohortSize: new Float64Array(1) };
  return { ...outcome, results };
}

describe('writeOutputs', () => {
  it('writes every table with a header row, and run.json', () => {
    const written = writeOutputs(loaded, outcome, { out: join(scratch, 'complete') });
    expect(readdirSync(written.dir).sort()).toEqual([...OUTPUT_FILES].sort());
    expect(written.files.map((f) => f.name)).toEqual([...OUTPUT_FILES]);
    const firstLine = (file: string) => readFileSync(join(written.dir, file), 'utf8').split('\n')[0];
    expect(firstLine('timeseries.csv')).toBe('run,tick,year,location,tier,metric,value');
    expect(firstLine('flows.csv')).toBe('run,year,origin,destination,tier,moves');
    expect(firstLine('summary.csv')).toBe('year,metric,mean,p5,p95');
    expect(firstLine('summary-runs.csv')).toBe('run,year,metric,value');
    expect(firstLine('cohorts.csv')).toBe('cohortYear,tier,native,size,yearsSince,year,runs,share,p5,p95');
    expect(firstLine('rates.csv')).toBe('year,location,tier,tenure,flow,personYears,movers,rate,p5,p95');
    expect(firstLine('policies.csv')).toBe('run,year,policy,type,metric,value');
    expect(firstLine('policies-summary.csv')).toBe('year,policy,type,metric,mean,p5,p95');
    // 2 runs × 24 ticks × 4 locations × 3 tiers × 12 metrics, plus the header and the final newline.
    expect(readFileSync(join(written.dir, 'timeseries.csv'), 'utf8').split('\n')).toHaveLength(2 * 24 * 4 * 3 * 12 + 2);
    // 2 years × 14 metrics.
    expect(readFileSync(join(written.dir, 'summary.csv'), 'utf8').split('\n')).toHaveLength(2 * 14 + 2);
    // 2 years × 4 locations × 3 tiers × (leave in 4 tenure bands and in all, arrive in all).
    expect(readFileSync(join(written.dir, 'rates.csv'), 'utf8').split('\n')).toHaveLength(2 * 4 * 3 * 6 + 2);
    // No policies: the policy tables hold their header only, so every result set has the same files.
    expect(readFileSync(join(written.dir, 'policies.csv'), 'utf8')).toBe('run,year,policy,type,metric,value\n');
    expect(readFileSync(join(written.dir, 'policies-summary.csv'), 'utf8')).toBe('year,policy,type,metric,mean,p5,p95\n');
    for (const { name, bytes } of written.files.filter((f) => f.name !== 'run.json')) expect(readFileSync(join(written.dir, name)).length).toBe(bytes);
  });

  it('records what produced the files in run.json', () => {
    const written = writeOutputs({ ...loaded, file: '/somewhere/tiny.yaml' }, outcome, { out: join(scratch, 'record') });
    const record = JSON.parse(readFileSync(join(written.dir, 'run.json'), 'utf8'));
    expect(record.scenario).toBe('tiny');
    expect(record.file).toBe('/somewhere/tiny.yaml');
    expect(record.package.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(record.node).toBe(process.version);
    expect(record.settings).toMatchObject({ runs: 2, seed: 7, years: 2, scale: 10 });
    expect(record.overrides).toEqual({ runs: 2, years: 2 });
    expect(record.threads).toBe(1);
    expect(record.replications).toHaveLength(2);
    expect(record.replications[1]).toMatchObject({ replication: 1, seed: 7, streams: '7/1/' });
    expect(record.replications[0].agents.initial).toBeGreaterThan(0);
    expect(record.replications[0].agents.peak).toBeGreaterThanOrEqual(record.replications[0].agents.initial);
    expect(record.files['timeseries.csv']).toBeGreaterThan(0);
    // The recorded input runs again with the same settings.
    expect(record.input.run).toMatchObject({ runs: 2, years: 2, seed: 7, scale: 10 });
    expect(record.input.locations).toHaveLength(4);
    expect(record.policies).toEqual([]);
    expect(record.files['policies.csv']).toBeGreaterThan(0);
  });

  it('defaults to output/<scenario name> under the working directory', () => {
    const written = writeOutputs(loaded, outcome, { cwd: scratch });
    expect(written.dir).toBe(join(scratch, 'output', 'tiny'));
    expect(defaultOutputDir('my policy/2', '/x')).toBe('/x/output/my-policy-2');
    expect(defaultOutputDir('巴中 基线', '/x')).toBe('/x/output/巴中-基线');
  });

  it('replaces an earlier result set as a whole', () => {
    const out = join(scratch, 'again');
    writeOutputs(loaded, outcome, { out });
    writeFileSync(join(out, 'stale.csv'), 'left over');
    writeOutputs(loaded, outcome, { out });
    expect(existsSync(join(out, 'stale.csv'))).toBe(false);
    expect(readdirSync(scratch).filter((name) => name.startsWith('again.'))).toEqual([]);
  });

  it('leaves nothing behind when writing fails', () => {
    const out = join(scratch, 'failed');
    expect(() => writeOutputs(loaded, broken(), { out })).toThrow(/does not match/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(scratch).filter((name) => name.startsWith('failed'))).toEqual([]);
  });

  it('keeps the earlier result set when writing a new one fails', () => {
    const out = join(scratch, 'kept');
    writeOutputs(loaded, outcome, { out });
    const before = readFileSync(join(out, 'summary.csv'));
    expect(() => writeOutputs(loaded, broken(), { out })).toThrow();
    expect(readFileSync(join(out, 'summary.csv')).equals(before)).toBe(true);
    expect(readdirSync(scratch).filter((name) => name.startsWith('kept.'))).toEqual([]);
  });

  it('reports an uncreatable folder as a UsageError with the path and a fix', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a folder');
    const attempt = () => writeOutputs(loaded, outcome, { out: join(file, 'sub') });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(/cannot create the output folder .*a-file[\\/]sub: .*\n {4}fix: /);
    expect(() => writeOutputs(loaded, outcome, { out: file })).toThrow(/is a file, not a folder/);
  });

  it('will not replace a folder that does not hold earlier outputs', () => {
    const out = join(scratch, 'precious');
    mkdirSync(out);
    writeFileSync(join(out, 'thesis.docx'), 'years of work');
    expect(() => writeOutputs(loaded, outcome, { out })).toThrow(UsageError);
    expect(readFileSync(join(out, 'thesis.docx'), 'utf8')).toBe('years of work');
  });

  it('reports an unwritable folder as a UsageError', () => {
    // Permission bits do not bind root, so this runs only for other users.
    if (process.getuid?.() === 0) return;
    const locked = join(scratch, 'locked');
    mkdirSync(locked, { mode: 0o500 });
    expect(() => writeOutputs(loaded, outcome, { out: join(locked, 'out') })).toThrow(/permission denied/);
  });
});

describe('writeOutputs with policies', () => {
  const policyLoaded = tinyPolicyLoaded();
  const outcomes: Record<number, RunOutcome> = {};
  beforeAll(async () => {
    outcomes[1] = await runScenario(policyLoaded, { runs: 2, years: 2, threads: 1 });
    outcomes[2] = await runScenario(policyLoaded, { runs: 2, years: 2, threads: 2 });
  });

  it('writes every policy figure to policies.csv and their statistics to policies-summary.csv', () => {
    const written = writeOutputs(policyLoaded, outcomes[1], { out: join(scratch, 'policies') });
    expect(written.files.map((f) => f.name)).toEqual([...OUTPUT_FILES]);
    const lines = (file: string) => readFileSync(join(written.dir, file), 'utf8').trimEnd().split('\n');
    const policies = lines('policies.csv');
    // 2 runs × 2 years × 3 policies × (spending + their metrics), plus the header.
    expect(policies).toHaveLength(2 * 2 * policyLoaded.resolved.policies.reduce((n, p) => n + 1 + p.module.metrics.length, 0) + 1);
    expect(policies).toHaveLength(policyRows(outcomes[1].results, policyLoaded.resolved).length + 1);
    expect(policies[1]).toMatch(/^0,2024,subsidy,subsidy,spending,[\d.]+$/);
    expect(policies.filter((line) => line.startsWith('0,2025,chengdu-centre,enclave,staff,'))).toHaveLength(1);
    expect(lines('policies-summary.csv')).toHaveLength(policySummaryRows(outcomes[1].results, policyLoaded.resolved).length + 1);
    // Flexible hiring starts in 2025: nothing spent in 2024.
    expect(policies).toContain('1,2024,flexible-hiring,flexible-hiring,spending,0');
    const summary = lines('summary-runs.csv');
    for (const metric of ['effectiveTalent', 'flexibleFte', 'enclaveFte', 'remoteFte', 'cost', 'costCumulative']) expect(summary.filter((line) => line.split(',')[2] === metric)).toHaveLength(2 * 2);
  });

  it('lists the policies in run.json', () => {
    const written = writeOutputs(policyLoaded, outcomes[1], { out: join(scratch, 'policies-record') });
    const record = JSON.parse(readFileSync(join(written.dir, 'run.json'), 'utf8'));
    expect(record.policies).toEqual([
      { name: 'subsidy', type: 'subsidy', startTick: 0, endTick: null, firstYear: 2024, lastYear: 2025, budget: 20_000_000, metrics: ['grants', 'notTakenUp', 'overBudget', 'holders'] },
      { name: 'flexible-hiring', type: 'flexible-hiring', startTick: 12, endTick: null, firstYear: 2025, lastYear: 2025, budget: null, metrics: ['approached', 'engaged', 'declined', 'quit', 'demand', 'experts'] },
      { name: 'chengdu-centre', type: 'enclave', startTick: 0, endTick: null, firstYear: 2024, lastYear: 2025, budget: null, metrics: ['approached', 'hired', 'declined', 'leaked', 'quit', 'staff', 'landedPositions', 'landedPlatforms'] },
    ]);
    expect(record.notes.policies).toMatch(/null when uncapped/);
  });

  it('gives byte-identical CSV files on one and two threads', () => {
    expect(outcomes[2].threads).toBe(2);
    const one = writeOutputs(policyLoaded, outcomes[1], { out: join(scratch, 'policies-one') });
    const two = writeOutputs(policyLoaded, outcomes[2], { out: join(scratch, 'policies-two') });
    for (const file of OUTPUT_FILES.filter((name) => name.endsWith('.csv'))) expect(readFileSync(join(two.dir, file)).equals(readFileSync(join(one.dir, file))), file).toBe(true);
    // The policies did something, so the comparison is not vacuous.
    const spent = policyRows(outcomes[2].results, policyLoaded.resolved).filter((r) => r.metric === 'spending').reduce((sum, r) => sum + r.value, 0);
    expect(spent).toBeGreaterThan(0);
  });
});
