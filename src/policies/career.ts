// 人才评价 / 揭榜挂帅 / 赛马制 / 巴山英才奖 (report 三(五)): better careers in Bazhong, and promotions with awards for those who excel there.
import { z } from 'zod';
import { definePolicy, type PolicyProblem } from '../core/policy.js';
import { unknownNameHint } from '../core/errors.js';
import { cny, coefficient, count } from './common.js';

export const career = definePolicy({
  type: 'career',
  title: '人才评价与激励 Career (评价改革, 揭榜挂帅, 赛马制, 巴山英才奖)',
  report: '三(五)',
  mechanism:
    'Evaluation by contribution rather than credentials, open competitions for projects (揭榜挂帅, 赛马制) and promotion tied to ' +
    'results make a career in Bazhong worth more: eligible talent who know of it add a fixed career value to their utility of ' +
    'choosing or staying in Bazhong. Each year a quota of eligible residents is promoted a tier (by default professional to top) ' +
    'with an award (巴山英才奖) while the budget lasts.',
  params: z.strictObject({
    careerValue: coefficient(
      'Utility of a career in Bazhong for those who know of the reform, in utility units (with income coefficient β, worth a wage ' +
        '(e^(value/β) − 1) × 100 % higher: 0.15 at β = 1.2 is about 13 %).',
    ).default(0.15),
    promotionsPerYear: count('Residents promoted a tier a year, in persons.').default(0),
    promotions: z.record(z.string(), z.string()).default({ professional: 'top' }).describe('Tier a promoted resident of each tier moves up to, by tier id.'),
    costPerPromotion: cny('Award that comes with a promotion (巴山英才奖, 重奖), CNY; 0: promotion without an award.').default(100_000),
    programmeCost: cny('Running cost of the evaluation reform and the competitions, CNY a year while the programme does anything.').default(1_000_000),
  }),
  metrics: ['promoted', 'awards'],
  check(p, scenario) {
    const known = scenario.tiers.map((t) => t.id);
    const unknown = (id: string, path: (string | number)[]): PolicyProblem[] =>
      known.includes(id) ? [] : [{ path, message: `unknown tier "${id}"`, hint: unknownNameHint(id, known, 'tier ids') }];
    return Object.entries(p.promotions).flatMap(([from, to]) => [...unknown(from, ['promotions', from]), ...unknown(to, ['promotions', from])]);
  },
  create(host, p) {
    const a = host.agents;
    const tiers = host.scenario.tiers.map((t) => t.id);
    /** Tier each tier is promoted to; −1 where there are no promotions. */
    const promoteTo = Int16Array.from(tiers, (id) => (Object.hasOwn(p.promotions, id) ? tiers.indexOf(p.promotions[id]) : -1));
    const tpy = host.ticksPerYear;
    const promotionsPerTick = p.promotionsPerYear / host.scale / tpy;
    const award = p.costPerPromotion * host.scale;
    const running = p.careerValue !== 0 || promotionsPerTick > 0;
    let owed = 0;
    return {
      open: () => p.careerValue !== 0,
      utility: (_agent, _from, to) => (to === host.home ? p.careerValue : 0),
      work(tick) {
        if (!running) return;
        host.pay(p.programmeCost / tpy);
        if (promotionsPerTick <= 0) return;
        owed += promotionsPerTick;
        // The programme's running cost for the rest of the year is set aside: awards come out of what is left.
        const runningLater = (p.programmeCost / tpy) * (tpy - (tick % tpy) - 1);
        for (let tries = Math.ceil(owed) * 200 + 200; owed >= 1 && tries > 0; tries--) {
          if (host.remaining() - runningLater < award) break;
          const i = host.sampleAgent();
          if (i < 0 || a.residence[i] !== host.home || promoteTo[a.tier[i]] < 0 || !host.eligible(i)) continue;
          host.commit(award);
          host.upgrade(i, promoteTo[a.tier[i]]);
          host.record('promoted');
          if (award > 0) host.record('awards');
          owed--;
        }
        // Promotions not made (no budget, too few candidates found) do not pile up beyond a tick's worth.
        owed = Math.min(owed, Math.max(1, promotionsPerTick));
      },
    };
  },
});
