// Utility terms: the named, replaceable pieces whose weighted sum scores a location for an agent type.
import type { z } from 'zod';
import type { TermContext, UtilityTerm } from './scenario.js';

export type { AgentType, TermContext, UtilityTerm } from './scenario.js';

/** Builds a term with its parameter type inferred from its schema. */
export function defineTerm<Schema extends z.ZodType<Record<string, unknown>>>(term: {
  name: string;
  description: string;
  params: Schema;
  value(context: TermContext, params: z.output<Schema>): number;
}): UtilityTerm<z.output<Schema>> {
  return term as unknown as UtilityTerm<z.output<Schema>>;
}

export const income: UtilityTerm = {
  name: 'income',
  description: "Log of the annual wage at the destination for the agent's tier and industry (CNY), grown by the location's wage growth.",
  value: ({ env, agent, to }) => Math.log(env.wage({ location: to, industry: agent.industry, tier: agent.tier })),
};

export const services: UtilityTerm = {
  name: 'services',
  description: "Public services at the destination (schools, healthcare, elderly care, culture; each 0–1), weighted by what the agent's family stage needs.",
  value: ({ scenario, env, agent, to }) => {
    const weights = scenario.familyStages[agent.family].serviceWeights;
    let sum = 0;
    for (let k = 0; k < weights.length; k++) sum += weights[k] * env.service(to, k);
    return sum;
  },
};

export const platforms: UtilityTerm = {
  name: 'platforms',
  description: "Log of one plus the effective number of innovation platforms in the agent's industry at the destination (after agglomeration).",
  value: ({ env, agent, to }) => Math.log1p(env.platforms({ location: to, industry: agent.industry })),
};

export const jobChance: UtilityTerm = {
  name: 'jobChance',
  description:
    "Log of the chance of finding a job at the destination in the agent's industry and tier; staying keeps the current job (log 1 = 0), except in a first-job choice, where a graduate needs a job where it studied too.",
  value: ({ env, agent, from, to, firstJob }) =>
    from === to && !firstJob ? 0 : Math.log(env.jobChance({ location: to, industry: agent.industry, tier: agent.tier })),
};

export const housing: UtilityTerm = {
  name: 'housing',
  description: 'Log of the housing price at the destination in units of 10,000 CNY per m²; give it a negative coefficient.',
  value: ({ env, to }) => Math.log(env.housingCost(to) / 10000),
};

export const hometown: UtilityTerm = {
  name: 'hometown',
  description: '1 when a native of the home city scores the home city, else 0: attachment to the hometown.',
  value: ({ scenario, agent, to }) => (agent.native && to === scenario.homeIndex ? 1 : 0),
};

export const distance: UtilityTerm = {
  name: 'distance',
  description: 'Log of one plus the travel time in hours from where the agent lives to the destination (0 for staying); give it a negative coefficient.',
  value: ({ env, from, to }) => Math.log1p(env.travelHours(from, to)),
};

export const movingCost: UtilityTerm = {
  name: 'movingCost',
  description:
    '1 for any move, 0 for staying: the status-quo bias and fixed cost of moving; give it a negative coefficient. A first-job choice may weigh it differently (firstJob.coefficients).',
  value: ({ from, to }) => (from === to ? 0 : 1),
};

/** The built-in terms; a scenario names the ones it uses under `utility`. */
export const builtinTerms = { income, services, platforms, jobChance, housing, hometown, distance, movingCost } as const;
export type BuiltinTermName = keyof typeof builtinTerms;
