// 健全培育体系 (report 三(三)): Bazhong trains its own people up a tier (进修学院, 实训基地) and into target industries (订单式培养).
// Residents choose to enrol, weighing what the next tier is worth to them (in Bazhong and elsewhere) against their own
// cost and any bond: the places are a cap that binds only when enough of them are willing.
import { z } from 'zod';
import { definePolicy, type PolicyHost, type PolicyProblem } from '../core/policy.js';
import { unknownNameHint } from '../core/errors.js';
import { policyChecks } from '../core/messages.js';
import { hashedNormal } from '../core/random.js';
import { Flag } from '../core/agents.js';
import { policyParam } from '../core/params.js';
import type { AgentType, ResolvedScenario, TermContext } from '../core/scenario.js';
import { cny, coefficient, contactsThisTick, count, logistic, share, termEnd, years } from './common.js';

export const training = definePolicy({
  type: 'training',
  title: '健全培育体系 Training (订单式培养, 菜单式选学, 巴中人才进修学院, 产教融合实训基地)',
  report: '三(三)',
  mechanism:
    'Each eligible Bazhong resident of a tier the programme upgrades, who knows of it, considers enrolling about once a year: it ' +
    'enrols with a logistic chance of its net value, the expected gain of the next tier (the inclusive value of its choice of ' +
    'where to live, scored by the model’s own utility from Bazhong over every location, as the bond leaves it) less its own cost ' +
    '(fee and study time, in years of its wage). Willing residents take the places (the quota) while places and budget last; a ' +
    'trainee passes with a given chance and moves up a tier (学习—认证—晋升), and a share are trained to order for a target ' +
    'industry and move into it. Those who pass may sign a bond to stay some years in a local job (a utility of staying while ' +
    'bonded); after it, nothing holds them: their new tier makes other cities pay more, and their ordinary decisions weigh that.',
  params: z.strictObject({
    traineesPerYear: count('Places a year (the quota), in persons: a cap on enrolment, filled only by residents willing to enrol.'),
    costPerTrainee: cny('Cost to the programme of training one person, CNY (course, trainer, certification).').default(10_000),
    successRate: share('Share of trainees who pass and move up a tier.').default(0.6),
    upgrades: z
      .record(z.string(), z.string())
      .default({ skilled: 'professional', graduate: 'professional' })
      .describe('Tier a trainee of each tier moves up to, by tier id: only residents of these tiers are trained.'),
    orderShare: share('Share of trainees trained to order (订单式培养) for the target industry, who move into it.').default(0.3),
    targetIndustry: z.string().default('emerging').describe('Industry id of the order-based pipelines.'),
    programmeCost: cny('Running cost of the training college and bases (进修学院, 5–8 实训基地), CNY a year while it trains.').default(0),
    bondYears: years('Years a trainee who passes commits to stay in a local job (0: no bond).').default(0),
    bondUtility: coefficient(
      'Utility of staying in Bazhong while bonded (utility units: a placement in a local job; repaying the training otherwise).',
    ).default(0.3),
    enrolIntercept: coefficient('Log-odds of enrolling at no gain and no cost: the effort, risk and family time of study (negative: reluctance).').default(
      -2.5,
    ),
    enrolGain: coefficient('Weight of the expected gain of the next tier (utility units of the model’s choice) in the log-odds of enrolling.').default(3),
    enrolCost: coefficient('Weight of the trainee’s own cost (fee and study time, in years of its wage) in the log-odds of enrolling.').default(2),
    studyMonths: policyMonths('Months of wages a trainee gives up to study (the time cost of enrolling).').default(2),
    traineeFee: cny('Fee a trainee pays, CNY (0: the programme pays all).').default(0),
  }),
  metrics: ['trained', 'upgraded', 'reoriented', 'declined'],
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
    const placesPerTick = p.traineesPerYear / host.scale / tpy;
    const cost = p.costPerTrainee * host.scale;
    const bond = p.bondYears > 0 ? p.bondUtility : 0;
    const value = new ChoiceValue(host);
    /** The log-odds that resident i enrols: the gain of the next tier (as the bond leaves it) less its own cost. */
    const netValue = (i: number): number => {
      const next = upgradeTo[a.tier[i]];
      const gain = value.of(i, next, bond) - value.of(i, a.tier[i], 0);
      const wage = host.env.wage({ location: host.home, industry: a.industry[i], tier: a.tier[i] });
      const ownCost = p.traineeFee / wage + p.studyMonths / 12;
      return p.enrolIntercept + p.enrolGain * gain - p.enrolCost * ownCost;
    };
    let owed = 0;
    return {
      holderUtility: (_agent, _from, to) => (to === host.home ? p.bondUtility : 0),
      work(tick) {
        if (placesPerTick <= 0) return;
        host.pay(p.programmeCost / tpy);
        // The running cost of the college and bases for the rest of the year is set aside: training comes out of what is left.
        const runningLater = (p.programmeCost / tpy) * (tpy - (tick % tpy) - 1);
        owed += placesPerTick;
        // Each agent is considered about once a year; the places go to the willing in the order they come, until none is left.
        for (let considered = contactsThisTick(host, 1); considered > 0 && owed >= 1; considered--) {
          const i = host.sampleAgent();
          if (i < 0 || a.residence[i] !== host.home || upgradeTo[a.tier[i]] < 0 || !host.eligible(i) || !host.knows(i)) continue;
          if (host.random() >= logistic(netValue(i))) {
            host.record('declined');
            continue;
          }
          if (host.remaining() - runningLater < cost) break;
          host.commit(cost);
          host.record('trained');
          owed--;
          const passes = host.random() < p.successRate;
          const toOrder = host.random() < p.orderShare;
          if (passes) {
            host.upgrade(i, upgradeTo[a.tier[i]]);
            host.record('upgraded');
            if (p.bondYears > 0 && !host.participates(i, true)) host.join(i, termEnd(host, p.bondYears));
          }
          if (toOrder && target >= 0 && a.industry[i] !== target) {
            host.changeIndustry(i, target);
            host.record('reoriented');
          }
        }
        // Places not filled (too few willing, no budget) do not pile up beyond a tick's worth.
        owed = Math.min(owed, Math.max(1, placesPerTick));
      },
    };
  },
});

/** Months, 0–24: a study period. */
function policyMonths(description: string) {
  return policyParam(z.number().min(0).max(24), description);
}

/**
 * What an agent's choice of where to live is worth to it, as its tier would make it: the inclusive value (log-sum) of
 * the model's utility terms scored from the home city over every location, with its own persistent taste; `awayCost`
 * is taken off every location but the home city (a bond's repayment). It reads the environment and changes nothing.
 */
export class ChoiceValue {
  private readonly agent: AgentType = { tier: 0, industry: 0, native: false, family: 0, ageBand: 0 };
  private readonly context: TermContext;
  private readonly coefficients: number[];
  private readonly scores: Float64Array;

  constructor(private readonly host: PolicyHost) {
    this.context = { scenario: host.scenario, env: host.env, agent: this.agent, from: host.home, to: host.home };
    this.coefficients = host.scenario.utility.map((t) => t.coefficient);
    this.scores = new Float64Array(host.scenario.locations.length);
  }

  of(i: number, tier: number, awayCost: number): number {
    const { host, agent, context, scores } = this;
    const a = host.agents;
    const terms = host.scenario.utility;
    agent.tier = tier;
    agent.industry = a.industry[i];
    agent.native = (a.flags[i] & Flag.native) !== 0;
    agent.family = a.family[i];
    agent.ageBand = ageBand(host, host.tick() - a.birthTick[i]);
    let best = -Infinity;
    for (let to = 0; to < scores.length; to++) {
      context.to = to;
      let u = host.scenario.tasteSd > 0 ? host.scenario.tasteSd * hashedNormal(a.seed[i], to) : 0;
      for (let k = 0; k < terms.length; k++) if (this.coefficients[k] !== 0) u += this.coefficients[k] * terms[k].term.value(context, terms[k].params);
      if (to !== host.home) u -= awayCost;
      scores[to] = u;
      if (u > best) best = u;
    }
    let sum = 0;
    for (let to = 0; to < scores.length; to++) sum += Math.exp(scores[to] - best);
    return best + Math.log(sum);
  }
}

/** The hazard's age band of an age in ticks (as the model tabulates utility by it). */
function ageBand(host: PolicyHost, ageTicks: number): number {
  const bands = host.scenario.hazard.age;
  const band = bands.findIndex((b) => ageTicks / host.ticksPerYear < b.upTo);
  return band < 0 ? bands.length - 1 : band;
}

function unknownTier(scenario: ResolvedScenario, id: string, path: (string | number)[]): PolicyProblem[] {
  const known = scenario.tiers.map((t) => t.id);
  return known.includes(id) ? [] : [{ path, ...policyChecks.unknownId('tier', id, unknownNameHint(id, known, 'tier ids')) }];
}

function unknownIndustry(scenario: ResolvedScenario, id: string): PolicyProblem[] {
  const known = scenario.industries.map((i) => i.id);
  return known.includes(id) ? [] : [{ path: ['targetIndustry'], ...policyChecks.unknownId('industry', id, unknownNameHint(id, known, 'industry ids')) }];
}
