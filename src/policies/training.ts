// 健全培育体系 (report 三(三)): Bazhong trains its own people up a tier (进修学院, 实训基地) and into target industries (订单式培养).
import { z } from 'zod';
import { definePolicy, type PolicyProblem } from '../core/policy.js';
import { unknownNameHint } from '../core/errors.js';
import type { ResolvedScenario } from '../core/scenario.js';
import { cny, coefficient, count, share, termEnd, years } from './common.js';

export const training = definePolicy({
  type: 'training',
  title: '健全培育体系 Training (订单式培养, 菜单式选学, 巴中人才进修学院, 产教融合实训基地)',
  report: '三(三)',
  mechanism:
    'Each tick the programme trains a quota of eligible Bazhong residents in the tiers it upgrades (by default skilled workers and ' +
    'young graduates) while the budget lasts; a trainee passes with a given chance and moves up a tier (学习—认证—晋升), and a share ' +
    'of trainees are trained to order for a target industry and move into it. Optionally trainees sign a bond to stay for some ' +
    'years in a local job, which adds to their utility of staying.',
  params: z.strictObject({
    traineesPerYear: count('Residents trained a year, in persons.'),
    costPerTrainee: cny('Cost of training one person, CNY (course, trainer, certification).').default(10_000),
    successRate: share('Share of trainees who pass and move up a tier.').default(0.6),
    upgrades: z
      .record(z.string(), z.string())
      .default({ skilled: 'professional', graduate: 'professional' })
      .describe('Tier a trainee of each tier moves up to, by tier id: only residents of these tiers are trained.'),
    orderShare: share('Share of trainees trained to order (订单式培养) for the target industry, who move into it.').default(0.3),
    targetIndustry: z.string().default('emerging').describe('Industry id of the order-based pipelines.'),
    programmeCost: cny('Running cost of the training college and bases (进修学院, 5–8 实训基地), CNY a year while it trains.').default(0),
    bondYears: years('Years a trainee commits to stay in a local job (0: no bond).').default(0),
    bondUtility: coefficient(
      'Utility of staying in Bazhong while bonded (utility units: a placement in a local job; repaying the training otherwise).',
    ).default(0.3),
  }),
  metrics: ['trained', 'upgraded', 'reoriented'],
  check: (p, scenario) => [
    ...Object.entries(p.upgrades).flatMap(([from, to]) => [
      ...unknownTier(scenario, from, ['upgrades', from]),
      ...unknownTier(scenario, to, ['upgrades', from]),
    ]),
    ...unknownIndustry(scenario, p.targetIndustry),
  ],
  create(host, p) {
    const a = host.agents;
    const tiers = host.scenario.tiers.map((t) => t.id);
    /** Tier each tier is trained up to; −1 where the programme does not train. */
    const upgradeTo = Int16Array.from(tiers, (id) => (Object.hasOwn(p.upgrades, id) ? tiers.indexOf(p.upgrades[id]) : -1));
    const target = host.scenario.industries.findIndex((ind) => ind.id === p.targetIndustry);
    const tpy = host.ticksPerYear;
    const traineesPerTick = p.traineesPerYear / host.scale / tpy;
    const cost = p.costPerTrainee * host.scale;
    let owed = 0;
    return {
      holderUtility: (_agent, _from, to) => (to === host.home ? p.bondUtility : 0),
      work(tick) {
        if (traineesPerTick <= 0) return;
        host.pay(p.programmeCost / tpy);
        // The running cost of the college and bases for the rest of the year is set aside: training comes out of what is left.
        const runningLater = (p.programmeCost / tpy) * (tpy - (tick % tpy) - 1);
        owed += traineesPerTick;
        for (let tries = Math.ceil(owed) * 200 + 200; owed >= 1 && tries > 0; tries--) {
          if (host.remaining() - runningLater < cost) break;
          const i = host.sampleAgent();
          if (i < 0 || a.residence[i] !== host.home || upgradeTo[a.tier[i]] < 0 || !host.eligible(i)) continue;
          host.commit(cost);
          host.record('trained');
          owed--;
          const passes = host.random() < p.successRate;
          const toOrder = host.random() < p.orderShare;
          if (passes) {
            host.upgrade(i, upgradeTo[a.tier[i]]);
            host.record('upgraded');
          }
          if (toOrder && target >= 0 && a.industry[i] !== target) {
            host.changeIndustry(i, target);
            host.record('reoriented');
          }
          if (p.bondYears > 0 && !host.participates(i, true)) host.join(i, termEnd(host, p.bondYears));
        }
        // Places not filled (no budget, too few candidates found) do not pile up beyond a tick's worth.
        owed = Math.min(owed, Math.max(1, traineesPerTick));
      },
    };
  },
});

function unknownTier(scenario: ResolvedScenario, id: string, path: (string | number)[]): PolicyProblem[] {
  const known = scenario.tiers.map((t) => t.id);
  return known.includes(id) ? [] : [{ path, message: `unknown tier "${id}"`, hint: unknownNameHint(id, known, 'tier ids') }];
}

function unknownIndustry(scenario: ResolvedScenario, id: string): PolicyProblem[] {
  const known = scenario.industries.map((i) => i.id);
  return known.includes(id) ? [] : [{ path: ['targetIndustry'], message: `unknown industry "${id}"`, hint: unknownNameHint(id, known, 'industry ids') }];
}
