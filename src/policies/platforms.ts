// 创业环境与平台 Platforms and parks (report 三(四)): innovation parks, industry clusters and labs built in Bazhong on a schedule.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';
import { unknownNameHint } from '../core/errors.js';
import { policyChecks } from '../core/messages.js';
import { cny, count } from './common.js';

const build = z.strictObject({
  label: z.string().optional().describe('What is built, e.g. 巴中人才创新创业园.'),
  year: z.number().int().min(1900).max(2200).describe('Calendar year of the build; a build due before the policy starts is made at its start.'),
  industry: z.string().describe('Industry id the platforms serve.'),
  count: count('Units built (parks, clusters, labs).'),
  platformsEach: count('Platforms one unit counts as in the platforms utility term (a cluster hosts several labs and workstations).').default(1),
  cost: cny('Cost of one unit, CNY (one-off, booked in the year it is built).'),
  runningCost: cny('Running cost of one unit, CNY a year, paid monthly once built.').default(0),
});

export const platforms = definePolicy({
  type: 'platforms',
  title: '创业环境与平台 Platforms and parks (人才创新创业园, 特色产业创新集群)',
  report: '三(四)',
  mechanism:
    "Each build on the schedule adds platforms in its industry to Bazhong at the first tick of its year, if the year's budget covers its " +
    "cost and the rest of the year's running costs (else what is left waits for the next year). Talent in that industry then value " +
    'Bazhong more through the platforms term, and the agglomeration feedback amplifies it as top and professional talent gather there.',
  params: z.strictObject({
    builds: z.array(build).default([]).describe('The build schedule.'),
  }),
  metrics: ['built', 'postponed', 'platforms'],
  check(p, scenario) {
    const industries = scenario.industries.map((i) => i.id);
    return p.builds.flatMap((b, k) =>
      industries.includes(b.industry)
        ? []
        : [{ path: ['builds', k, 'industry'], ...policyChecks.unknownId('industry', b.industry, unknownNameHint(b.industry, industries, 'industry ids')) }],
    );
  },
  create(host, p) {
    const { scenario, home, ticksPerYear: tpy } = host;
    const schedule = p.builds.map((b) => ({
      dueTick: host.tickOf(b.year),
      industry: scenario.industries.findIndex((i) => i.id === b.industry),
      waiting: b.count,
      platformsEach: b.platformsEach,
      cost: b.cost,
      runningCost: b.runningCost,
    }));
    let runningPerYear = 0;
    let stock = 0;
    let lastYear = -1;
    return {
      environment(tick) {
        if (runningPerYear > 0) host.pay(runningPerYear / tpy);
        const year = Math.floor(tick / tpy);
        if (year === lastYear) return;
        lastYear = year;
        // Builds are tried at the first tick in force of each year: the ones due by now, in schedule order.
        const ticksLeft = tpy - 1 - (tick % tpy);
        for (const b of schedule) {
          if (b.waiting <= 0 || b.dueTick > tick || b.industry < 0) continue;
          // What the year's budget must still cover: the running costs already owed, then the unit and its running costs.
          const free = host.remaining() - (runningPerYear * ticksLeft) / tpy;
          const perUnit = b.cost + (b.runningCost * (ticksLeft + 1)) / tpy;
          const units = perUnit > 0 ? Math.min(b.waiting, Math.floor(Math.max(0, free) / perUnit)) : b.waiting;
          if (units > 0 && host.commit(units * b.cost)) {
            host.pay((units * b.runningCost) / tpy);
            runningPerYear += units * b.runningCost;
            host.env.addPlatforms({ location: home, industry: b.industry }, units * b.platformsEach);
            stock += units * b.platformsEach;
            b.waiting -= units;
            // Counts of platforms (and units), not persons: record() multiplies by the scale.
            host.record('built', (units * b.platformsEach) / host.scale);
          }
          if (b.waiting > 0) host.record('postponed', b.waiting / host.scale);
        }
      },
      work(tick) {
        if ((tick + 1) % tpy === 0 && stock > 0) host.record('platforms', stock / host.scale);
      },
    };
  },
});
