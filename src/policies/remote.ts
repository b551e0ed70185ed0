// 云上实验室 / 虚拟研发团队 / 远程协作 (report 三(二)一): experts anywhere but Bazhong work for it online, a small share of their time.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';
import { agentsFor, jobOf, cny, coefficient, count, locationIndices, recruit, share, termEnd, unknownLocations, years } from './common.js';

export const remote = definePolicy({
  type: 'remote',
  title: '远程协作 Remote collaboration (云上实验室, 虚拟研发团队)',
  report: '三(二)一',
  mechanism:
    'Each tick the programme approaches eligible experts living outside Bazhong until its virtual-team seats are filled; a candidate ' +
    'accepts with a probability that rises with the pay against the FTE share of their own wage (no travel: the work is online). ' +
    "Those engaged keep living and working where they are and add a small fraction of a full-time equivalent (FTE) to Bazhong's " +
    'effective talent (its remote component). Bazhong pays their fees and the running cost of the cloud lab.',
  params: z.strictObject({
    slots: count('Seats in the virtual research teams, in persons.'),
    fte: share('Share of a full-time post each remote expert works for Bazhong (0.1: half a day a week).').default(0.1),
    pay: cny('Fee a year for one remote expert, CNY (no travel).').default(24_000),
    platformCost: cny('Running cost of the cloud lab (云上实验室: software, data, coordination staff), CNY a year while it has seats.').default(500_000),
    termYears: years('Length of an engagement.').default(2),
    from: z.array(z.string()).optional().describe('Location ids where the experts live; default: every location except the home city (Elsewhere included).'),
    acceptance: z
      .strictObject({
        base: coefficient('Log-odds of accepting at pay equal to the FTE share of their own wage.').default(-1),
        pay: coefficient('Effect of log(pay / (fte × own wage)) on the log-odds.').default(1.5),
      })
      .default({ base: -1, pay: 1.5 }),
    approachesPerSlot: count('Candidates approached each tick per open seat (agents).').default(3),
  }),
  metrics: ['approached', 'engaged', 'declined', 'experts'],
  check: (p, scenario) => unknownLocations(scenario, p.from ?? [], 'from'),
  create(host, p) {
    const from = p.from ? locationIndices(host, p.from) : Uint8Array.from(host.scenario.locations, (_, l) => (l === host.home ? 0 : 1));
    from[host.home] = 0; // people living in Bazhong already work for it: they are residents, not remote experts
    const slots = agentsFor(host, p.slots);
    const tpy = host.ticksPerYear;
    const payPerTick = (p.pay / tpy) * host.scale;
    const platformPerTick = p.platformCost / tpy;
    /**
     * Whether the budget can take one more expert: a full year of every engaged expert's fee and the cloud lab fits the
     * yearly budget, and what is left of this year's covers the fees and lab still owed this year besides the newcomer's.
     */
    const affordable = (engaged: number) => {
      if ((engaged + 1) * p.pay * host.scale + p.platformCost > host.spec.budget) return false;
      const ticksAfter = tpy - (host.tick() % tpy) - 1;
      return host.remaining() - (engaged * payPerTick + platformPerTick) * ticksAfter >= payPerTick * (ticksAfter + 1);
    };
    return {
      participation: { component: 'remote', fte: p.fte },
      work(tick) {
        if (slots === 0) return;
        // The cloud lab and the fees of engaged experts are owed whatever the budget.
        host.pay(platformPerTick);
        const engaged = host.participants();
        if (engaged > 0) host.pay(payPerTick * engaged);
        const a = host.agents;
        recruit(host, {
          open: slots - engaged,
          approaches: (slots - engaged) * p.approachesPerSlot,
          from,
          until: termEnd(host, p.termYears),
          payPerTick,
          affordable,
          logOdds: (i) => p.acceptance.base + p.acceptance.pay * Math.log(p.pay / (p.fte * host.env.wage(jobOf(host, i)))),
        });
        if ((tick + 1) % tpy === 0) host.record('experts', host.participants());
      },
    };
  },
});
