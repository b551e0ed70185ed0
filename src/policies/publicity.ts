// 政策宣传与落实 Publicity and faster redemption (report 三(一)二): more people learn of the other policies, and they pay out sooner.
import { z } from 'zod';
import { AUDIENCES, definePolicy, type Audience, type PolicyHost } from '../core/policy.js';
import { unknownNameHint } from '../core/errors.js';
import { policyChecks } from '../core/messages.js';
import { cny, coefficient, share } from './common.js';

/** Agents drawn each campaign tick to keep the estimate of the audiences' sizes current (only for the `reached` metric). */
const AUDIENCE_SAMPLES = 32;

/** Indices of the policies a campaign promotes: those named (by name or type), or every other policy but publicity. */
/** Policies that awareness does not touch (publicity itself, private offers, structural change): not default targets. */
const UNPUBLICISED = new Set(['publicity', 'market-recruitment', 'integration']);

function targetIndices(host: PolicyHost, names: readonly string[]): number[] {
  return host.policies
    .filter((spec) => spec.index !== host.spec.index && (names.length ? names.includes(spec.name) || names.includes(spec.type) : !UNPUBLICISED.has(spec.type)))
    .map((spec) => spec.index);
}

export const publicity = definePolicy({
  type: 'publicity',
  title: '宣传与落实 Publicity and faster redemption',
  report: '三(一)二',
  mechanism:
    'A media campaign spreads knowledge of the target policies by Bass diffusion: each tick the share of each audience (residents, ' +
    'natives elsewhere, others) who know a target rises by weight × (p + q × share) × (1 − share) / ticks a year, where the outside ' +
    'influence p grows with the spending and q is word of mouth among those already reached. Agents respond only to policies they ' +
    "know, so more of them count on (and claim) the targets. A one-stop redemption service shortens the targets' payout delays " +
    'and cuts the hassle of claiming, so more of those who know apply (take-up is a logit on the net value of applying).',
  params: z.strictObject({
    targets: z
      .array(z.string())
      .default([])
      .describe(
        'Names or types of the policies promoted; empty: every other policy that awareness matters to (not publicity, market-recruitment or integration).',
      ),
    spendPerYear: cny('Campaign spending, CNY a year (media, events, recruiting fairs), paid monthly from the budget.').default(2_000_000),
    reachPer10M: coefficient(
      'Outside influence p of the Bass model, per year, for each 10 million CNY a year of spending: p = reachPer10M × spendPerYear / 1e7.',
    ).default(0.5),
    wordOfMouth: coefficient('Word of mouth q of the Bass model, per year: how fast those who know tell those who do not, while the campaign runs.').default(
      0.4,
    ),
    audienceWeights: z
      .strictObject({
        residents: share('How well the campaign reaches home-city residents (1: fully).').default(1),
        diaspora: share('How well it reaches natives living elsewhere (乡友), relative to residents.').default(0.5),
        others: share('How well it reaches everyone else, relative to residents.').default(0.2),
      })
      .default({ residents: 1, diaspora: 0.5, others: 0.2 })
      .describe('Relative reach of the campaign in each audience; multiplies both p and q there.'),
    redemptionSpeed: share(
      "Factor on the target policies' payout delays and on the hassle of claiming them while in force (0.5 halves both; 1: no change): a target whose take-up is a choice (subsidy, industry-program's fund, hometown's return-startup grant) is claimed more.",
    ).default(1),
    redemptionCostPerYear: cny('Running cost of the one-stop redemption service (巴中人才服务 一站式平台), CNY a year; only when redemptionSpeed < 1.').default(
      1_000_000,
    ),
  }),
  metrics: ['reached', 'aware'],
  check(p, scenario) {
    const known = [...new Set(scenario.policies.flatMap((q) => [q.spec.name, q.spec.type]))];
    return p.targets.flatMap((name, k) =>
      known.includes(name) ? [] : [{ path: ['targets', k], ...policyChecks.noSuchPolicy(name, unknownNameHint(name, known, 'policy names and types')) }],
    );
  },
  create(host, p) {
    const targets = targetIndices(host, p.targets);
    const tpy = host.ticksPerYear;
    const outside = (p.reachPer10M * p.spendPerYear) / 1e7;
    const campaign = targets.length > 0 && p.spendPerYear > 0 && (outside > 0 || p.wordOfMouth > 0);
    const redemption = targets.length > 0 && p.redemptionSpeed !== 1;
    // Agents sampled so far by audience: the audiences' sizes are estimated from them (for `reached` and `aware` only).
    const sampled: Record<Audience, number> = { residents: 0, diaspora: 0, others: 0 };
    let samples = 0;
    const audienceSize = (audience: Audience) => (samples ? (host.agents.count * sampled[audience]) / samples : 0);
    const sampleAudiences = () => {
      for (let k = 0; k < AUDIENCE_SAMPLES; k++) {
        const i = host.sampleAgent();
        if (i < 0) return;
        sampled[host.audienceOf(i)]++;
        samples++;
      }
    };
    const setSpeed = (factor: number) => targets.forEach((k) => host.setPayoutSpeed(k, factor));
    return {
      environment() {
        if (campaign && host.commit(p.spendPerYear / tpy)) {
          sampleAudiences();
          let reached = 0;
          for (const k of targets)
            for (const audience of AUDIENCES) {
              const known = host.awareness(k, audience);
              const gain = (p.audienceWeights[audience] * (outside + p.wordOfMouth * known) * (1 - known)) / tpy;
              host.setAwareness(k, audience, known + gain);
              reached += (host.awareness(k, audience) - known) * audienceSize(audience);
            }
          // Persons newly aware of a target, averaged over the targets; record() turns agents into persons.
          host.record('reached', reached / targets.length);
        }
        // The redemption service runs while the budget pays for it; without it, payouts take their usual time.
        if (redemption) setSpeed(host.commit(p.redemptionCostPerYear / tpy) ? p.redemptionSpeed : 1);
      },
      work(tick) {
        if (redemption && tick + 1 >= host.spec.endTick) setSpeed(1);
        if (campaign && (tick + 1) % tpy === 0) {
          if (!samples) sampleAudiences();
          let aware = 0;
          for (const k of targets) for (const audience of AUDIENCES) aware += host.awareness(k, audience) * audienceSize(audience);
          host.record('aware', aware / targets.length);
        }
      },
    };
  },
});
