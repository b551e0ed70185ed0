// 巴山优才计划 / 一人一策 / 雏鹰计划 (report 三(一)一): grants and housing subsidies for talent who come to, or start in, Bazhong.
import { z } from 'zod';
import { definePolicy, type PolicyHost } from '../core/policy.js';
import { cny, moneyUtility, restOfYear, termEnd, years } from './common.js';
import { delayDiscount, takeUpChance, takeUpParams } from './take-up.js';

/** At most this share of all agents is sampled in one tick for residents' applications (newcomersOnly: false). */
const MAX_SAMPLED_SHARE = 0.02;

export const subsidy = definePolicy({
  type: 'subsidy',
  title: '人才补贴 Talent subsidies (巴山优才计划, 雏鹰计划, 一人一策)',
  report: '三(一)一',
  mechanism:
    'Eligible talent who know of it value the grant in their utility for choosing Bazhong (discounted for take-up and payout delay); ' +
    "on arriving or entering they receive it if they apply and the year's budget allows; holders keep a bonus for staying while they draw it. " +
    'Applying is a choice: a logit on the benefit discounted for the payout delay, net of the hassle of claiming, so faster redemption raises take-up.',
  params: z.strictObject({
    lumpSum: cny('One-off grant on arrival, CNY a person (startup money; a top-talent package).').default(0),
    perYear: cny('Yearly subsidy while the holder stays, CNY a person (housing subsidy).').default(0),
    years: years('Years the holder draws the yearly subsidy, and must stay to keep the grant.').default(3),
    ...takeUpParams,
    newcomersOnly: z
      .boolean()
      .default(true)
      .describe('Only newcomers to Bazhong may apply (引才: the report targets introduced talent); false: eligible residents already there may apply too.'),
    localStarters: z
      .boolean()
      .default(true)
      .describe(
        "Whether those who start their working life in Bazhong (its own graduates' first jobs, entrants there) count as newcomers (雏鹰计划: young graduates); false: only movers from elsewhere.",
      ),
  }),
  metrics: ['grants', 'notTakenUp', 'overBudget', 'holders'],
  create(host, p) {
    const perTick = p.perYear / host.ticksPerYear;
    const holderValue = p.perYear + p.lumpSum / Math.max(1, p.years);
    // All the grant pays over its term: what a newcomer weighs against the hassle when deciding to apply.
    const benefit = p.lumpSum + p.perYear * p.years;
    const chance = () => takeUpChance(p, benefit, host.payoutSpeed());
    // What a newcomer expects: the grant and subsidy a year, for take-up and a delayed, discounted payout. Read each
    // tick, as publicity may speed payouts up and cut the hassle.
    const expectedValue = () => chance() * delayDiscount(p, host.payoutSpeed()) * holderValue;
    // What this year's budget still owes to current holders, and what one more grant would add this year.
    const owedToHolders = () => host.participants() * p.perYear * restOfYear(host) * host.scale;
    const newGrantCost = () => (p.lumpSum + p.perYear * restOfYear(host)) * host.scale;
    /** Whether an agent moving from `from` to the home city (or staying there) may apply: newcomers, local starters, or anyone. */
    const admits = (from: number, firstJob: boolean) => !p.newcomersOnly || from !== host.home || (p.localStarters && firstJob);
    const apply = (i: number) => {
      if (host.random() >= chance()) return host.record('notTakenUp');
      if (host.remaining() - owedToHolders() < newGrantCost() || !host.commit(p.lumpSum * host.scale)) return host.record('overBudget');
      host.join(i, termEnd(host, p.years));
      host.record('grants');
    };
    // New grants while the budget can pay what holders are owed plus this year's share of one more grant.
    // And a full year of instalments to every holder, plus this grant, must fit the yearly budget, so that next
    // year's instalments do not overspend it.
    const canGrant = () =>
      (p.lumpSum > 0 || p.perYear > 0) &&
      host.remaining() - owedToHolders() >= newGrantCost() &&
      ((host.participants() + 1) * p.perYear + p.lumpSum) * host.scale <= host.spec.budget;
    return {
      open: canGrant,
      // Newcomers weigh it: movers to Bazhong, and (localStarters) graduates who take their first job there (雏鹰计划);
      // with newcomersOnly false, residents weigh it for staying too.
      utility: (agent, from, to, firstJob) =>
        to === host.home && admits(from, firstJob)
          ? moneyUtility(host, expectedValue(), host.env.wage({ location: host.home, industry: agent.industry, tier: agent.tier }))
          : 0,
      holderUtility: (agent, from, to) =>
        to === host.home ? moneyUtility(host, holderValue, host.env.wage({ location: host.home, industry: agent.industry, tier: agent.tier })) : 0,
      onArrive(i, _tick, from) {
        if (host.participates(i, true)) return;
        // `from` is the home city for one who never left: an entrant starting there or a home graduate's first job.
        if (from === host.home && p.newcomersOnly && !p.localStarters) return;
        apply(i);
      },
      work(tick) {
        // Holders draw the yearly subsidy each tick, as owed spending.
        const holders = host.participants();
        if (holders > 0 && perTick > 0) host.pay(perTick * holders * host.scale);
        if (!p.newcomersOnly && host.active()) applyResidents(host, canGrant, apply);
        if ((tick + 1) % host.ticksPerYear === 0) host.record('holders', holders);
      },
    };
  },
});

/**
 * With newcomersOnly false, residents already in the home city apply too: each tick a sample of agents is drawn, and
 * every eligible, aware resident in no policy among them decides to apply as a newcomer does, while the budget lasts.
 * A quarter of all agents are drawn in a year, so the residents' claims spread over years.
 */
function applyResidents(host: PolicyHost, canGrant: () => boolean, apply: (i: number) => void): void {
  const a = host.agents;
  for (let tries = Math.ceil(a.count * MAX_SAMPLED_SHARE); tries > 0 && canGrant(); tries--) {
    const i = host.sampleAgent();
    if (i < 0 || a.residence[i] !== host.home || host.participates(i, true) || !host.eligible(i) || !host.knows(i)) continue;
    apply(i);
  }
}
