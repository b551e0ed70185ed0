// 候鸟型专家 / 周末工程师 / 假期教授 (report 三(二)一): experts who live in Chengdu or Chongqing serve Bazhong part-time.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';
import { agentsFor, jobOf, cny, coefficient, count, locationIndices, recruit, restOfYear, share, termEnd, unknownLocations, years } from './common.js';

export const flexibleHiring = definePolicy({
  type: 'flexible-hiring',
  title: '柔性引才 Flexible hiring (候鸟型专家, 周末工程师, 假期教授)',
  report: '三(二)一',
  mechanism:
    'Each tick the programme approaches eligible talent living in the big cities until its slots are filled; a candidate accepts with a ' +
    'probability that rises with the pay against their own wage and falls with travel time. Those engaged keep living where they are ' +
    "and add a fraction of a full-time equivalent (FTE) to Bazhong's effective talent.",
  params: z.strictObject({
    slots: count('Part-time posts, in persons.'),
    fte: share('Share of a full-time post each expert works for Bazhong (0.2: a day a week).').default(0.2),
    pay: cny('Pay a year for one expert, CNY, travel included.').default(60000),
    termYears: years('Length of an engagement.').default(2),
    from: z.array(z.string()).default(['chengdu', 'chongqing']).describe('Location ids where the experts live.'),
    acceptance: z
      .strictObject({
        base: coefficient('Log-odds of accepting at pay equal to the FTE share of their wage and no travel.').default(-1),
        pay: coefficient('Effect of log(pay / (fte × own wage)) on the log-odds.').default(1.5),
        travelHours: coefficient('Effect of each hour of travel to Bazhong on the log-odds (negative).').default(-0.4),
      })
      .default({ base: -1, pay: 1.5, travelHours: -0.4 }),
    approachesPerSlot: count('Candidates approached each tick per open slot (agents).').default(3),
  }),
  metrics: ['approached', 'engaged', 'declined', 'experts'],
  check: (p, scenario) => unknownLocations(scenario, p.from, 'from'),
  create(host, p) {
    const from = locationIndices(host, p.from);
    const slots = agentsFor(host, p.slots);
    const payPerTick = (p.pay / host.ticksPerYear) * host.scale;
    return {
      participation: { component: 'flexible', fte: p.fte },
      work(tick) {
        const engaged = host.participants();
        if (engaged > 0) host.pay(payPerTick * engaged);
        const a = host.agents;
        const perYear = p.pay * host.scale;
        recruit(host, {
          open: slots - engaged,
          approaches: (slots - engaged) * p.approachesPerSlot,
          from,
          until: termEnd(host, p.termYears),
          payPerTick,
          // A newcomer must fit beside what engaged experts are owed for the rest of this year, and a full year of
          // everyone's pay must fit the yearly budget, so that next year does not overspend either.
          affordable: (n) => host.remaining() - n * perYear * restOfYear(host) >= perYear * restOfYear(host) && (n + 1) * perYear <= host.spec.budget,
          logOdds: (i) =>
            p.acceptance.base +
            p.acceptance.pay * Math.log(p.pay / (p.fte * host.env.wage(jobOf(host, i)))) +
            p.acceptance.travelHours * host.env.travelHours(a.residence[i], host.home),
        });
        if ((tick + 1) % host.ticksPerYear === 0) host.record('experts', host.participants());
      },
    };
  },
});
