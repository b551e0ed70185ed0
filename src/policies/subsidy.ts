// 巴山优才计划 / 一人一策 / 雏鹰计划 (report 三(一)一): grants and housing subsidies for talent who come to, or start in, Bazhong.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';
import { policyParam } from '../core/params.js';
import { cny, moneyUtility, restOfYear, share, termEnd, years } from './common.js';

export const subsidy = definePolicy({
  type: 'subsidy',
  title: '人才补贴 Talent subsidies (巴山优才计划, 雏鹰计划, 一人一策)',
  report: '三(一)一',
  mechanism:
    'Eligible talent who know of it value the grant in their utility for choosing Bazhong (discounted for take-up and payout delay); ' +
    "on arriving or entering they receive it if they apply and the year's budget allows; holders keep a bonus for staying while they draw it.",
  params: z.strictObject({
    lumpSum: cny('One-off grant on arrival, CNY a person (startup money; a top-talent package).').default(0),
    perYear: cny('Yearly subsidy while the holder stays, CNY a person (housing subsidy).').default(0),
    years: years('Years the holder draws the yearly subsidy, and must stay to keep the grant.').default(3),
    takeUp: share('Share of eligible newcomers who apply and complete the paperwork (report 二(二): hard to redeem).').default(0.6),
    payoutDelayMonths: policyParam(z.number().min(0).max(120), 'Months from arrival to the first payment.').default(6),
    discountRate: share('Yearly rate at which agents discount money that comes later.').default(0.1),
  }),
  metrics: ['grants', 'notTakenUp', 'overBudget', 'holders'],
  create(host, p) {
    const perTick = p.perYear / host.ticksPerYear;
    const holderValue = p.perYear + p.lumpSum / Math.max(1, p.years);
    // What a newcomer expects: the grant and subsidy a year, for take-up and a delayed, discounted payout. Read each
    // tick, as publicity may speed payouts up.
    const expectedValue = () => p.takeUp * Math.exp(-p.discountRate * (p.payoutDelayMonths / 12) * host.payoutSpeed()) * holderValue;
    // What this year's budget still owes to current holders, and what one more grant would add this year.
    const owedToHolders = () => host.participants() * p.perYear * restOfYear(host) * host.scale;
    const newGrantCost = () => (p.lumpSum + p.perYear * restOfYear(host)) * host.scale;
    return {
      // New grants while the budget can pay what holders are owed plus this year's share of one more grant.
      // And a full year of instalments to every holder, plus this grant, must fit the yearly budget, so that next
      // year's instalments do not overspend it.
      open: () =>
        (p.lumpSum > 0 || p.perYear > 0) &&
        host.remaining() - owedToHolders() >= newGrantCost() &&
        ((host.participants() + 1) * p.perYear + p.lumpSum) * host.scale <= host.spec.budget,
      // Newcomers weigh it: movers to Bazhong, and graduates who take their first job there (雏鹰计划).
      utility: (agent, from, to, firstJob) =>
        to === host.home && (from !== host.home || firstJob)
          ? moneyUtility(host, expectedValue(), host.env.wage({ location: host.home, industry: agent.industry, tier: agent.tier }))
          : 0,
      holderUtility: (agent, from, to) =>
        to === host.home ? moneyUtility(host, holderValue, host.env.wage({ location: host.home, industry: agent.industry, tier: agent.tier })) : 0,
      onArrive(i) {
        if (host.participates(i, true)) return;
        if (host.random() >= p.takeUp) return host.record('notTakenUp');
        if (host.remaining() - owedToHolders() < newGrantCost() || !host.commit(p.lumpSum * host.scale)) return host.record('overBudget');
        host.join(i, termEnd(host, p.years));
        host.record('grants');
      },
      work(tick) {
        // Holders draw the yearly subsidy each tick, as owed spending.
        const holders = host.participants();
        if (holders > 0 && perTick > 0) host.pay(perTick * holders * host.scale);
        if ((tick + 1) % host.ticksPerYear === 0) host.record('holders', holders);
      },
    };
  },
});
