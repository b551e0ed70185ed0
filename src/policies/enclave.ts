// 飞地引才 / 巴中离岸创新中心 (report 三(二)一): a centre in Chengdu or Chongqing whose staff live there and work for Bazhong.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';
import { agentsFor, jobOf, cny, coefficient, count, locationIndices, logistic, restOfYear, share, termEnd, unknownLocations, years } from './common.js';

export const enclave = definePolicy({
  type: 'enclave',
  title: '飞地引才 Enclave innovation centre (巴中离岸创新中心)',
  report: '三(二)一',
  mechanism:
    'A centre in a big city fills its posts from eligible talent living there: a candidate accepts with a probability that rises with the ' +
    'offered wage against their own (natives of Bazhong more readily). Staff keep living in the city but work for Bazhong: each counts as ' +
    "one full-time equivalent of Bazhong's effective talent and no longer as the city's. Bazhong pays rent, running costs and salaries.",
  params: z.strictObject({
    location: z.string().default('chengdu').describe('Location id of the centre.'),
    positions: count('Posts at the centre, in persons.'),
    wagePremium: coefficient('Offered wage relative to the local wage for the tier and industry (0.1: 10 % more).').default(0.1),
    rent: cny('Rent and upkeep of the centre, CNY a year.').default(2_000_000),
    runningCost: cny('Running cost per filled post besides the salary, CNY a year.').default(30_000),
    termYears: years('Length of a contract.').default(3),
    acceptance: z
      .strictObject({
        base: coefficient('Log-odds of accepting an offer equal to the local wage.').default(-1.5),
        wage: coefficient('Effect of log(offered / own wage) on the log-odds.').default(8),
        native: coefficient('Extra log-odds for natives of Bazhong.').default(0.8),
      })
      .default({ base: -1.5, wage: 8, native: 0.8 }),
    approachesPerPost: count('Candidates approached each tick per open post (agents).').default(3),
    fte: share('Full-time equivalent of one post for Bazhong.').default(1),
  }),
  metrics: ['approached', 'hired', 'declined', 'staff'],
  check: (p, scenario) => unknownLocations(scenario, p.location, 'location'),
  create(host, p) {
    const where = locationIndices(host, [p.location]).indexOf(1);
    const posts = agentsFor(host, p.positions);
    const salary = (i: number) => host.env.wage(jobOf(host, i, where)) * (1 + p.wagePremium);
    const tpy = host.ticksPerYear;
    // Salaries agreed on hiring, by the staff member's seed, so that leaving stops exactly that salary.
    const salaries = new Map<number, number>();
    let payroll = 0;
    return {
      participation: { component: 'enclave', fte: p.fte },
      onLeave(i) {
        payroll -= salaries.get(host.agents.seed[i]) ?? 0;
        salaries.delete(host.agents.seed[i]);
      },
      work(tick) {
        const a = host.agents;
        // Rent while the centre exists; salaries and running costs of its staff: owed whatever the budget.
        if (posts > 0) host.pay(p.rent / tpy);
        const staff = host.participants();
        if (staff > 0) host.pay(((payroll + p.runningCost * staff) / tpy) * host.scale);
        let open = posts - staff;
        for (let tries = Math.ceil(open * p.approachesPerPost); open > 0 && tries > 0; tries--) {
          const i = host.sampleAgent();
          if (i < 0 || a.residence[i] !== where || host.participates(i, true) || !host.eligible(i)) continue;
          const offer = salary(i);
          // Rent, salaries and running costs owed for the rest of the year come first; a new post must fit beside them.
          const owed = (p.rent / host.scale + payroll + p.runningCost * host.participants()) * host.scale * restOfYear(host);
          if (host.remaining() - owed < (offer + p.runningCost) * host.scale * restOfYear(host)) break;
          // A full year of rent, salaries and running costs with this post added must fit the yearly budget too.
          if (p.rent + (payroll + offer + p.runningCost * (host.participants() + 1)) * host.scale > host.spec.budget) break;
          host.record('approached');
          const own = host.env.wage(jobOf(host, i, where));
          const odds = p.acceptance.base + p.acceptance.wage * Math.log(offer / own) + (a.flags[i] & 1 ? p.acceptance.native : 0);
          if (host.random() >= logistic(odds)) {
            host.record('declined');
            continue;
          }
          host.join(i, termEnd(host, p.termYears), host.home);
          salaries.set(a.seed[i], offer);
          payroll += offer;
          host.record('hired');
          open--;
        }
        if ((tick + 1) % tpy === 0) host.record('staff', host.participants());
      },
    };
  },
});
