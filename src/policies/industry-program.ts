// 产业人才专项 Industry talent programmes (report 三(一)三): jobs, platforms and a talent fund for the target emerging industries.
import { z } from 'zod';
import { definePolicy, type PolicyProblem } from '../core/policy.js';
import { unknownNameHint } from '../core/errors.js';
import { policyChecks } from '../core/messages.js';
import type { ResolvedScenario } from '../core/scenario.js';
import { cny, count, moneyUtility, share, termEnd, years } from './common.js';
import { takeUpChance, takeUpParamsWith } from './take-up.js';

/** Problems with ids (tiers, industries) named in the parameters. */
function unknownIds(ids: readonly string[], known: readonly string[], field: (string | number)[], what: string): PolicyProblem[] {
  return ids.flatMap((id) =>
    known.includes(id) ? [] : [{ path: [...field, id], ...policyChecks.unknownId(what, id, unknownNameHint(id, [...known], `${what} ids`)) }],
  );
}

/** Values keyed by tier id as an array by tier index (absent tiers: 0). */
function byTier(scenario: ResolvedScenario, values: Record<string, number>): Float64Array {
  return Float64Array.from(scenario.tiers, (t) => values[t.id] ?? 0);
}

export const industryProgram = definePolicy({
  type: 'industry-program',
  title: '产业人才专项 Industry talent programmes (低空经济, 钠电, 智算)',
  report: '三(一)三',
  mechanism:
    'For the target industries in Bazhong the programme subsidises employers to create job positions (raising the chance that a mover ' +
    'finds a job there), builds industry platforms (raising the platforms term, which agglomeration then amplifies) and runs a special ' +
    'talent fund: eligible talent in those industries who know of it value its grant, by tier, in their utility for moving to Bazhong; ' +
    'on arriving they receive it if they apply and the budget allows, and then keep a bonus for staying while bound to the fund. Applying is a ' +
    'choice: a logit on the grant discounted for the payout delay, net of the hassle of claiming, so faster redemption raises take-up.',
  params: z.strictObject({
    industries: z
      .array(z.string())
      .default(['emerging'])
      .describe('Industry ids the programme serves (low-altitude economy, sodium batteries, intelligent computing: "emerging").'),
    jobsPerYear: count('Job positions created in Bazhong each year, in persons, spread evenly over the ticks and the target industries.').default(0),
    jobTiers: z
      .record(z.string(), share('share of the new positions'))
      .default({ top: 0.05, professional: 0.55, graduate: 0.4 })
      .describe('Split of the new positions by tier id; normalised to sum to 1.'),
    costPerJob: cny('Subsidy to the employer for each position created, CNY (one-off).').default(30_000),
    platformsPerYear: count("Industry platforms (labs, test bases, expert workstations) built in Bazhong each year, at the year's first tick.").default(0),
    costPerPlatform: cny('Cost of one platform, CNY (one-off).').default(3_000_000),
    grants: z
      .record(z.string(), cny('grant, CNY a person'))
      .default({ top: 200_000, professional: 60_000 })
      .describe(
        'Special talent fund: one-off grant per person by tier id (the Bazhong 2022 talent policy, docs/sources.md §6: top talent 200k CNY, leading talent 60k CNY); absent tiers get none.',
      ),
    bindYears: years('Years a recipient must stay in Bazhong to keep the grant; the grant is valued as grant / bindYears a year.').default(3),
    ...takeUpParamsWith(
      { takeUp: 0.8, payoutDelayMonths: 6, discountRate: 0.1, hassleCny: 5_000, hassleSpread: 5_000 },
      "Share of eligible, aware newcomers who apply for the fund's grant and complete the paperwork at its own payout delay and hassle (no redemption service); the intercept of the choice to apply.",
    ),
  }),
  metrics: ['jobs', 'platforms', 'fundGrants', 'notTakenUp', 'overBudget'],
  check(p, scenario) {
    const tiers = scenario.tiers.map((t) => t.id);
    const industries = scenario.industries.map((i) => i.id);
    return [
      ...p.industries.flatMap((id, k) =>
        industries.includes(id)
          ? []
          : [{ path: ['industries', k], ...policyChecks.unknownId('industry', id, unknownNameHint(id, industries, 'industry ids')) }],
      ),
      ...unknownIds(Object.keys(p.jobTiers), tiers, ['jobTiers'], 'tier'),
      ...unknownIds(Object.keys(p.grants), tiers, ['grants'], 'tier'),
    ];
  },
  create(host, p) {
    const { scenario, home, ticksPerYear: tpy } = host;
    const target = Uint8Array.from(scenario.industries, (ind) => (p.industries.includes(ind.id) ? 1 : 0));
    const targetCount = target.reduce((a, b) => a + b, 0);
    const grant = byTier(scenario, p.grants);
    const tierShare = byTier(scenario, p.jobTiers);
    const shareSum = tierShare.reduce((a, b) => a + b, 0);
    if (shareSum > 0) for (let t = 0; t < tierShare.length; t++) tierShare[t] /= shareSum;
    const jobsPerTick = targetCount && shareSum > 0 ? p.jobsPerYear / tpy : 0;
    const platformsPerYear = targetCount ? p.platformsPerYear : 0;
    const grantsGiven = targetCount > 0 && grant.some((g) => g > 0);
    const smallestGrant = grantsGiven ? Math.min(...grant.filter((g) => g > 0)) : 0;
    // The chance that an eligible newcomer of a tier applies for its grant, read each tick: publicity's redemption service
    // may shorten the delay and the hassle.
    const chance = (tier: number) => takeUpChance(p, grant[tier], host.payoutSpeed());
    /** The grant's worth a year to an agent of this tier and industry, for the chance `share` that it gets it. */
    const fundValue = (tier: number, industry: number, share: number) =>
      target[industry] && grant[tier] > 0
        ? moneyUtility(host, (share * grant[tier]) / Math.max(1, p.bindYears), host.env.wage({ location: home, industry, tier }))
        : 0;
    let lastBuildYear = -1;
    return {
      environment(tick) {
        // Platforms: the year's batch at its first tick in force, as many as the budget pays for.
        const year = Math.floor(tick / tpy);
        if (platformsPerYear > 0 && year !== lastBuildYear) {
          lastBuildYear = year;
          const built = p.costPerPlatform > 0 ? Math.min(platformsPerYear, Math.floor(host.remaining() / p.costPerPlatform)) : platformsPerYear;
          if (built > 0 && host.commit(built * p.costPerPlatform)) {
            for (let ind = 0; ind < target.length; ind++) if (target[ind]) host.env.addPlatforms({ location: home, industry: ind }, built / targetCount);
            // A count of platforms, not of persons: record() multiplies by the scale.
            host.record('platforms', built / host.scale);
          }
        }
        // Jobs: this tick's share of the year's positions, as many as the budget pays for.
        if (jobsPerTick > 0) {
          const persons = p.costPerJob > 0 ? Math.min(jobsPerTick, Math.max(0, host.remaining()) / p.costPerJob) : jobsPerTick;
          if (persons > 0 && host.commit(persons * p.costPerJob)) {
            const agents = persons / host.scale;
            for (let ind = 0; ind < target.length; ind++)
              if (target[ind])
                for (let t = 0; t < tierShare.length; t++)
                  if (tierShare[t] > 0) host.env.addPositions({ location: home, industry: ind, tier: t }, (agents * tierShare[t]) / targetCount);
            host.record('jobs', agents);
          }
        }
      },
      // The fund takes applicants while the budget can pay at least its smallest grant.
      open: () => grantsGiven && host.remaining() >= smallestGrant * host.scale,
      utility: (agent, from, to, firstJob) => (to === home && (from !== home || firstJob) ? fundValue(agent.tier, agent.industry, chance(agent.tier)) : 0),
      holderUtility: (agent, from, to) => (to === home ? fundValue(agent.tier, agent.industry, 1) : 0),
      onArrive(i) {
        const a = host.agents;
        const amount = target[a.industry[i]] ? grant[a.tier[i]] : 0;
        if (amount <= 0 || host.participates(i, true)) return;
        if (host.random() >= chance(a.tier[i])) return host.record('notTakenUp');
        if (!host.commit(amount * host.scale)) return host.record('overBudget');
        host.join(i, termEnd(host, p.bindYears));
        host.record('fundGrants');
      },
    };
  },
});
