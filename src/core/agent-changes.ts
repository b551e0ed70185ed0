/**
 * The changes to an agent that the rest of the run must follow: a move, leaving the run, a new tier, a new industry,
 * a new employer. Each keeps the books (Accounts: stocks, flows, counts), the job positions (Environment) and the
 * policies' bookkeeping (a participant's policy ends, counts by tier) in step with the agent's own state, so nothing
 * else writes an agent's location, tier, industry or employer once it is in the run. The hot paths allocate nothing.
 */
import type { Accounts } from './accounting.js';
import { Flag, type AgentStore } from './agents.js';
import type { Environment } from './environment.js';
import type { PolicyRun } from './policy-run.js';
import type { Cell } from './scenario.js';

export class AgentChanges {
  /** Scratch: a job cell, refilled for each use on the hot paths so that they allocate nothing. */
  private readonly job: Cell = { location: 0, industry: 0, tier: 0 };

  constructor(
    private readonly agents: AgentStore,
    private readonly env: Environment,
    private readonly accounts: Accounts,
    private readonly policies: readonly PolicyRun[],
    private readonly clock: { readonly tick: number },
    private readonly home: number,
  ) {}

  /** Agent i moves to `to` at this tick; `firstJob`: a graduate taking its first job there (Accounts.move). */
  move(i: number, to: number, tick: number, firstJob = false): void {
    const a = this.agents;
    if (a.policy[i] !== 0) this.policies[a.policy[i] - 1].end(i, 'move');
    const from = this.jobOf(i);
    a.residence[i] = to;
    a.employer[i] = to;
    this.accounts.move(tick, from, to, (a.flags[i] & Flag.native) !== 0, a.arrivalTick[i], firstJob);
    a.arrivalTick[i] = tick;
    this.env.arrive(to);
    if (to === this.home) this.accounts.joinCohort(a, i, tick);
  }

  /** Agent i leaves the run (it retires): its policy ends, its job position goes, and its slot is freed. */
  exit(i: number, tick: number): void {
    const a = this.agents;
    if (a.policy[i] !== 0) this.policies[a.policy[i] - 1].end(i, 'exit');
    const job = this.jobOf(i);
    this.accounts.exit(tick, job, a.arrivalTick[i]);
    this.env.removePosition(job);
    a.remove(i);
  }

  /** Agent i changes tier where it is; stocks, job positions, counts and policy bookkeeping follow. */
  setTier(i: number, next: number): void {
    const a = this.agents;
    const tier = a.tier[i];
    if (next === tier) return;
    const job = this.jobOf(i);
    this.env.movePosition(job, next);
    this.accounts.retier(this.clock.tick, job, next, a.employer[i] !== job.location, a.arrivalTick[i]);
    if (a.policy[i] !== 0) {
      const run = this.policies[a.policy[i] - 1];
      run.participantsByTier[tier]--;
      run.participantsByTier[next]++;
    }
    a.tier[i] = next;
  }

  /** Agent i moves to another industry where it lives (a policy's doing: PolicyModelAccess.reindustry). */
  setIndustry(i: number, industry: number): void {
    const job = this.jobOf(i);
    if (job.industry === industry) return;
    this.accounts.reindustry(job, industry);
    this.env.removePosition(job);
    this.env.addPosition({ ...job, industry });
    this.agents.industry[i] = industry;
  }

  /** Agent i works for `employer` (an enclave post elsewhere), or again where it lives (PolicyModelAccess.setEmployer). */
  setEmployer(i: number, employer: number): void {
    const a = this.agents;
    const where = a.residence[i];
    if (a.employer[i] !== where) this.accounts.workAway(where, a.tier[i], -1);
    a.employer[i] = employer;
    if (employer !== where) this.accounts.workAway(where, a.tier[i], 1);
  }

  /** Agent i's job cell: where it lives, its industry and its tier. One object, reused by the next call. */
  private jobOf(i: number): Readonly<Cell> {
    const a = this.agents;
    const job = this.job;
    job.location = a.residence[i];
    job.industry = a.industry[i];
    job.tier = a.tier[i];
    return job;
  }
}
