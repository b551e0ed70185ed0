// A single run paired with its counterfactual: difference.csv, the difference chart, and a report that opens with what
// the policies did; the results table's columns (the horizon always among them).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartSvg } from '../../src/charts/files.js';
import { runCharts, runReport, shownYears, summaryTable, TABLE_YEARS } from '../../src/charts/run-extras.js';
import { summaryRows } from '../../src/core/rows.js';
import { writeOutputsWithCharts } from '../../src/publish.js';
import { runScenario, type RunOutcome } from '../../src/runner/run.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { Scenario } from '../../src/scenario/schema.js';
import { tinyPolicyScenarioInput } from '../fixtures.js';
import { markItems, parseSvg, svgTexts, vegaLiteValidator } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-run-difference-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SETTINGS = { runs: 3, years: 4, seed: 11, scale: 20, counterfactual: true } as const;

/** The tiny policy scenario with a display title, its policies starting in 2025. */
function titled() {
  const input = tinyPolicyScenarioInput();
  input.policies = input.policies!.map((p) => ({ ...p, start: 2025 }));
  const scenario = Scenario.parse({ ...input, title: { zh: '三项政策', en: 'Three policies' } });
  return { file: '/scenarios/tiny-policies.yaml', scenario, resolved: resolveScenario(scenario) };
}

const loaded = titled();
let one: RunOutcome;
let two: RunOutcome;
beforeAll(async () => {
  one = await runScenario(loaded, { ...SETTINGS, threads: 1 });
  two = await runScenario(loaded, { ...SETTINGS, threads: 2 });
});

describe('a run with its counterfactual', () => {
  it('writes difference.csv, the same bytes on one and two threads, as every file but run.json', async () => {
    const a = await writeOutputsWithCharts(loaded, one, { out: join(scratch, 'threads-1') });
    const b = await writeOutputsWithCharts(loaded, { ...two, wallMs: one.wallMs + 999 }, { out: join(scratch, 'threads-2') });
    expect([one.threads, two.threads]).toEqual([1, 2]);
    const names = a.files.map((f) => f.name);
    expect(names).toContain('difference.csv');
    expect(names.indexOf('difference.csv')).toBeLessThan(names.indexOf('difference.vl.json'));
    for (const name of names.filter((n) => n !== 'run.json')) expect(readFileSync(join(b.dir, name)).equals(readFileSync(join(a.dir, name))), name).toBe(true);
    const csv = readFileSync(join(a.dir, 'difference.csv'), 'utf8').split('\n');
    expect(csv[0]).toMatch(/^year,metric,mean,counterfactualMean,diffMean,diffP5,diffP95,probAbove,costCumulative,/);
    // Before the policies start (2025), nothing differs.
    for (const line of csv.filter((l) => l.startsWith('2024,'))) expect(line.split(',').slice(4, 7), line).toEqual(['0', '0', '0']);
    const record = JSON.parse(readFileSync(join(a.dir, 'run.json'), 'utf8'));
    expect(record.counterfactual.scenario).toBe('tiny-policies-without-policies');
    expect(record.counterfactual.agents).toHaveLength(3);
  });

  it('draws the difference first: one panel per headline metric from the first policy year, valid Vega-Lite, the scenario named', async () => {
    const charts = runCharts(loaded, one, 'en');
    expect(charts.map((c) => c.name)).toEqual(['difference', 'retention', 'effective-talent', 'flows', 'stock-by-tier', 'spending']);
    const spec = charts[0].spec;
    const validate = vegaLiteValidator();
    expect(validate(JSON.parse(JSON.stringify(spec))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const doc = parseSvg(await chartSvg(spec));
    expect(markItems(doc, 'effect_line')).toHaveLength(4);
    // 2025–2027: three years in each of the four panels.
    expect(markItems(doc, 'effect_points')).toHaveLength(4 * 3);
    expect(markItems(doc, 'effect_band')).toHaveLength(4);
    const texts = svgTexts(doc);
    expect(texts.some((t) => t.startsWith('What Three policies did in 巴中 Bazhong, 2025–2027'))).toBe(true);
    for (const panel of [
      'Effective talent (FTE, persons)',
      'Resident talent (persons)',
      'Net retention (movers in − out, persons)',
      'Talent recruited (persons)',
    ])
      expect(texts).toContain(panel);
    expect(texts).not.toContain('2024');
  });

  it('opens the report with what the policies did, in the title the scenario gives', () => {
    const report = runReport(loaded, one, [], 'zh');
    expect(report.title).toBe('巴中人才流动模拟：三项政策');
    expect(report.answer!.sentences[0]).toMatch(/^与去掉政策的同一情景相比（3次配对重复，随机种子相同），到2027年，三项政策使巴中的有效人才变化[+−]?[\d,]+人/);
    const table = report.answer!.table;
    expect(table.rows.map((r) => r[0])).toEqual([
      '有效人才（FTE，人）',
      '常住人才（人）',
      '净流入（迁入−迁出，人）',
      '引进人才（人）',
      '累计政策支出（百万元），2025–2027年',
      '每增加一个有效人才年的成本（元）',
    ]);
    const en = runReport(loaded, one, [], 'en');
    expect(en.answer!.sentences[0]).toMatch(/^By 2027, Three policies changes the effective talent of 巴中 Bazhong by [+−]?[\d,]+/);
    expect(en.provenance.find(([k]) => k === 'counterfactual')![1]).toMatch(/tiny-policies-without-policies/);
  });

  it('has no answer without a counterfactual, and says how to run again without one', async () => {
    const alone = await runScenario(loaded, { ...SETTINGS, threads: 1, counterfactual: false });
    const report = runReport(loaded, alone, [], 'en');
    expect(report.answer).toBeUndefined();
    expect(report.provenance.find(([k]) => k === 'to run again')![1]).toMatch(/--no-counterfactual/);
  });
});

describe('the results table', () => {
  it('shows every year up to TABLE_YEARS, else the first, every k-th and the horizon', () => {
    const span = (n: number) => Array.from({ length: n }, (_, k) => 2024 + k);
    expect(shownYears(span(4))).toEqual(span(4));
    expect(shownYears(span(TABLE_YEARS))).toEqual(span(TABLE_YEARS));
    expect(shownYears(span(10))).toEqual([2024, 2026, 2028, 2030, 2032, 2033]);
    expect(shownYears(span(20))).toEqual([2024, 2028, 2032, 2036, 2040, 2043]);
    for (let n = 1; n <= 40; n++) {
      const shown = shownYears(span(n));
      expect(shown.length).toBeLessThanOrEqual(TABLE_YEARS);
      expect(shown[0]).toBe(2024);
      expect(shown[shown.length - 1]).toBe(2024 + n - 1);
    }
  });

  it('has a column for the horizon year among at most TABLE_YEARS years', async () => {
    const long = await runScenario(loaded, { runs: 2, years: 10, seed: 3, scale: 40, threads: 1 });
    const table = summaryTable(summaryRows(long.results, loaded.resolved), '巴中', 'en', 2);
    expect(table.head).toEqual(['metric', '2024', '2026', '2028', '2030', '2032', '2033']);
    expect(table.note).toMatch(/every year is in summary\.csv/);
  });
});
