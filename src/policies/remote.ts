// 云上实验室 / 虚拟研发团队 / 远程协作 (report 三(二)一): experts anywhere but Bazhong work for it online, a small share of their time.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';
import { agentsFor, jobOf, cny, coefficient, count, demandCurve, engage, locationIndices, platformDemand, share, unknownLocations, years } from './common.js';

export const remote = definePolicy({
  type: 'remote',
  title: '远程协作 Remote collaboration (云上实验室, 虚拟研发团队)',
  report: '三(二)一',
  mechanism:
    "Bazhong's research and industry projects want as many remote experts as a straight-line demand curve gives at their share of the " +
    "fee, up to the seats; that demand moves with Bazhong's effective platforms in the industries served (per platform at elasticity " +
    '1), and engagements in place are not cut when it falls. While they want more than are engaged, each tick the programme reaches a ' +
    'share of the eligible experts outside Bazhong who know of it; one accepts with a probability that rises with the fee against the ' +
    'FTE share of their own wage and falls with the days a week it takes (no travel: the work is online). Engagements end at their term ' +
    'or when the expert quits. Those engaged keep living and working where they are and add a small fraction of a full-time equivalent ' +
    "(FTE) to Bazhong's effective talent (its remote component). Bazhong pays their fees and the running cost of the cloud lab.",
  params: z.strictObject({
    slots: count('Seats in the virtual research teams, in persons: a cap on the engagements.'),
    fte: share('Share of a full-time post each remote expert works for Bazhong (0.1: half a day a week).').default(0.1),
    pay: cny('Fee a year for one remote expert, CNY (no travel; the programme pays it less the employer share).').default(24_000),
    platformCost: cny('Running cost of the cloud lab (云上实验室: software, data, coordination staff), CNY a year while it has seats.').default(500_000),
    termYears: years('Length of an engagement; it is not renewed (the expert may be reached again).').default(2),
    quitPerYear: share('Yearly hazard that an engaged expert quits before the term ends.').default(0.2),
    from: z.array(z.string()).optional().describe('Location ids where the experts live; default: every location except the home city (Elsewhere included).'),
    acceptance: z
      .strictObject({
        base: coefficient('Log-odds of accepting at pay equal to the FTE share of their own wage and no days taken.').default(-1),
        pay: coefficient('Effect of log(pay / (fte × own wage)) on the log-odds.').default(1.5),
        days: coefficient("Effect of each day a week the engagement takes (fte × 5) beside the expert's own job on the log-odds (negative).").default(-0.5),
      })
      .default({ base: -1, pay: 1.5, days: -0.5 }),
    reach: share('Share a year of the eligible experts who know of the programme that it reaches with an offer.').default(0.2),
    demand: demandCurve('Remote experts', { atZeroPrice: 400, chokePrice: 60_000, employerShare: 0.3, platformsElasticity: 1 }),
  }),
  metrics: ['approached', 'engaged', 'declined', 'quit', 'demand', 'experts'],
  check: (p, scenario) => unknownLocations(scenario, p.from ?? [], 'from'),
  create(host, p) {
    const from = p.from ? locationIndices(host, p.from) : Uint8Array.from(host.scenario.locations, (_, l) => (l === host.home ? 0 : 1));
    from[host.home] = 0; // people living in Bazhong already work for it: they are residents, not remote experts
    const slots = agentsFor(host, p.slots);
    // Projects want as many as the curve gives at the fee, scaled by Bazhong's platforms now; the seats cap it.
    const demand = platformDemand(host, p.demand, p.pay, slots);
    const fee = p.pay * (1 - p.demand.employerShare);
    const tpy = host.ticksPerYear;
    const payPerTick = (fee / tpy) * host.scale;
    const platformPerTick = p.platformCost / tpy;
    /**
     * Whether the budget can take one more expert: a full year of every engaged expert's fee and the cloud lab fits the
     * yearly budget, and what is left of this year's covers the fees and lab still owed this year besides the newcomer's.
     */
    const affordable = (engaged: number) => {
      if ((engaged + 1) * fee * host.scale + p.platformCost > host.spec.budget) return false;
      const ticksAfter = tpy - (host.tick() % tpy) - 1;
      return host.remaining() - (engaged * payPerTick + platformPerTick) * ticksAfter >= payPerTick * (ticksAfter + 1);
    };
    const quitters = new Set<number>();
    return {
      participation: { component: 'remote', fte: p.fte },
      onLeave(i, reason) {
        if (quitters.delete(host.agents.seed[i]) && reason === 'term') host.record('quit');
      },
      environment() {
        demand.start();
      },
      work(tick) {
        if (slots === 0) return;
        const wanted = demand.wanted();
        // The cloud lab and the fees of engaged experts are owed whatever the budget.
        host.pay(platformPerTick);
        const engaged = host.participants();
        if (engaged > 0) host.pay(payPerTick * engaged);
        engage(host, {
          vacancies: wanted - engaged,
          reach: p.reach,
          from,
          termYears: p.termYears,
          quitPerYear: p.quitPerYear,
          payPerTick,
          affordable,
          logOdds: (i) => p.acceptance.base + p.acceptance.pay * Math.log(p.pay / (p.fte * host.env.wage(jobOf(host, i)))) + p.acceptance.days * p.fte * 5,
          quitters,
        });
        if ((tick + 1) % tpy === 0) {
          host.record('experts', host.participants());
          host.record('demand', wanted);
        }
      },
    };
  },
});
