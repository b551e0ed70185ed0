// A run's charts and report.html written with its CSV files (all or nothing), and a comparison's report.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeComparisonExtras } from '../../src/charts/compare-extras.js';
import { changedFields, changeSummary, flattenParams, scenarioInfo } from '../../src/charts/report.js';
import { Scenario } from '../../src/scenario/schema.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { formatMillions } from '../../src/output/format.js';
import { packageInfo } from '../../src/output/record.js';
import { OUTPUT_FILES, writeOutputs } from '../../src/output/write.js';
import { writeOutputsWithCharts } from '../../src/publish.js';
import { runScenario, type RunOutcome } from '../../src/runner/run.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import { SMALL, tinyComparison, tinyLoaded, tinyRun } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const RUN_CHARTS = ['retention', 'effective-talent', 'flows', 'stock-by-tier', 'spending'];
const chartFiles = (names: string[]) => names.flatMap((n) => [`${n}.vl.json`, `${n}.svg`, `${n}.png`]);

let loaded: LoadedScenario;
let outcome: RunOutcome;
beforeAll(async () => {
  ({ loaded, outcome } = await tinyRun('tiny-policies', true));
});

/** A substring check that names the substring, not the whole page, when it fails. */
function has(text: string, part: string): void {
  expect(text.includes(part), `expected the page to contain ${JSON.stringify(part)}`).toBe(true);
}

/** What a page loads from elsewhere: src and href attributes and CSS urls that are not local files or anchors. */
function externalReferences(html: string): string[] {
  const refs = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]).concat([...html.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]));
  return refs.filter((ref) => /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//'));
}

describe('writeOutputsWithCharts', () => {
  it('writes the tables, run.json, the charts and report.html; the CSV files are byte for byte those of writeOutputs', async () => {
    const written = await writeOutputsWithCharts(loaded, outcome, { out: join(scratch, 'with-charts') });
    const plain = writeOutputs(loaded, outcome, { out: join(scratch, 'plain') });
    const expected = [...OUTPUT_FILES.filter((f) => f !== 'run.json'), ...chartFiles(RUN_CHARTS), 'report.html', 'run.json'];
    expect(written.files.map((f) => f.name)).toEqual(expected);
    expect(readdirSync(written.dir).sort()).toEqual([...expected].sort());
    for (const { name, bytes } of written.files) expect(readFileSync(join(written.dir, name)).length, name).toBe(bytes);
    for (const name of OUTPUT_FILES.filter((f) => f.endsWith('.csv')))
      expect(readFileSync(join(written.dir, name)).equals(readFileSync(join(plain.dir, name))), name).toBe(true);
    expect(readdirSync(scratch).filter((name) => name.includes('.tmp-'))).toEqual([]);
    // run.json, written last, lists every other file with its size.
    const record = JSON.parse(readFileSync(join(written.dir, 'run.json'), 'utf8'));
    expect(Object.keys(record.files)).toEqual(expected.slice(0, -1));
  });

  it('keeps the thread count and wall time in run.json only: every other file is the same on two threads', async () => {
    const two = await runScenario(loaded, { ...SMALL, threads: 2 });
    expect([outcome.threads, two.threads]).toEqual([1, 2]);
    const one = await writeOutputsWithCharts(loaded, outcome, { out: join(scratch, 'threads-1') });
    const other = await writeOutputsWithCharts(loaded, { ...two, wallMs: outcome.wallMs + 1234 }, { out: join(scratch, 'threads-2') });
    for (const { name } of one.files.filter((f) => f.name !== 'run.json'))
      expect(readFileSync(join(other.dir, name)).equals(readFileSync(join(one.dir, name))), name).toBe(true);
    const records = [one, other].map((w) => JSON.parse(readFileSync(join(w.dir, 'run.json'), 'utf8')));
    expect(records.map((r) => r.threads)).toEqual([1, 2]);
  });

  it('writes a self-contained report: inlined vega, the charts, the summary table, the scenario and its seeds', async () => {
    const written = await writeOutputsWithCharts(loaded, outcome, { out: join(scratch, 'report-zh') });
    const html = readFileSync(join(written.dir, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(externalReferences(html)).toEqual([]);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link /);
    // The three libraries, inline.
    expect(html.length).toBeGreaterThan(700_000);
    expect(html).toMatch(/vegaEmbed=/);
    has(html, 'vegaLite');
    for (const name of RUN_CHARTS) has(html, `id="chart-${name}"`);
    const specs = JSON.parse(/<script type="application\/json" id="chart-specs">([\s\S]*?)<\/script>/.exec(html)![1]) as { id: string; spec: unknown }[];
    expect(specs.map((s) => s.id)).toEqual(RUN_CHARTS);
    expect(specs[0].spec).toEqual(JSON.parse(readFileSync(join(written.dir, 'retention.vl.json'), 'utf8')));
    has(html, 'id="results-table"');
    has(html, '净流入（迁入−迁出，人）');
    has(html, loaded.resolved.description);
    // Policies with their parameters, as written.
    for (const name of ['subsidy', 'flexible-hiring', 'chengdu-centre']) has(html, `<h4>${name} `);
    // Each parameter named in words, its path in small print below.
    has(html, '<td>一次性补助<br><span class="path">lumpSum</span></td><td>50,000</td>');
    // An id as a value is in words too: the enclave's city.
    has(html, '<td>中心所在地<br><span class="path">location</span></td><td>成都</td>');
    // Seeds and version.
    has(html, `<dd>${outcome.settings.seed}</dd>`);
    has(html, `${outcome.settings.seed}/2/`);
    has(html, packageInfo().version);
  });

  it('writes English labels with --lang en, place names still in Chinese', async () => {
    const written = await writeOutputsWithCharts(loaded, outcome, { out: join(scratch, 'report-en'), lang: 'en' });
    const html = readFileSync(join(written.dir, 'report.html'), 'utf8');
    expect(html).toMatch(/<html lang="en">/);
    has(html, 'Talent flows of 巴中 Bazhong');
    expect(readFileSync(join(written.dir, 'flows.svg'), 'utf8')).toContain('巴中 Bazhong');
    expect(readFileSync(join(written.dir, 'retention.vl.json'), 'utf8')).toContain('Net retention (persons)');
  });

  it('leaves no partial folder and keeps the earlier outputs when drawing fails', async () => {
    const out = join(scratch, 'kept');
    await writeOutputsWithCharts(loaded, outcome, { out });
    const before = readFileSync(join(out, 'report.html'));
    vi.resetModules();
    vi.doMock('../../src/charts/run-extras.js', () => ({
      writeRunExtras: async ({ dir }: { dir: string }) => {
        writeFileSync(join(dir, 'half.svg'), '<svg');
        throw new Error('drawing failed');
      },
    }));
    const fresh = await import('../../src/publish.js');
    await expect(fresh.writeOutputsWithCharts(loaded, outcome, { out })).rejects.toThrow(/drawing failed/);
    expect(readFileSync(join(out, 'report.html')).equals(before)).toBe(true);
    expect(existsSync(join(out, 'half.svg'))).toBe(false);
    expect(readdirSync(scratch).filter((name) => name.startsWith('kept.'))).toEqual([]);
  });
  afterEach(() => {
    vi.doUnmock('../../src/charts/run-extras.js');
    vi.resetModules();
  });
});

describe('writeComparisonExtras', () => {
  it('writes the six charts and a report with the table at the horizon, every scenario and what produced it', async () => {
    const dir = join(scratch, 'compare');
    mkdirSync(dir);
    const data = await tinyComparison(dir, 'en');
    const files = await writeComparisonExtras(data);
    const charts = ['retention', 'effective-talent', 'difference', 'cost-effect', 'flows', 'stock-by-tier'];
    expect(files).toEqual([...chartFiles(charts), 'report.html']);
    expect(readdirSync(dir).sort()).toEqual([...files].sort());
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(externalReferences(html)).toEqual([]);
    const table = /<table id="results-table">([\s\S]*?)<\/table>/.exec(html)![1];
    const horizon = data.ranking[0].horizonYear;
    has(table, `The scenarios in ${horizon}`);
    expect(table.match(/<tr>/g)).toHaveLength(1 + data.runs.length);
    for (const name of ['tiny', 'tiny-policies', 'tiny-subsidy']) {
      has(table, `<td>${name}`);
      has(html, `id="scenario-${name}"`);
    }
    // The cost of a scenario with policies, in millions, as in compare rows.
    const cost = data.rows.find((r) => r.scenario === 'tiny-subsidy' && r.metric === 'effectiveTalent' && r.year === horizon)!.costCumulative;
    has(table, formatMillions(cost));
    has(html, 'Settings changed against the baseline');
    has(html, `<dd>${data.seed}</dd>`);
    has(html, '0.0.0-test');
  });
});

describe('scenario descriptions', () => {
  it('lists the fields a scenario changes against the baseline, matching list items by id', () => {
    const base = tinyLoaded('tiny', false).resolved.input;
    const changed = structuredClone(base) as typeof base;
    (changed.locations[0].services as Record<string, unknown>).schools = { value: 0.7, range: [0.6, 0.8], source: 'assumption' };
    changed.locations.reverse();
    const rows = changedFields(base, changed);
    expect(rows).toEqual([{ path: 'locations[bazhong].services.schools', value: '0.7', baseline: '0.5', range: '0.6 – 0.8', source: 'assumption' }]);
    expect(changedFields(base, structuredClone(base))).toEqual([]);
  });

  it('flattens policy parameters with their ranges and sources', () => {
    expect(
      flattenParams({ lumpSum: { value: 20000, range: [10000, 50000], source: 'assumption' }, eligibility: { tiers: ['top', 'graduate'] }, years: 3 }),
    ).toEqual([
      { path: 'lumpSum', value: '20,000', range: '10,000 – 50,000', source: 'assumption' },
      { path: 'eligibility.tiers', value: 'top, graduate' },
      { path: 'years', value: '3' },
    ]);
  });

  it('gives a single run its assumptions, and a compared scenario its changes', () => {
    const { resolved } = tinyLoaded('tiny-policies', true);
    const alone = scenarioInfo(resolved, { lang: 'en', color: '#000', years: 3 });
    expect(alone.changes).toBeUndefined();
    expect(alone.assumptions?.map((a) => a.path)).toContain('locations[bazhong].wageGrowth');
    // In words, from the scenario's own labels: its location's English name.
    expect(alone.assumptions?.find((a) => a.path === 'locations[bazhong].wageGrowth')?.label).toBe('Bazhong · wage growth a year');
    expect(alone.assumptions?.find((a) => a.path === 'utility.hometown.coefficient')?.label).toBe('Utility · hometown · coefficient');
    expect(alone.policies.map((p) => [p.name, p.schedule])).toEqual([
      ['subsidy', '2024–2026'],
      ['flexible-hiring', '2025–2026'],
      ['chengdu-centre', '2024–2026'],
    ]);
    const compared = scenarioInfo(resolved, { lang: 'en', color: '#000', years: 3, baseline: tinyLoaded('tiny', false).resolved });
    expect(compared.changes).toEqual([]);
  });

  it('names the settings a scenario changes in words, in its table and its one-line summary; a new title is no setting', () => {
    const baseline = tinyLoaded('tiny', false).resolved;
    const input = structuredClone(baseline.input);
    (input.locations[0].services as Record<string, unknown>).schools = 0.7;
    const changed = resolveScenario(Scenario.parse({ ...input, name: 'schools', title: { zh: '学校', en: 'Schools' } }));
    const zh = scenarioInfo(changed, { lang: 'zh', color: '#000', years: 3, baseline });
    expect(zh.changes?.map((c) => [c.path, c.label])).toEqual([['locations[bazhong].services.schools', '巴中 · 公共服务 · 教育']]);
    expect(changeSummary(zh, 'zh')).toContain('巴中 · 公共服务 · 教育: 0.5 → 0.7');
    expect(changeSummary(zh, 'zh')).not.toContain('services');
    const en = scenarioInfo(changed, { lang: 'en', color: '#000', years: 3, baseline });
    expect(changeSummary(en, 'en')).toContain('Bazhong · public services · schools: 0.5 → 0.7');
  });
});
