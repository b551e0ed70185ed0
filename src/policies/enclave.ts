// 飞地引才 / 巴中离岸创新中心 (report 三(二)一): a centre in Chengdu or Chongqing whose staff live there and work for Bazhong.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';
import { unknownNameHint } from '../core/errors.js';
import { policyChecks } from '../core/messages.js';
import {
  agentsFor,
  cny,
  coefficient,
  contactsThisTick,
  count,
  engagementEnd,
  incomeCoefficient,
  jobOf,
  locationIndices,
  logistic,
  restOfYear,
  share,
  unknownLocations,
  years,
} from './common.js';

export const enclave = definePolicy({
  type: 'enclave',
  title: '飞地引才 Enclave innovation centre (巴中离岸创新中心)',
  report: '三(二)一',
  mechanism:
    'A centre in a big city offers its posts, at a premium over the local wage, to a share each year of the eligible talent who know ' +
    'of it and live in that city or in Bazhong. A city resident accepts with a probability that rises with the offer against their ' +
    'own wage (natives of Bazhong more readily) and keeps living there; a Bazhong resident weighs moving to the city for the post in ' +
    "the model's own choice of where to live, and takes it only by moving (leakage). Staff work for Bazhong: each counts as a " +
    "full-time equivalent of Bazhong's effective talent and no longer as the city's. Contracts end at their term or when staff quit. " +
    "The centre's results reach Bazhong (成果落地) as job positions and platforms there, in the staff's industries, in proportion to " +
    'its staff-years. Bazhong pays rent, running costs and salaries.',
  params: z.strictObject({
    location: z.string().default('chengdu').describe('Location id of the centre.'),
    positions: count('Posts at the centre, in persons: a cap on its staff.'),
    wagePremium: coefficient('Offered wage relative to the local wage for the tier and industry (0.1: 10 % more).').default(0.1),
    rent: cny('Rent and upkeep of the centre, CNY a year.').default(2_000_000),
    runningCost: cny('Running cost per filled post besides the salary, CNY a year.').default(30_000),
    termYears: years('Length of a contract; it is not renewed (the person may apply again).').default(3),
    quitPerYear: share('Yearly hazard that a staff member quits before the contract ends.').default(0.1),
    reach: share('Share a year of the eligible talent who know of the centre, in its city or in Bazhong, who consider one of its open posts.').default(0.2),
    acceptance: z
      .strictObject({
        base: coefficient("Log-odds of a city resident's accepting an offer equal to the local wage.").default(-1.5),
        wage: coefficient('Effect of log(offered / own wage) on the log-odds.').default(8),
        native: coefficient('Extra log-odds for natives of Bazhong.').default(0.8),
      })
      .default({ base: -1.5, wage: 8, native: 0.8 }),
    fte: share('Full-time equivalent of one post for Bazhong.').default(1),
    landing: z
      .strictObject({
        positionsPerStaffYear: count("Job positions created in Bazhong per staff-year at the centre, in the staff's industries.").default(0.5),
        platformsPerStaffYear: count("Platforms (labs, pilot lines, incubated firms) added in Bazhong per staff-year, in the staff's industries.").default(
          0.002,
        ),
        tiers: z
          .record(z.string(), share('share of the new positions'))
          .optional()
          .describe('Split of the new positions by tier id; normalised to sum to 1. Default: evenly over every tier.'),
      })
      .default({ positionsPerStaffYear: 0.5, platformsPerStaffYear: 0.002 })
      .describe('成果落地: how the centre’s results reach Bazhong.'),
  }),
  metrics: ['approached', 'hired', 'declined', 'leaked', 'quit', 'staff', 'landedPositions', 'landedPlatforms'],
  check(p, scenario) {
    const tiers = scenario.tiers.map((t) => t.id);
    return [
      ...unknownLocations(scenario, p.location, 'location'),
      ...Object.keys(p.landing.tiers ?? {}).flatMap((id) =>
        tiers.includes(id) ? [] : [{ path: ['landing', 'tiers', id], ...policyChecks.unknownId('tier', id, unknownNameHint(id, tiers, 'tier ids')) }],
      ),
    ];
  },
  create(host, p) {
    const { scenario, home, ticksPerYear: tpy } = host;
    const where = locationIndices(host, [p.location]).indexOf(1);
    const posts = agentsFor(host, p.positions);
    const salary = (i: number) => host.env.wage(jobOf(host, i, where)) * (1 + p.wagePremium);
    const jobChanceCoefficient = scenario.utility.find((t) => t.name === 'jobChance')?.coefficient ?? 0;
    const tierShare = Float64Array.from(scenario.tiers, (t) => (p.landing.tiers ? (p.landing.tiers[t.id] ?? 0) : 1));
    const shareSum = tierShare.reduce((x, y) => x + y, 0);
    if (shareSum > 0) for (let t = 0; t < tierShare.length; t++) tierShare[t] /= shareSum;
    // Salary and industry agreed on hiring, by the staff member's seed, so that leaving stops exactly that salary.
    const contracts = new Map<number, { salary: number; industry: number }>();
    const quitters = new Set<number>();
    // Staff by industry (agents): what the centre's results in Bazhong grow with.
    const staffByIndustry = new Float64Array(scenario.industries.length);
    // Bazhong residents offered a post this tick: they choose at their check next tick whether to move for it.
    const offered = new Set<number>();
    let payroll = 0;

    const hire = (i: number) => {
      const a = host.agents;
      const end = engagementEnd(host, p.termYears, p.quitPerYear);
      host.join(i, end.until, home);
      if (end.quits) quitters.add(a.seed[i]);
      const offer = salary(i);
      contracts.set(a.seed[i], { salary: offer, industry: a.industry[i] });
      staffByIndustry[a.industry[i]]++;
      payroll += offer;
      host.record('hired');
    };

    /** Whether the budget takes one more post at `offer`, besides rent, payroll and running costs (and `pending` posts held open). */
    const affordable = (offer: number, pending: number) => {
      const staff = host.participants() + pending;
      // Rent, salaries and running costs owed for the rest of the year come first; a new post must fit beside them.
      const owed = (p.rent / host.scale + payroll + p.runningCost * staff) * host.scale * restOfYear(host);
      if (host.remaining() - owed < (offer + p.runningCost) * host.scale * restOfYear(host)) return false;
      // A full year of rent, salaries and running costs with this post added must fit the yearly budget too.
      return p.rent + (payroll + offer + p.runningCost * (staff + 1)) * host.scale <= host.spec.budget;
    };

    /** The offers of last tick: a Bazhong resident who moved to the centre's city at its check takes the post. */
    const settleOffers = (tick: number) => {
      if (offered.size === 0) return;
      const a = host.agents;
      let taken = 0;
      for (let i = 0; i < a.count; i++)
        if (a.arrivalTick[i] === tick && a.residence[i] === where && offered.has(a.seed[i]) && !host.participates(i, true)) {
          hire(i);
          host.record('leaked');
          taken++;
        }
      host.record('declined', offered.size - taken);
      offered.clear();
    };

    return {
      participation: { component: 'enclave', fte: p.fte },
      // The post, for a Bazhong resident holding its offer: the premium over the city's wage, and a job in hand there
      // (the job-chance term's doubt about finding one is lifted).
      onlyOffered: true,
      utility: (agent, from, to) =>
        from === home && to === where && to !== home
          ? incomeCoefficient(host) * Math.log1p(p.wagePremium) -
            jobChanceCoefficient * Math.log(host.env.jobChance({ location: where, industry: agent.industry, tier: agent.tier }))
          : 0,
      onLeave(i, reason) {
        const seed = host.agents.seed[i];
        const contract = contracts.get(seed);
        if (contract) {
          payroll -= contract.salary;
          staffByIndustry[contract.industry]--;
          contracts.delete(seed);
        }
        if (quitters.delete(seed) && reason === 'term') host.record('quit');
      },
      environment() {
        // 成果落地: this tick's share of a year's results of the staff, as job positions and platforms in Bazhong.
        for (let ind = 0; ind < staffByIndustry.length; ind++) {
          const staffYears = staffByIndustry[ind] / tpy;
          if (staffYears <= 0) continue;
          const positions = staffYears * p.landing.positionsPerStaffYear;
          if (positions > 0 && shareSum > 0) {
            for (let t = 0; t < tierShare.length; t++)
              if (tierShare[t] > 0) host.env.addPositions({ location: home, industry: ind, tier: t }, positions * tierShare[t]);
            host.record('landedPositions', positions);
          }
          // Platforms are counted, not scaled: a staff-year is `scale` persons' years.
          const platforms = staffYears * host.scale * p.landing.platformsPerStaffYear;
          if (platforms > 0) {
            host.env.addPlatforms({ location: home, industry: ind }, platforms);
            host.record('landedPlatforms', platforms / host.scale);
          }
        }
      },
      work(tick) {
        const a = host.agents;
        settleOffers(tick);
        // Rent while the centre exists; salaries and running costs of its staff: owed whatever the budget.
        if (posts > 0) host.pay(p.rent / tpy);
        const staff = host.participants();
        if (staff > 0) host.pay(((payroll + p.runningCost * staff) / tpy) * host.scale);
        // Offers to Bazhong residents are settled next tick: none in the last tick in force.
        const canOffer = tick + 1 < host.spec.endTick;
        let open = posts - staff;
        for (let tries = open > 0 ? contactsThisTick(host, p.reach) : 0; open > 0 && tries > 0; tries--) {
          const i = host.sampleAgent();
          if (i < 0) break;
          const lives = a.residence[i];
          if ((lives !== where && lives !== home) || host.participates(i, true) || !host.eligible(i) || !host.knows(i)) continue;
          if (lives === home && (!canOffer || offered.has(a.seed[i]))) continue;
          if (!affordable(salary(i), offered.size)) break;
          host.record('approached');
          if (lives === home) {
            // A Bazhong resident can take the post only by moving: it chooses at its next check, the post weighed in.
            host.offer(i);
            offered.add(a.seed[i]);
            open--;
            continue;
          }
          const own = host.env.wage(jobOf(host, i, where));
          const odds = p.acceptance.base + p.acceptance.wage * Math.log(salary(i) / own) + (a.flags[i] & 1 ? p.acceptance.native : 0);
          if (host.random() >= logistic(odds)) {
            host.record('declined');
            continue;
          }
          hire(i);
          open--;
        }
        if ((tick + 1) % tpy === 0) host.record('staff', host.participants());
      },
    };
  },
});
