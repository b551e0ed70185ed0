// The explorer's model, as the browser runs it: a scenario with its levers moved and its policies switched on or off,
// paired with its baseline (the same scenario without policies) by the same seeds and posterior draws, run one
// replication at a time, and what the page shows of the replications done. Browser-safe: no I/O, no Node built-ins;
// the same functions the CLI runs (variant, ParticleScenarios, runReplication, summaryRows, comparison), so the
// explorer's figures are the CLI's to the last digit.
import { comparison } from '../compare/compare.js';
import type { CompareRow, RankingRow } from '../compare/types.js';
import { runReplication } from '../core/model.js';
import type { RunResult } from '../core/results.js';
import { summaryRows, type SummaryRow } from '../core/rows.js';
import type { RunSettings } from '../runner/run.js';
import type { Lever } from '../scenario/levers.js';
import { withValues } from '../scenario/paths.js';
import type { Posterior } from '../scenario/posterior.js';
import { defaultRegistry } from '../scenario/registry.js';
import { resolveScenario, type ResolvedScenario } from '../scenario/resolve.js';
import { Scenario } from '../scenario/schema.js';
import { ParticleScenarios, replicationDraws, type ReplicationDraw } from '../runner/uncertainty.js';

/** The settings the explorer runs with: the CLI's (the scenario's run block, with the explorer's own scale by default). */
export type ExploreSettings = RunSettings;

/** A policy of the explored scenario, as a switch. */
export interface ExplorePolicy {
  /** Its index in the scenario's `policies`. */
  index: number;
  name: string;
  type: string;
  /** What it is in words: its name, with its kind after it where the name is not the kind's. */
  title: { zh: string; en: string };
}

/** Each built-in policy module's kind in words. */
export const POLICY_KINDS: Record<string, { zh: string; en: string }> = {
  subsidy: { zh: '人才补贴', en: 'Subsidy' },
  'flexible-hiring': { zh: '柔性引才', en: 'Flexible hiring' },
  enclave: { zh: '飞地创新中心', en: 'Enclave centre' },
  remote: { zh: '远程协作', en: 'Remote collaboration' },
  'market-recruitment': { zh: '市场化引才', en: 'Market recruitment' },
  hometown: { zh: '乡情引才', en: 'Hometown recruitment' },
  training: { zh: '人才培育', en: 'Training' },
  services: { zh: '人才服务保障', en: 'Talent services' },
  platforms: { zh: '创新创业平台', en: 'Innovation platforms' },
  integration: { zh: '成渝人才一体化', en: 'Chengdu–Chongqing integration' },
  career: { zh: '评价与激励', en: 'Careers and evaluation' },
  publicity: { zh: '政策宣传与兑现', en: 'Publicity and redemption' },
  'industry-program': { zh: '产业人才专项', en: 'Industry talent programme' },
};

/** A policy as a switch: its name and kind in words. */
export function explorePolicy(index: number, name: string, type: string): ExplorePolicy {
  const kind = POLICY_KINDS[type] ?? { zh: type, en: type };
  const same = name === type || /^\S+ #\d+$/.test(name);
  return { index, name, type, title: same ? kind : { zh: `${name} · ${kind.zh}`, en: `${name} · ${kind.en}` } };
}

/** Everything the page needs to run the model: written into explorer.html as JSON. */
export interface ExploreModel {
  name: string;
  title: { zh: string; en: string };
  summary: { zh: string; en: string };
  /** The file explored, for the YAML the page downloads (`extends` it is not: the download is the whole scenario). */
  file: string;
  /** The validated scenario as loaded (levers at their values, every policy on). */
  scenario: Scenario;
  levers: Lever[];
  policies: ExplorePolicy[];
  settings: ExploreSettings;
  /** The posterior each replication draws its parameters from, or undefined (chance only). */
  posterior?: Posterior;
  version: string;
}

/** Where the levers are: a value per lever (in the order of model.levers) and the policies switched off (indices). */
export interface LeverState {
  values: number[];
  off: number[];
}

/** The levers where the scenario has them, every policy on. */
export function initialState(model: Pick<ExploreModel, 'levers'>): LeverState {
  return { values: model.levers.map((l) => l.value), off: [] };
}

/** The scenario with the levers at `state`: values set, then the policies switched off removed (and their levers). */
export function scenarioAt(model: Pick<ExploreModel, 'scenario' | 'levers'>, state: LeverState): Scenario {
  const { scenario } = withValues(
    model.scenario,
    model.levers.map((l) => l.factor),
    state.values,
  );
  const off = new Set(state.off);
  return {
    ...scenario,
    policies: scenario.policies.filter((_, k) => !off.has(k)),
    levers: scenario.levers.filter((_, k) => model.levers[k]?.policy === undefined || !off.has(model.levers[k].policy!)),
  };
}

/** The baseline a scenario is paired with: the same scenario without its policies (and so without its levers). */
export function baselineOf(scenario: Scenario): Scenario {
  return { ...scenario, name: 'baseline', title: undefined, summary: undefined, policies: [], levers: [] };
}

/** The particle each replication draws (undefined without a posterior): the CLI's draws for the same seed and runs. */
export function drawsOf(model: Pick<ExploreModel, 'posterior' | 'settings'>): ReplicationDraw[] | undefined {
  return model.posterior ? replicationDraws(model.posterior, model.settings.seed, model.settings.runs) : undefined;
}

/** One replication to run: the scenario (plain data, as it crosses to a worker), the replication and its particle. */
export interface ReplicationJob {
  /** Names the scenario: jobs with the same key share its resolved particles. */
  key: string;
  scenario: Scenario;
  replication: number;
  /** The posterior row the replication draws, with the posterior; undefined without one. */
  row?: number;
  posterior?: Posterior;
  settings: Pick<ExploreSettings, 'seed' | 'years' | 'scale'>;
}

/**
 * Runs replications as the CLI does: the scenario validated and resolved once per key, a posterior particle's
 * variant once per particle (ParticleScenarios), the model run with the same seed, replication and scale.
 */
export class ReplicationRunner {
  private key = '';
  private base?: { scenario: Scenario; resolved: ResolvedScenario };
  private particles?: ParticleScenarios;

  run(job: ReplicationJob): RunResult {
    if (job.key !== this.key || !this.base) {
      const scenario = Scenario.parse(job.scenario);
      this.base = { scenario, resolved: resolveScenario(scenario, defaultRegistry()) };
      this.particles = job.posterior ? new ParticleScenarios(this.base, job.posterior) : undefined;
      this.key = job.key;
    }
    const resolved = job.row !== undefined && this.particles ? this.particles.get(job.row) : this.base.resolved;
    return runReplication(resolved, { replication: job.replication, seed: job.settings.seed, years: job.settings.years, scale: job.settings.scale });
  }
}

/** A scenario and its baseline resolved, as viewOf reads them: made once per setting of the levers, not per update. */
export interface ResolvedPair {
  /** The scenario (renamed with a trailing space if it shares the baseline's name, so that its comparison rows are its own). */
  scenario: ResolvedScenario;
  baseline: ResolvedScenario;
}

/** The scenario at the levers and its baseline (baselineOf), validated and resolved. */
export function resolvedPair(scenario: Scenario): ResolvedPair {
  const resolved = resolveScenario(Scenario.parse(scenario), defaultRegistry());
  const baseline = resolveScenario(Scenario.parse(baselineOf(scenario)), defaultRegistry());
  return { scenario: { ...resolved, name: resolved.name === baseline.name ? `${resolved.name} ` : resolved.name }, baseline };
}

/** What the page shows of the replications done (the first `runs` of them, in order). */
export interface ExploreView {
  runs: number;
  /** The scenario's summary rows (summary.csv's) and the baseline's. */
  summary: SummaryRow[];
  baseline: SummaryRow[];
  /** Paired differences against the baseline by metric and year (compare.csv's rows of the scenario). */
  difference: CompareRow[];
  /** The scenario at the horizon: effect, its band, P(beats baseline), cost per extra talent-year and its band. */
  ranking?: RankingRow;
}

/** The rows the page draws from the first n replications of the scenario and of its baseline (n = results.length). */
export function viewOf(pair: ResolvedPair, results: readonly RunResult[], baselineResults: readonly RunResult[], seed: number): ExploreView {
  const { scenario: named, baseline: base } = pair;
  const compared = comparison(
    [
      { resolved: base, results: baselineResults },
      { resolved: named, results },
    ],
    base.name,
    { seed },
  );
  return {
    runs: results.length,
    summary: summaryRows(results, named),
    baseline: summaryRows(baselineResults, base),
    difference: compared.rows.filter((r) => r.scenario === named.name),
    ranking: compared.ranking[0],
  };
}

/** A stable text key of a scenario (its JSON): jobs of equal scenarios share their resolved form and cached runs. */
export function scenarioKey(scenario: Scenario): string {
  return JSON.stringify(scenario);
}
