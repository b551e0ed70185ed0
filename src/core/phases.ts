// The phases of a tick, in the order the model runs them: declared once here, run by Model.step, checked against the docs.

/**
 * One phase of a tick: its name, what the model does in it, and the policy hooks (PolicyRuntime) it calls, in the
 * order it calls them. docs/extending.md and docs/model-odd.md list the phases and hooks from this table, and a test
 * holds them to it.
 */
export interface Phase {
  readonly name: string;
  readonly does: string;
  readonly hooks: readonly string[];
}

export const PHASES = [
  {
    name: 'environment',
    does:
      'Policies in force act on the environment (platforms, job positions, awareness); then wages and job capacity grow, agglomeration ' +
      'feeds back on platforms, job chances follow the fill of capacity, and the utility of every (agent type, origin, destination) is ' +
      'tabulated once for the tick, with each open policy’s utility and each policy’s holder utility.',
    hooks: ['environment', 'open', 'utility', 'holderUtility'],
  },
  {
    name: 'entry',
    does: 'Graduating cohorts (in their months) and the other entry streams join at their location, each bringing its job position.',
    hooks: ['onArrive'],
  },
  {
    name: 'agents',
    does:
      'One sweep over the agents due a check (a hazard clock fires, a hazard band changes, an offer waits, a term ends, or retirement): ' +
      'a participant whose term is over leaves its policy; when the reconsideration clock fires or an offer waits, the agent scores every ' +
      'location (tabulated utility + persistent taste + Gumbel shock: a multinomial logit) and moves to the best if it finds a job there; ' +
      'then it retires at the retirement age, or the life clock brings a tier upgrade or a family change.',
    hooks: ['onLeave', 'jobChanceAtHome', 'onArrive'],
  },
  {
    name: 'work',
    does: 'Policies act directly, after the sweep: part-time engagements, enclave posts, training, contacts and offers (effective from the next tick).',
    hooks: ['work'],
  },
  {
    name: 'accounting',
    does:
      'Stocks and effective talent by location and tier at the end of the tick, with the FTE of those working for the home city from ' +
      'elsewhere; at the end of each year, the home city’s initial stock still there, the diaspora and cohort retention.',
    hooks: ['participation'],
  },
] as const satisfies readonly Phase[];

export type PhaseName = (typeof PHASES)[number]['name'];
