// The calibration targets file: the shipped one loads against the baseline, and every mistake in one is refused with a
// message that names the file, the line and the field, says what is wrong and how to fix it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lastReportedYearNeeded, loadTargets, measureYears, parseTargets } from '../../src/calibration/targets.js';
import { ScenarioError, UsageError } from '../../src/core/errors.js';
import { loadScenarioSync } from '../../src/scenario/load.js';

const SHIPPED = fileURLToPath(new URL('../../scenarios/calibration/targets.yaml', import.meta.url));
const shippedText = readFileSync(SHIPPED, 'utf8');
const baseline = loadScenarioSync('baseline.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'sim-targets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let files = 0;
/** Writes `text` to a new file and loads it against the baseline: the error it gives, or undefined. */
function problemWith(text: string): { error: unknown; file: string } {
  const file = join(scratch, `targets-${files++}.yaml`);
  writeFileSync(file, text);
  try {
    loadTargets(file, baseline);
    return { error: undefined, file };
  } catch (error) {
    return { error, file };
  }
}

/** The shipped file with one snippet replaced; the snippet must occur exactly once. */
function shippedWith(from: string, to: string): string {
  expect(shippedText.split(from).length, `"${from}" occurs once in the shipped file`).toBe(2);
  return shippedText.replace(from, to);
}

/** The line (from 1) of the first occurrence of `snippet` in `text`. */
const lineOf = (text: string, snippet: string) => text.slice(0, text.indexOf(snippet)).split('\n').length;

/** Loads the shipped file with a replacement and expects a ScenarioError at the replacement's line (or lineAt's), field and message. */
function expectProblem(from: string, to: string, field: string, message: RegExp, hint?: RegExp, lineAt?: string): void {
  const text = shippedWith(from, to);
  const { error, file } = problemWith(text);
  expect(error, `${to}`).toBeInstanceOf(ScenarioError);
  const text0 = (error as ScenarioError).message;
  const issue = (error as ScenarioError).issues[0];
  expect(issue.file).toBe(file);
  // Where the replacement starts, unless another line is named.
  expect(issue.line, text0).toBe(lineAt ? lineOf(text, lineAt) : lineOf(shippedText, from));
  expect(text0).toContain(`${file}:${issue.line}:${issue.column}: ${field}: `);
  expect(issue.message).toMatch(message);
  if (hint) expect(issue.hint ?? '').toMatch(hint);
}

describe('the shipped targets file', () => {
  it('loads against the baseline: parameters with their ranges, fitted and held-out targets, the years a run needs', () => {
    const loaded = loadTargets(SHIPPED, baseline);
    expect(loaded.parameters.length).toBeGreaterThanOrEqual(5);
    expect(loaded.parameters.length).toBeLessThanOrEqual(8);
    expect(loaded.factors!.map((f) => f.label)).toEqual(loaded.parameters);
    for (const factor of loaded.factors!) {
      expect(factor.range, factor.label).toBeDefined();
      expect(factor.base).toBeGreaterThanOrEqual(factor.range![0]);
      expect(factor.base).toBeLessThanOrEqual(factor.range![1]);
    }
    const names = loaded.targets.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of ['recruited2024', 'topShare2024', 'netRetention2024', 'outflowToChengduChongqing', 'graduateLeaveChengdu', 'bazhongGraduatesAway'])
      expect(names).toContain(name);
    expect(loaded.targets.filter((t) => t.heldOut).length).toBeGreaterThanOrEqual(2);
    expect(loaded.targets.every((t) => t.source.length > 0 && t.tolerance > 0)).toBe(true);
    expect(loaded.targets.find((t) => t.name === 'recruited2024')).toMatchObject({
      measure: { kind: 'summary', metric: 'recruited', years: [2024, 2024] },
      kind: 'within',
      range: [700, 800],
      heldOut: false,
    });
    expect(loaded.targets.find((t) => t.name === 'topShare2024')).toMatchObject({ kind: 'atMost', value: 0.03 });
    expect(lastReportedYearNeeded(loaded.targets)).toBe(2026);
  });

  it('loads without a scenario (structure only), with no factors', () => {
    const loaded = parseTargets(shippedText, 'targets.yaml');
    expect(loaded.factors).toBeUndefined();
    expect(loaded.targets.length).toBe(loadTargets(SHIPPED, baseline).targets.length);
  });

  it('gives the years of each measure: a span, or a growth rate’s two ends', () => {
    expect(measureYears({ kind: 'summary', metric: 'recruited', years: [2024, 2026] })).toEqual([2024, 2025, 2026]);
    expect(measureYears({ kind: 'growth', metric: 'residents', from: 2024, to: 2027 })).toEqual([2024, 2027]);
    expect(lastReportedYearNeeded([{ ...loadTargets(SHIPPED).targets[0], measure: { kind: 'growth', metric: 'residents', from: 2024, to: 2029 } }])).toBe(2029);
  });
});

describe('a targets file with a mistake is refused where the mistake is', () => {
  it('an unknown measure, with the likely one', () =>
    expectProblem(
      'measure: { summary: recruited, year: 2024 }',
      'measure: { sumary: recruited, year: 2024 }',
      'targets[0].measure.sumary',
      /unknown measure "sumary"/,
      /did you mean "summary"/,
    ));

  it('two kinds of measure at once', () =>
    expectProblem(
      'measure: { summary: recruited, year: 2024 }',
      'measure: { summary: recruited, growth: residents, year: 2024 }',
      'targets[0].measure.growth',
      /a measure names one kind of figure, not "summary" and "growth"/,
      /write exactly one of summary, growth, outflowShare, leaveRate, firstJob, stock/,
    ));

  it('an unknown summary metric', () =>
    expectProblem(
      'measure: { summary: topShare, year: 2024 }',
      'measure: { summary: topshare, year: 2024 }',
      'targets[2].measure.summary',
      /unknown summary metric "topshare"/,
      /did you mean "topShare"/,
    ));

  it('an unknown location, tier, tenure band and entry stream', () => {
    expectProblem(
      'outflowShare: [chengdu, chongqing]',
      'outflowShare: [chengdu, chongquing]',
      'targets[4].measure.outflowShare[1]',
      /unknown location "chongquing"/,
      /did you mean "chongqing"/,
    );
    expectProblem('tiers: [graduate], tenure: ["1-3"]', 'tiers: [graduates], tenure: ["1-3"]', 'targets[5].measure.tiers[0]', /unknown tier "graduates"/);
    expectProblem('tiers: [graduate], tenure: ["1-3"]', 'tiers: [graduate], tenure: ["1-2"]', 'targets[5].measure.tenure[0]', /unknown tenure band "1-2"/);
    expectProblem(
      `firstJob: "graduates of Bazhong's colleges"`,
      `firstJob: "graduates of Bazhong colleges"`,
      'targets[6].measure.firstJob',
      /unknown entry stream "graduates of Bazhong colleges"/,
      /did you mean "graduates of Bazhong's colleges"/,
    );
  });

  it('a first-job measure of a stream that does not choose a first job', () =>
    expectProblem(
      `firstJob: "graduates of Bazhong's colleges"`,
      `firstJob: "newly certified skilled workers in Bazhong"`,
      'targets[6].measure.firstJob',
      /does not choose a first job/,
      /firstJob: true/,
    ));

  it('a year the scenario does not report (the burn-in years included), a span backwards, year and years together', () => {
    expectProblem(
      'measure: { summary: recruited, year: 2024 }',
      'measure: { summary: recruited, year: 2022 }',
      'targets[0].measure.year',
      /2022 is not a reported year of the scenario: it reports 2024–2033 \(the burn-in years before are not reported\)/,
      /give a year from 2024 to 2033/,
    );
    expectProblem(
      'measure: { summary: recruited, years: [2025, 2026] }',
      'measure: { summary: recruited, years: [2025, 2034] }',
      'targets[1].measure.years[1]',
      /2034 is not a reported year/,
    );
    expectProblem(
      'measure: { summary: recruited, years: [2025, 2026] }',
      'measure: { summary: recruited, years: [2026, 2025] }',
      'targets[1].measure.years',
      /from 2026 to 2025, backwards/,
    );
    expectProblem(
      'measure: { summary: recruited, year: 2024 }',
      'measure: { summary: recruited, year: 2024, years: [2024, 2025] }',
      'targets[0].measure',
      /a measure needs year: Y or years: \[first, last\], not both/,
    );
    expectProblem(
      'measure: { growth: residents, from: 2024, to: 2026 }',
      'measure: { growth: residents, from: 2026, to: 2024 }',
      'targets[9].measure.to',
      /from before to/,
    );
  });

  it('an unknown field in a measure, with the fields it takes', () =>
    expectProblem(
      'measure: { summary: recruited, year: 2024 }',
      'measure: { summary: recruited, yaer: 2024 }',
      'targets[0].measure.yaer',
      /unknown field "yaer" for a summary measure/,
      /did you mean "year"/,
    ));

  it('a tolerance of 0 or below', () => {
    expectProblem('tolerance: 0.005', 'tolerance: 0', 'targets[2].tolerance', /0 is out of range: must be above 0/);
    expectProblem('tolerance: 500', 'tolerance: -500', 'targets[3].tolerance', /-500 is out of range: must be above 0/);
  });

  it('two targets of one name', () =>
    expectProblem('- name: recruitedLevel', '- name: recruited2024', 'targets[1].name', /two targets are named "recruited2024"/));

  it('a name that cannot head a column', () => expectProblem('- name: recruitedLevel', '- name: recruited level', 'targets[1].name', /is not a plain name/));

  it('a value where the kind takes a range, a range backwards, an unknown kind', () => {
    expectProblem('range: [700, 800]', 'value: 750', 'targets[0].value', /a target of kind within takes range: \[low, high\], not value/);
    expectProblem('range: [700, 800]', 'range: [800, 700]', 'targets[0].range', /the range \[800, 700\] runs backwards/);
    expectProblem('kind: atMost\n    value: 0.03', 'kind: below\n    value: 0.03', 'targets[2].kind', /below/, undefined, 'kind: below');
  });

  it('an unknown parameter path, with the likely one', () =>
    expectProblem(
      '  - locations.bazhong.jobSlack',
      '  - locations.bazhong.jobSlak',
      'parameters[0]',
      /unknown parameter path "locations.bazhong.jobSlak"/,
      /did you mean "locations.bazhong.jobSlack"/,
    ));

  it('a parameter without a declared range, and one listed twice', () => {
    expectProblem(
      '  - locations.bazhong.jobSlack',
      '  - locations.bazhong.platforms.traditional',
      'parameters[0]',
      /locations.bazhong.platforms.traditional \(25\) declares no range/,
      /range: \[<low>, <high>\]/,
    );
    expectProblem('  - jobMatching.elasticity', '  - locations.bazhong.jobSlack', 'parameters[1]', /the parameter locations.bazhong.jobSlack is listed twice/);
  });

  it('every target held out', () => {
    const text = shippedText.replace(/^ {4}heldOut: true\n/gm, '').replace(/^( {4}source: .*)$/gm, '$1\n    heldOut: true');
    const { error } = problemWith(text);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues[0].message).toMatch(/every target is held out/);
    expect((error as ScenarioError).issues[0].line).toBe(lineOf(text, 'targets:'));
  });

  it('a missing required field, an unknown top-level field', () => {
    expectProblem(
      '    tolerance: 0.005 # the starting share',
      '    # no tolerance',
      'targets[2].tolerance',
      /missing required field \(expected a number\)/,
      undefined,
      '- name: topShare2024',
    );
    expectProblem('parameters:\n', 'parameter:\n', 'parameter', /unknown field "parameter" for a targets file/, /did you mean "parameters"/);
  });

  it('YAML that does not parse, a file that is no mapping, a file that is not there', () => {
    const { error } = problemWith('parameters: [a\ntargets: {');
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toMatch(/targets-\d+\.yaml:\d+:\d+: not valid YAML/);
    expect(problemWith('- a list').error).toBeInstanceOf(ScenarioError);
    expect((problemWith('- a list').error as Error).message).toMatch(/a targets file is a mapping with parameters: and targets:, not a list of 1/);
    expect(() => loadTargets(join(scratch, 'absent.yaml'))).toThrow(UsageError);
    expect(() => loadTargets(join(scratch, 'absent.yaml'))).toThrow(/targets file ".*absent\.yaml" not found/);
  });
});
