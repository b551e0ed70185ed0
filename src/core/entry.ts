/**
 * Where agents come from: the starting population at set-up, and the entry streams (graduating cohorts in their
 * months, the other streams) at each tick of the entry phase. An agent is drawn from its group's composition (tier,
 * industry, family stage, age, native) with its own seed and clocks; an entrant brings its job position. Then, by
 * stream: a resident who qualifies has lived and worked there all along; a graduate of a first-job stream chooses where
 * to take its first job (decisions.ts); any other entrant starts where it enters, and the policies hear of one who
 * starts in the home city.
 */
import type { Accounts } from './accounting.js';
import { Flag, FIRST_JOB_STREAM_SHIFT, MAX_FIRST_JOB_STREAMS, NO_COHORT, type AgentStore } from './agents.js';
import type { Decisions } from './decisions.js';
import type { Environment } from './environment.js';
import { ScenarioError } from './errors.js';
import { running } from './messages.js';
import { agentSeed, exponential, stochasticRound, stream, type Uniform } from './random.js';
import type { ResolvedGroup, ResolvedScenario } from './scenario.js';

/** When the entry streams bring their entrants, worked out once for a run. */
export interface EntrySchedule {
  /** Expected entrants (agents) per tick of the year, by entry stream. */
  readonly perTick: readonly Float64Array[];
  /** Per tick of the year: whether graduates who choose a first job enter then. */
  readonly firstJobTicks: Uint8Array;
  /** Per entry stream: the flag bits that mark its graduates for the year's count (first-job streams), else 0. */
  readonly firstJobStreamBits: Uint8Array;
}

/** The entry schedule of a scenario at a scale (agents are persons / scale). */
export function entrySchedule(scenario: ResolvedScenario, scale: number, ticksPerYear: number): EntrySchedule {
  const perTick = scenario.entries.map((entry) => entriesPerTickOfYear(entry.perYear / scale, entry.months, ticksPerYear));
  const firstJobTicks = new Uint8Array(ticksPerYear);
  scenario.entries.forEach((entry, e) => {
    if (entry.firstJob) for (let t = 0; t < ticksPerYear; t++) if (perTick[e][t] > 0) firstJobTicks[t] = 1;
  });
  return { perTick, firstJobTicks, firstJobStreamBits: firstJobStreamBits(scenario) };
}

/** The run's settings that entry needs. */
export interface EntrySettings {
  readonly seed: number;
  readonly replication: number;
  readonly scale: number;
  readonly ticksPerYear: number;
}

export class Entry {
  private readonly rng: { population: Uniform; entry: Uniform };
  /** Agents created so far in this run (they number the agents' seeds), and the run's salt for those seeds. */
  private created = 0;
  private readonly seedSalt: number;
  private readonly scale: number;
  private readonly ticksPerYear: number;
  private readonly home: number;

  constructor(
    private readonly scenario: ResolvedScenario,
    settings: EntrySettings,
    private readonly schedule: EntrySchedule,
    private readonly agents: AgentStore,
    private readonly env: Environment,
    private readonly accounts: Accounts,
    private readonly decisions: Decisions,
  ) {
    const named = (name: string) => stream(settings.seed, settings.replication, name);
    this.rng = { population: named('population'), entry: named('entry') };
    this.seedSalt = Math.floor(named('agent seeds')() * 4294967296);
    this.scale = settings.scale;
    this.ticksPerYear = settings.ticksPerYear;
    this.home = scenario.homeIndex;
  }

  /** Adds the starting population (tick 0), each agent with a tenure where it lives. The accounts are opened after. */
  populate(): void {
    const rng = this.rng.population;
    for (const population of this.scenario.populations) {
      const n = stochasticRound(population.count / this.scale, rng);
      this.agents.reserve(n);
      for (let k = 0; k < n; k++) {
        const i = this.addAgent(population, 0, rng);
        this.drawTenure(i, 0, rng);
        if (population.location === this.home) this.agents.flags[i] |= Flag.initialHome;
      }
    }
  }

  /** The entry phase: each entry stream adds its entrants for this tick of the year. */
  enter(tick: number): void {
    const tickInYear = tick % this.ticksPerYear;
    const rng = this.rng.entry;
    const a = this.agents;
    this.scenario.entries.forEach((entry, e) => {
      const expected = this.schedule.perTick[e][tickInYear];
      if (expected <= 0) return;
      const n = stochasticRound(expected, rng);
      a.reserve(n);
      for (let k = 0; k < n; k++) {
        const i = this.addAgent(entry, tick, rng);
        a.flags[i] |= this.schedule.firstJobStreamBits[e];
        const cell = { location: entry.location, industry: a.industry[i], tier: a.tier[i] };
        this.accounts.enter(tick, cell);
        this.env.addPosition(cell);
        // The home city's graduates join its cohort whether they take their first job there or not.
        if (entry.location === this.home) this.accounts.joinCohort(a, i, tick);
        // A resident who qualifies has lived and worked there all along: no newcomer, and not new in its job.
        if (entry.resident) this.drawTenure(i, tick, rng);
        else if (entry.firstJob) this.decisions.chooseFirstJob(i, tick);
        else if (entry.location === this.home) this.decisions.arrive(i, tick, 0, this.home);
      }
    });
  }

  /**
   * The time an agent who was already there (the starting population, a resident who qualifies) has lived at its
   * location: uniform over the years since age 20, at most 20 years (no data; it only shapes early hazards).
   */
  private drawTenure(i: number, tick: number, rng: Uniform): void {
    const age = tick - this.agents.birthTick[i];
    const maxTenure = Math.max(1, Math.min(age - 20 * this.ticksPerYear, 20 * this.ticksPerYear));
    this.agents.arrivalTick[i] = tick - Math.floor(rng() * maxTenure);
  }

  /** Adds one agent drawn from a group's composition; returns its index. The accounts are not updated here. */
  private addAgent(group: ResolvedGroup, tick: number, rng: Uniform): number {
    const a = this.agents;
    const i = a.add();
    a.tier[i] = pickShare(group.tierShares, rng);
    a.industry[i] = pickShare(group.industryShares, rng);
    a.family[i] = pickShare(group.familyShares, rng);
    a.residence[i] = group.location;
    a.employer[i] = group.location;
    a.flags[i] = rng() < group.native ? Flag.native : 0;
    a.cohort[i] = NO_COHORT;
    a.cohortTier[i] = a.tier[i];
    const ageYears = group.ageMin + Math.floor(rng() * (group.ageMax - group.ageMin + 1));
    a.birthTick[i] = tick - ageYears * this.ticksPerYear - Math.floor(rng() * this.ticksPerYear);
    a.arrivalTick[i] = tick;
    a.seed[i] = agentSeed(this.created++, this.seedSalt);
    a.decisionClock[i] = exponential(rng);
    a.lifeClock[i] = exponential(rng);
    a.clockTick[i] = tick;
    a.nextCheck[i] = tick;
    // The slot may have held an agent who left: nothing of its policy state may carry over.
    a.policy[i] = 0;
    a.policyUntil[i] = 0;
    a.offer[i] = 0;
    return i;
  }
}

function pickShare(shares: number[], rng: Uniform): number {
  let u = rng();
  for (let k = 0; k < shares.length - 1; k++) {
    if (u < shares[k]) return k;
    u -= shares[k];
  }
  return shares.length - 1;
}

/**
 * Per entry stream, the flag bits that mark the graduates of a first-job stream until the year's end (agents.ts,
 * FIRST_JOB_STREAM_SHIFT): its ordinal among the first-job streams + 1; 0 for other streams.
 */
function firstJobStreamBits(scenario: ResolvedScenario): Uint8Array {
  const bits = new Uint8Array(scenario.entries.length);
  let ordinal = 0;
  scenario.entries.forEach((entry, e) => {
    if (!entry.firstJob) return;
    if (++ordinal > MAX_FIRST_JOB_STREAMS)
      throw new ScenarioError([{ path: ['entries', e, 'firstJob'], ...running.tooManyFirstJobStreams(MAX_FIRST_JOB_STREAMS) }]);
    bits[e] = ordinal << FIRST_JOB_STREAM_SHIFT;
  });
  return bits;
}

/**
 * Expected entrants in each tick of a year, for a stream of `perYear` entrants spread evenly over `months`:
 * each tick gets the share of those months that its slice of the year overlaps, whatever the tick length.
 */
export function entriesPerTickOfYear(perYear: number, months: number[], ticksPerYear: number): Float64Array {
  const out = new Float64Array(ticksPerYear);
  for (let t = 0; t < ticksPerYear; t++) {
    const start = (t / ticksPerYear) * 12;
    const end = ((t + 1) / ticksPerYear) * 12;
    for (const m of months) out[t] += Math.max(0, Math.min(end, m) - Math.max(start, m - 1));
  }
  for (let t = 0; t < ticksPerYear; t++) out[t] *= perYear / months.length;
  return out;
}
