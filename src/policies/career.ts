// 人才评价 / 揭榜挂帅 / 赛马制 / 巴山英才奖 (report 三(五)): better careers in Bazhong, and promotions with awards for those who excel there.
// Promotions go to residents who meet the criteria and pass an evaluation, up to the quota; the award changes their stay
// decision while they hold it, so the effect on top talent comes partly from fewer awardees leaving.
import { z } from 'zod';
import { definePolicy, type PolicyProblem } from '../core/policy.js';
import { unknownNameHint } from '../core/errors.js';
import { policyChecks } from '../core/messages.js';
import { cny, coefficient, contactsThisTick, count, share, termEnd, years } from './common.js';

export const career = definePolicy({
  type: 'career',
  title: '人才评价与激励 Career (评价改革, 揭榜挂帅, 赛马制, 巴山英才奖)',
  report: '三(五)',
  mechanism:
    'Evaluation by contribution rather than credentials, open competitions for projects (揭榜挂帅, 赛马制) and promotion tied to ' +
    'results make a career in Bazhong worth more: eligible talent who know of it add a fixed career value to their utility of ' +
    'choosing or staying in Bazhong. Each eligible resident of a promotable tier who knows of the reform and has worked in Bazhong ' +
    'for the minimum tenure is evaluated about once a year and passes with a given chance; those who pass are promoted a tier ' +
    '(by default professional to top) with an award (巴山英才奖), up to the quota and while the budget lasts. An awardee holds ' +
    'the award for some years (the project or post it leads), which adds to its utility of staying in Bazhong meanwhile.',
  params: z.strictObject({
    careerValue: coefficient(
      'Utility of a career in Bazhong for those who know of the reform, in utility units (with income coefficient β, worth a wage ' +
        '(e^(value/β) − 1) × 100 % higher: 0.15 at β = 1.2 is about 13 %).',
    ).default(0.15),
    promotionsPerYear: count('Promotions a year (the quota), in persons: a cap on those who meet the criteria and pass the evaluation.').default(0),
    promotions: z.record(z.string(), z.string()).default({ professional: 'top' }).describe('Tier a promoted resident of each tier moves up to, by tier id.'),
    minTenureYears: years('Years a candidate must have worked in Bazhong (tenure at its current location) to be evaluated.').default(5),
    passRate: share('Chance that a candidate’s evaluation (评价, 揭榜挂帅, 赛马制) succeeds, each time it is evaluated (about once a year).').default(0.05),
    awardYears: years('Years an awardee holds the award (the project or post it leads), staying in Bazhong to keep it; 0: no hold.').default(3),
    awardUtility: coefficient('Utility of staying in Bazhong while holding the award (recognition, the post, the rest of the award).').default(0.4),
    costPerPromotion: cny('Award that comes with a promotion (巴山英才奖, 重奖), CNY; 0: promotion without an award.').default(100_000),
    programmeCost: cny('Running cost of the evaluation reform and the competitions, CNY a year while the programme does anything.').default(1_000_000),
  }),
  metrics: ['promoted', 'awards', 'failed', 'awardeesLeft'],
  check(p, scenario) {
    const known = scenario.tiers.map((t) => t.id);
    const unknown = (id: string, path: (string | number)[]): PolicyProblem[] =>
      known.includes(id) ? [] : [{ path, ...policyChecks.unknownId('tier', id, unknownNameHint(id, known, 'tier ids')) }];
    return Object.entries(p.promotions).flatMap(([from, to]) => [...unknown(from, ['promotions', from]), ...unknown(to, ['promotions', from])]);
  },
  create(host, p) {
    const a = host.agents;
    const tiers = host.scenario.tiers.map((t) => t.id);
    /** Tier each tier is promoted to; −1 where there are no promotions. */
    const promoteTo = Int16Array.from(tiers, (id) => (Object.hasOwn(p.promotions, id) ? tiers.indexOf(p.promotions[id]) : -1));
    const tpy = host.ticksPerYear;
    const promotionsPerTick = p.promotionsPerYear / host.scale / tpy;
    const minTenure = p.minTenureYears * tpy;
    const award = p.costPerPromotion * host.scale;
    const running = p.careerValue !== 0 || promotionsPerTick > 0;
    /** A candidate: a resident of a promotable tier, eligible, who knows of the reform and has served the minimum tenure. */
    const candidate = (i: number, tick: number): boolean =>
      a.residence[i] === host.home && promoteTo[a.tier[i]] >= 0 && tick - a.arrivalTick[i] >= minTenure && host.eligible(i) && host.knows(i);
    let owed = 0;
    return {
      open: () => p.careerValue !== 0,
      utility: (_agent, _from, to) => (to === host.home ? p.careerValue : 0),
      holderUtility: (_agent, _from, to) => (to === host.home ? p.awardUtility : 0),
      onLeave(_i, reason) {
        if (reason === 'move') host.record('awardeesLeft');
      },
      work(tick) {
        if (!running) return;
        host.pay(p.programmeCost / tpy);
        if (promotionsPerTick <= 0) return;
        owed += promotionsPerTick;
        // The programme's running cost for the rest of the year is set aside: awards come out of what is left.
        const runningLater = (p.programmeCost / tpy) * (tpy - (tick % tpy) - 1);
        // Each agent is considered about once a year; promotions go to candidates who pass, in the order they come, up to the quota.
        for (let considered = contactsThisTick(host, 1); considered > 0 && owed >= 1; considered--) {
          const i = host.sampleAgent();
          if (i < 0 || !candidate(i, tick)) continue;
          if (host.random() >= p.passRate) {
            host.record('failed');
            continue;
          }
          if (host.remaining() - runningLater < award) break;
          host.commit(award);
          host.upgrade(i, promoteTo[a.tier[i]]);
          host.record('promoted');
          if (award > 0) host.record('awards');
          if (p.awardYears > 0 && !host.participates(i, true)) host.join(i, termEnd(host, p.awardYears));
          owed--;
        }
        // Promotions not made (too few pass, no budget) do not pile up beyond a tick's worth.
        owed = Math.min(owed, Math.max(1, promotionsPerTick));
      },
    };
  },
});
