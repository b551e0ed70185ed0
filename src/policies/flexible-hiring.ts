// 候鸟型专家 / 周末工程师 / 假期教授 (report 三(二)一): experts who live in Chengdu or Chongqing serve Bazhong part-time.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';
import {
  agentsFor,
  jobOf,
  cny,
  coefficient,
  count,
  demandCurve,
  engage,
  locationIndices,
  platformDemand,
  restOfYear,
  share,
  unknownLocations,
  years,
} from './common.js';

export const flexibleHiring = definePolicy({
  type: 'flexible-hiring',
  title: '柔性引才 Flexible hiring (候鸟型专家, 周末工程师, 假期教授)',
  report: '三(二)一',
  mechanism:
    "Bazhong's employers want as many part-time experts as a straight-line demand curve gives at their share of the pay, up to the " +
    "slots; that demand moves with Bazhong's effective platforms in the industries served (per platform at elasticity 1), and " +
    'engagements in place are not cut when it falls. While they want more than are engaged, each tick the programme reaches a share of ' +
    'the eligible experts in the big cities who know of it; one accepts with a probability that rises with the pay against the FTE ' +
    'share of their own wage and falls with the days a week it takes and the travel time. Engagements end at their term or when the ' +
    'expert quits (a yearly hazard). Those engaged keep living where they are and add a fraction of a full-time equivalent (FTE) to ' +
    "Bazhong's effective talent.",
  params: z.strictObject({
    slots: count('Part-time posts, in persons: a cap on the engagements.'),
    fte: share('Share of a full-time post each expert works for Bazhong (0.2: a day a week).').default(0.2),
    pay: cny('Pay a year for one expert, CNY, travel included (the programme pays it less the employer share).').default(60000),
    termYears: years('Length of an engagement; it is not renewed (the expert may be reached again).').default(2),
    quitPerYear: share('Yearly hazard that an engaged expert quits before the term ends.').default(0.2),
    from: z.array(z.string()).default(['chengdu', 'chongqing']).describe('Location ids where the experts live.'),
    reach: share('Share a year of the eligible experts who know of the programme that it reaches with an offer.').default(0.2),
    acceptance: z
      .strictObject({
        base: coefficient('Log-odds of accepting at pay equal to the FTE share of their wage, no travel and no days taken.').default(-1),
        pay: coefficient('Effect of log(pay / (fte × own wage)) on the log-odds.').default(1.5),
        travelHours: coefficient('Effect of each hour of travel to Bazhong on the log-odds (negative).').default(-0.4),
        days: coefficient("Effect of each day a week the engagement takes (fte × 5) beside the expert's own job on the log-odds (negative).").default(-0.5),
      })
      .default({ base: -1, pay: 1.5, travelHours: -0.4, days: -0.5 }),
    demand: demandCurve('Part-time experts', { atZeroPrice: 500, chokePrice: 150_000, employerShare: 0.3, platformsElasticity: 1 }),
  }),
  metrics: ['approached', 'engaged', 'declined', 'quit', 'demand', 'experts'],
  check: (p, scenario) => unknownLocations(scenario, p.from, 'from'),
  create(host, p) {
    const from = locationIndices(host, p.from);
    const slots = agentsFor(host, p.slots);
    // Employers want as many as the curve gives at the pay, scaled by Bazhong's platforms now; the slots cap it.
    const demand = platformDemand(host, p.demand, p.pay, slots);
    const programmePay = p.pay * (1 - p.demand.employerShare);
    const payPerTick = (programmePay / host.ticksPerYear) * host.scale;
    const perYear = programmePay * host.scale;
    const quitters = new Set<number>();
    return {
      participation: { component: 'flexible', fte: p.fte },
      onLeave(i, reason) {
        const seed = host.agents.seed[i];
        if (quitters.delete(seed) && reason === 'term') host.record('quit');
      },
      environment() {
        demand.start();
      },
      work(tick) {
        const wanted = demand.wanted();
        const engaged = host.participants();
        if (engaged > 0) host.pay(payPerTick * engaged);
        const a = host.agents;
        engage(host, {
          vacancies: wanted - engaged,
          reach: p.reach,
          from,
          termYears: p.termYears,
          quitPerYear: p.quitPerYear,
          payPerTick,
          // A newcomer must fit beside what engaged experts are owed for the rest of this year, and a full year of
          // everyone's pay must fit the yearly budget, so that next year does not overspend either.
          affordable: (n) => host.remaining() - n * perYear * restOfYear(host) >= perYear * restOfYear(host) && (n + 1) * perYear <= host.spec.budget,
          logOdds: (i) =>
            p.acceptance.base +
            p.acceptance.pay * Math.log(p.pay / (p.fte * host.env.wage(jobOf(host, i)))) +
            p.acceptance.travelHours * host.env.travelHours(a.residence[i], host.home) +
            p.acceptance.days * p.fte * 5,
          quitters,
        });
        if ((tick + 1) % host.ticksPerYear === 0) {
          host.record('experts', host.participants());
          host.record('demand', wanted);
        }
      },
    };
  },
});
