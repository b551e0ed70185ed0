// 乡情引才 / 百万乡友 (report 三(二)五): a database of Bazhong natives abroad, a green channel home, and support for returnees who start up.
import { z } from 'zod';
import { Flag } from '../core/agents.js';
import { definePolicy } from '../core/policy.js';
import { cny, count, moneyUtility, share, termEnd, years } from './common.js';
import { takeUpChance, takeUpParamsWith } from './take-up.js';

export const hometown = definePolicy({
  type: 'hometown',
  title: '乡情引才 Hometown recruitment (百万乡友, 返乡绿色通道, 返乡创业)',
  report: '三(二)五',
  mechanism:
    'A database of natives living elsewhere spreads word of the programme through the diaspora year by year, and liaison staff ' +
    'contact natives abroad with a concrete invitation home, which they weigh at once. Natives who know of it (or were contacted) and ' +
    'choose Bazhong find a job through a green channel, and value a return-startup grant, which returnees who apply receive on ' +
    'arrival while the budget lasts and keep only if they stay. Natives only: non-natives never hear of it. Applying is a choice: a logit ' +
    'on the grant discounted for the payout delay, net of the hassle of claiming, so faster redemption raises take-up.',
  params: z.strictObject({
    reachPerYear: share(
      'Share of the natives abroad not yet reached whom the database reaches each year (awareness of the programme among the diaspora).',
    ).default(0.1),
    contactsPerYear: count('Natives abroad contacted a year with an invitation home (乡情联络), in persons.').default(0),
    contactCost: cny('Cost of one contact, CNY (liaison staff, events).').default(300),
    databaseCost: cny('Cost of building and keeping the diaspora database, CNY a year, while it reaches or contacts anyone.').default(500_000),
    jobChanceAtHome: share('Chance that a returning native who knows of the green channel finds a job in Bazhong (0: no green channel).').default(0.9),
    startupGrant: cny('Return-startup grant per returnee who applies, CNY (0: none).').default(0),
    ...takeUpParamsWith(
      { takeUp: 0.3, payoutDelayMonths: 12, discountRate: 0.1, hassleCny: 10_000, hassleSpread: 20_000 },
      'Share of returnees who start a business or project and apply for the grant at its own payout delay and hassle (no redemption service); the intercept of the choice to apply.',
    ),
    years: years('Years a grant holder must stay in Bazhong to keep the grant; its yearly worth is grant / years.').default(3),
  }),
  metrics: ['contacted', 'returned', 'grants', 'notTakenUp'],
  create(host, p) {
    const a = host.agents;
    const tpy = host.ticksPerYear;
    const native = (i: number) => (a.flags[i] & Flag.native) !== 0;
    const contactsPerTick = p.contactsPerYear / host.scale / tpy;
    const reachPerTick = 1 - Math.pow(1 - p.reachPerYear, 1 / tpy);
    const grantCost = p.startupGrant * host.scale;
    const grantPerYear = p.startupGrant / Math.max(1, p.years);
    // The chance that a returnee applies, read each tick: publicity's redemption service may shorten the delay and the hassle.
    const chance = () => takeUpChance(p, p.startupGrant, host.payoutSpeed());
    const databaseInUse = p.reachPerYear > 0 || p.contactsPerYear > 0;
    const anythingOffered = p.jobChanceAtHome > 0 || p.startupGrant > 0;
    let owedContacts = 0;
    /** Budget left for contacts and grants: this year's database cost still to pay is set aside (paid in the work phase). */
    const spare = (databasePaidThisTick: boolean) => {
      if (!databaseInUse) return host.remaining();
      const ticksToPay = tpy - (host.tick() % tpy) - (databasePaidThisTick ? 1 : 0);
      return host.remaining() - (p.databaseCost / tpy) * ticksToPay;
    };
    /** Whether a new grant can be paid this tick (set in the environment phase, read by the utility). */
    let grantsOpen = false;

    return {
      open: () => anythingOffered || databaseInUse,
      jobChanceAtHome: p.jobChanceAtHome > 0 ? p.jobChanceAtHome : undefined,
      environment() {
        grantsOpen = p.startupGrant > 0 && spare(false) >= grantCost;
        // Non-natives living elsewhere (the "others" audience) never hear of a hometown programme, publicity or not.
        host.setAwareness(host.spec.index, 'others', 0);
        if (reachPerTick > 0) {
          const known = host.awareness(host.spec.index, 'diaspora');
          host.setAwareness(host.spec.index, 'diaspora', known + (1 - known) * reachPerTick);
        }
      },
      // Returnees value the grant discounted by the chance they will apply, spread over the years they must stay.
      utility: (agent, from, to) =>
        grantsOpen && agent.native && to === host.home && from !== host.home
          ? moneyUtility(host, chance() * grantPerYear, host.env.wage({ location: host.home, industry: agent.industry, tier: agent.tier }))
          : 0,
      holderUtility: (agent, _from, to) =>
        to === host.home ? moneyUtility(host, grantPerYear, host.env.wage({ location: host.home, industry: agent.industry, tier: agent.tier })) : 0,
      onArrive(i, _tick, from) {
        // Those who never left (Bazhong's graduates and newly certified workers starting there) are not returnees; a
        // native who studied elsewhere and comes home for a first job (回生源地) is.
        if (from === host.home) return;
        if (!native(i)) return;
        host.record('returned');
        if (p.startupGrant <= 0 || host.participates(i, true)) return;
        if (host.random() >= chance()) return host.record('notTakenUp');
        if (spare(false) < grantCost) return;
        host.commit(grantCost);
        host.join(i, termEnd(host, p.years));
        host.record('grants');
      },
      work() {
        if (!databaseInUse) return;
        host.pay(p.databaseCost / tpy);
        if (contactsPerTick <= 0) return;
        owedContacts += contactsPerTick;
        for (let tries = Math.ceil(owedContacts) * 20 + 20; owedContacts >= 1 && tries > 0; tries--) {
          if (spare(true) < p.contactCost * host.scale) break;
          const i = host.sampleAgent();
          if (i < 0 || a.residence[i] === host.home || !native(i) || a.offer[i] !== 0 || !host.eligible(i)) continue;
          host.commit(p.contactCost * host.scale);
          host.offer(i);
          host.record('contacted');
          owedContacts--;
        }
        owedContacts = Math.min(owedContacts, Math.max(1, contactsPerTick));
      },
    };
  },
});
