// Small, valid scenarios and hand-made results for tests: fast to run, independent of the files in scenarios/.
import { Scenario, type ScenarioInput } from '../src/scenario/schema.js';
import { resolveScenario, type ResolvedScenario } from '../src/scenario/resolve.js';
import { emptyResult as emptyRunResult, type PolicyReport, type RunResult } from '../src/core/results.js';
import { main, type CliContext } from '../src/cli/main.js';

const services = (schools: number, healthcare: number, elderlyCare: number, culture: number) => ({ schools, healthcare, elderlyCare, culture });

/** The input of a four-city scenario with a few thousand persons at scale 10: runs in milliseconds. */
export function tinyScenarioInput(): ScenarioInput {
  const wage = (top: number, professional: number, skilled: number) => ({ top, professional, skilled });
  return {
    name: 'tiny',
    description: 'A test scenario: four locations, three tiers, two industries, a few thousand persons.',
    run: { startYear: 2024, years: 3, ticksPerYear: 12, runs: 3, seed: 7, scale: 10 },
    tiers: [
      { id: 'top', label: '高层次人才', labelEn: 'top talent' },
      { id: 'professional', label: '专业技术人才', labelEn: 'professional' },
      { id: 'skilled', label: '技能人才', labelEn: 'skilled' },
    ],
    industries: [
      { id: 'traditional', label: '传统产业', wageFactor: 1 },
      { id: 'emerging', label: '新兴产业', wageFactor: 1.1 },
    ],
    familyStages: [
      { id: 'single', label: '单身', serviceWeights: services(0, 0.3, 0, 0.7) },
      { id: 'children', label: '有子女', serviceWeights: services(0.6, 0.3, 0.1, 0) },
    ],
    locations: [
      {
        id: 'bazhong',
        label: '巴中',
        labelEn: 'Bazhong',
        home: true,
        wage: wage(150000, 80000, 60000),
        wageGrowth: { value: 0.05, range: [0.03, 0.07], source: 'assumption' },
        housingCost: 5000,
        services: services(0.5, 0.5, 0.5, 0.4),
        platforms: { traditional: 20, emerging: 10 },
        jobSlack: 0.05,
        jobGrowth: 0.02,
        travelHours: { chengdu: 3, chongqing: 3, elsewhere: 8 },
      },
      {
        id: 'chengdu',
        label: '成都',
        labelEn: 'Chengdu',
        wage: wage(300000, 150000, 90000),
        wageGrowth: 0.05,
        housingCost: 15000,
        services: services(0.9, 0.9, 0.8, 0.9),
        platforms: { traditional: 200, emerging: 150 },
        jobSlack: 0.1,
        jobGrowth: 0.03,
        travelHours: { chongqing: 2, elsewhere: 5 },
      },
      {
        id: 'chongqing',
        label: '重庆',
        labelEn: 'Chongqing',
        wage: wage(280000, 140000, 85000),
        wageGrowth: 0.05,
        housingCost: 12000,
        services: services(0.85, 0.85, 0.8, 0.85),
        platforms: { traditional: 180, emerging: 120 },
        jobSlack: 0.1,
        jobGrowth: 0.03,
        travelHours: { elsewhere: 5 },
      },
      {
        id: 'elsewhere',
        label: '其他地区',
        labelEn: 'Elsewhere',
        wage: wage(320000, 160000, 95000),
        wageGrowth: 0.05,
        housingCost: 20000,
        services: services(0.8, 0.8, 0.8, 0.8),
        platforms: { traditional: 500, emerging: 400 },
        jobSlack: 0.2,
        jobGrowth: 0.03,
        travelHours: {},
      },
    ],
    populations: [
      {
        name: 'talent in Bazhong',
        location: 'bazhong',
        count: 3000,
        native: 0.9,
        tiers: { top: 0.03, professional: 0.4, skilled: 0.57 },
        industries: { traditional: 0.8, emerging: 0.2 },
        family: { single: 0.3, children: 0.7 },
        age: { min: 22, max: 58 },
      },
      {
        name: 'talent in Chengdu',
        location: 'chengdu',
        count: 4000,
        native: 0.1,
        tiers: { top: 0.08, professional: 0.5, skilled: 0.42 },
        industries: { traditional: 0.6, emerging: 0.4 },
        family: { single: 0.4, children: 0.6 },
        age: { min: 22, max: 58 },
      },
      {
        name: 'talent in Chongqing',
        location: 'chongqing',
        count: 3000,
        native: 0.05,
        tiers: { top: 0.07, professional: 0.5, skilled: 0.43 },
        industries: { traditional: 0.6, emerging: 0.4 },
        family: { single: 0.4, children: 0.6 },
        age: { min: 22, max: 58 },
      },
      {
        name: 'talent elsewhere',
        location: 'elsewhere',
        count: 3000,
        native: 0.05,
        tiers: { top: 0.1, professional: 0.5, skilled: 0.4 },
        industries: { traditional: 0.5, emerging: 0.5 },
        family: { single: 0.4, children: 0.6 },
        age: { min: 22, max: 58 },
      },
    ],
    entries: [
      {
        name: 'Bazhong graduates',
        location: 'bazhong',
        perYear: 400,
        months: [7],
        native: 0.95,
        tiers: { professional: 0.5, skilled: 0.5 },
        industries: { traditional: 0.7, emerging: 0.3 },
        family: { single: 1 },
        age: { min: 21, max: 24 },
      },
      {
        name: 'Chengdu graduates',
        location: 'chengdu',
        perYear: 600,
        months: [7],
        native: 0.1,
        tiers: { professional: 0.7, skilled: 0.3 },
        industries: { traditional: 0.5, emerging: 0.5 },
        family: { single: 1 },
        age: { min: 21, max: 24 },
      },
    ],
    topTiers: ['top'],
    recruitedTiers: ['top', 'professional'],
    hazard: {
      perYear: { top: 0.1, professional: 0.15, skilled: 0.12 },
      age: [
        { upTo: 30, factor: 1.5 },
        { upTo: 45, factor: 1 },
        { upTo: 70, factor: 0.5 },
      ],
      tenure: [
        { upTo: 2, factor: 1.3 },
        { upTo: 100, factor: 0.8 },
      ],
    },
    utility: {
      income: { coefficient: 1.5 },
      services: { coefficient: 1 },
      platforms: { coefficient: 0.2 },
      jobChance: { coefficient: 1 },
      housing: { coefficient: -0.5 },
      hometown: { coefficient: { value: 1.2, range: [0.5, 2], source: 'assumption' } },
      distance: { coefficient: -0.3 },
      movingCost: { coefficient: -2 },
    },
    taste: { sd: 0.5 },
    jobMatching: { elasticity: 4, floor: 0.05 },
    agglomeration: { enabled: true, elasticity: 0.3, tiers: ['top', 'professional'] },
    lifecycle: {
      retirementAge: 60,
      upgrades: [
        { from: 'skilled', to: 'professional', perYear: 0.03 },
        { from: 'professional', to: 'top', perYear: 0.01 },
      ],
      family: [{ from: 'single', to: 'children', perYear: 0.15 }],
    },
  };
}

/** The tiny scenario, validated: what the loader hands the runner. */
export function tinyScenario(): Scenario {
  return Scenario.parse(tinyScenarioInput());
}

/** The tiny scenario validated and resolved, in the shape `runScenario` takes. */
export function tinyLoaded(): { scenario: Scenario; resolved: ResolvedScenario } {
  const scenario = tinyScenario();
  return { scenario, resolved: resolveScenario(scenario) };
}

/**
 * The tiny scenario with three policies that work for Bazhong from elsewhere or pay newcomers: a subsidy (2024 on,
 * capped budget), flexible hiring from 2025, and an enclave centre in Chengdu named "chengdu-centre".
 */
export function tinyPolicyScenarioInput(): ScenarioInput {
  return {
    ...tinyScenarioInput(),
    name: 'tiny-policies',
    policies: [
      { type: 'subsidy', lumpSum: 50000, perYear: 12000, budget: 20_000_000 },
      { type: 'flexible-hiring', slots: 100, start: 2025 },
      { type: 'enclave', name: 'chengdu-centre', location: 'chengdu', positions: 50 },
    ],
  };
}

/** The tiny policy scenario validated and resolved. */
export function tinyPolicyLoaded(): { scenario: Scenario; resolved: ResolvedScenario } {
  const scenario = Scenario.parse(tinyPolicyScenarioInput());
  return { scenario, resolved: resolveScenario(scenario) };
}

/**
 * An all-zero RunResult with the dimensions of a resolved scenario, for hand-filling in row tests.
 * `ticks` defaults to the scenario's whole run.
 */
export function emptyResult(resolved: ResolvedScenario, options: { replication?: number; years?: number; scale?: number } = {}): RunResult {
  return emptyRunResult({
    replication: options.replication ?? 0,
    seed: resolved.run.seed,
    scale: options.scale ?? resolved.run.scale,
    years: options.years ?? resolved.run.years,
    ticksPerYear: resolved.run.ticksPerYear,
    locations: resolved.locations.length,
    tiers: resolved.tiers.length,
    entries: resolved.entries.length,
  });
}

/**
 * Appends a policy's yearly report to a hand-made result, as the model reports it: `yearly[y]` is
 * [spending in CNY, then the module's metrics in persons] for simulated year y; missing years and values are 0.
 * `policy` is a resolved policy of the scenario (its name, type and module's metrics are used) or those three given
 * directly. Append in the scenario's order: row builders check the reports against the scenario's policies.
 */
export function attachPolicy(
  r: RunResult,
  policy: { spec: { name: string; type: string }; module: { metrics: readonly string[] } } | { name: string; type: string; metrics: readonly string[] },
  yearly: readonly (readonly number[])[] = [],
): PolicyReport {
  const { name, type, metrics } = 'spec' in policy ? { ...policy.spec, metrics: policy.module.metrics } : policy;
  const width = 1 + metrics.length;
  const values = new Float64Array(r.years * width);
  yearly.forEach((row, y) => {
    if (y >= r.years || row.length > width)
      throw new Error(`attachPolicy: year ${y} with ${row.length} values does not fit ${r.years} years of [spending, ${metrics.join(', ')}]`);
    values.set(row, y * width);
  });
  const report: PolicyReport = { name, type, metrics: [...metrics], values };
  r.policies.push(report);
  return report;
}

/** Runs the `sim` command in-process from a folder, with captured output, as a non-TTY outside CI. */
export async function runCli(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    cwd,
    env: {},
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
  };
  const code = await main(argv, context);
  return { code, stdout, stderr };
}
