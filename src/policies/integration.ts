// 成渝双城经济圈 Regional integration (report 三(四)): mutual recognition, shared services and portable social security lower the cost of moving within the region.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';
import { cny, locationIndices, restOfYear, share, unknownLocations } from './common.js';

export const integration = definePolicy({
  type: 'integration',
  title: '成渝双城经济圈 Regional integration (人才评价互认, 服务共享, 社保衔接)',
  report: '三(四)',
  mechanism:
    'Mutual recognition of talent evaluations, shared services and portable social security cut a share of the moving-cost and ' +
    'distance disutility of every move between two locations of the region, in both directions and for everyone (a structural ' +
    'policy, known or not): Bazhong becomes easier to come to from Chengdu and Chongqing, and easier to leave for them.',
  params: z.strictObject({
    region: z.array(z.string()).default(['bazhong', 'chengdu', 'chongqing']).describe('Location ids of the integrated region.'),
    frictionCut: share('Share of the moving-cost and distance disutility removed for moves within the region.').default(0.25),
    coordinationCostPerYear: cny("Bazhong's share of running the joint mechanisms (data platform, joint offices), CNY a year; fixed, not scaled.").default(
      1_000_000,
    ),
  }),
  metrics: [],
  check: (p, scenario) => unknownLocations(scenario, p.region, 'region'),
  create(host, p) {
    const { scenario, ticksPerYear: tpy } = host;
    const region = locationIndices(host, p.region);
    const L = scenario.locations.length;
    /** The coefficient of a built-in term in a move, or in a graduate's first-job choice (which may weigh moving less). */
    const coefficient = (name: string, firstJob: boolean) => {
      const k = scenario.utility.findIndex((t) => t.name === name);
      return k < 0 ? 0 : firstJob ? scenario.firstJob.coefficients[k] : scenario.utility[k].coefficient;
    };
    // The share of the built-in movingCost and distance terms given back, per (from, to); they are negative, so this
    // is positive. A first-job choice gives back only what it charges: with no moving cost there, none of it.
    const reliefFor = (firstJob: boolean) => {
      const movingCost = coefficient('movingCost', firstJob);
      const distance = coefficient('distance', firstJob);
      const relief = new Float64Array(L * L);
      for (let from = 0; from < L; from++)
        for (let to = 0; to < L; to++)
          if (from !== to && region[from] && region[to])
            relief[from * L + to] = p.frictionCut * -(movingCost + distance * Math.log1p(host.env.travelHours(from, to)));
      return relief;
    };
    const relief = reliefFor(false);
    const firstJobRelief = reliefFor(true);
    const working = p.frictionCut > 0 && relief.some((r) => r !== 0);
    let fundedYear = -1;
    let funded = false;
    return {
      everyoneKnows: true,
      environment(tick) {
        // The year's coordination cost is committed at its first tick in force; without the money the mechanisms lapse that year.
        const year = Math.floor(tick / tpy);
        if (!working || year === fundedYear) return;
        fundedYear = year;
        funded = host.commit(p.coordinationCostPerYear * restOfYear(host));
      },
      open: () => working && funded,
      utility: (_agent, from, to, firstJob) => (firstJob ? firstJobRelief : relief)[from * L + to],
    };
  },
});
