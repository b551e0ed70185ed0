// Take-up of a grant as a choice (report 二(二): 部分优惠政策难以落地; 三(一)二: 简化政策兑现流程): an eligible newcomer who knows of
// the grant applies if what it expects to receive, discounted for the payout delay, net of the hassle of claiming, beats not
// applying. Publicity's one-stop redemption service (PolicyHost.payoutSpeed) shortens the delay and cuts the hassle.
import { z } from 'zod';
import { policyParam } from '../core/params.js';
import { cny, logistic, share } from './common.js';

/**
 * The parameters of the choice to apply, with a module's own defaults and its own words for `takeUp` (what its grant's
 * applicants do): the grant modules share the choice but not its calibration.
 */
export function takeUpParamsWith(defaults: TakeUpParams, takeUpDescription: string) {
  return {
    takeUp: share(takeUpDescription).default(defaults.takeUp),
    payoutDelayMonths: policyParam(z.number().min(0).max(120), 'Months from arrival to the first payment.').default(defaults.payoutDelayMonths),
    discountRate: share('Yearly rate at which agents discount money that comes later.').default(defaults.discountRate),
    hassleCny: cny(
      'Cost of claiming, CNY-equivalent, at the normal redemption: days off work for documents, trips and approval rounds. A redemption service cuts it by its speed factor.',
    ).default(defaults.hassleCny),
    hassleSpread: policyParam(
      z.number().min(1),
      'Scale of the logistic shock on the net value of applying, CNY: how much newcomers differ in what claiming costs them. Smaller: take-up responds more to delay and hassle.',
    ).default(defaults.hassleSpread),
  };
}

/** The parameters of the choice to apply at the subsidy's defaults (a newcomer's grant and housing subsidy). */
export const takeUpParams = takeUpParamsWith(
  { takeUp: 0.6, payoutDelayMonths: 6, discountRate: 0.1, hassleCny: 5_000, hassleSpread: 5_000 },
  "Share of eligible, aware newcomers who apply and complete the paperwork at the policy's own payout delay and hassle (no redemption service); " +
    'the intercept of the choice to apply (report 二(二): hard to redeem).',
);

export interface TakeUpParams {
  takeUp: number;
  payoutDelayMonths: number;
  discountRate: number;
  hassleCny: number;
  hassleSpread: number;
}

/** Share of a later payment left after discounting for the payout delay, at payout-speed factor `speed`. */
export function delayDiscount(p: TakeUpParams, speed: number): number {
  return Math.exp(-p.discountRate * (p.payoutDelayMonths / 12) * speed);
}

/**
 * Net value of applying, CNY: the benefit (all it pays over its term) discounted for the delay, less the hassle, both
 * scaled by the payout-speed factor `speed` (1: the policy's own redemption; 0.5: a service that halves delay and hassle).
 */
export function netValueOfApplying(p: TakeUpParams, benefit: number, speed: number): number {
  return benefit * delayDiscount(p, speed) - p.hassleCny * speed;
}

/**
 * Probability that an eligible, aware newcomer applies: a logit on the net value of applying with a logistic shock of
 * scale `hassleSpread`, its intercept set so that it is `takeUp` at the policy's own redemption (speed 1). Exactly
 * `takeUp` at speed 1, so a policy without a redemption service behaves as with a fixed take-up share.
 */
export function takeUpChance(p: TakeUpParams, benefit: number, speed: number): number {
  if (speed === 1 || p.takeUp <= 0 || p.takeUp >= 1) return p.takeUp;
  const intercept = Math.log(p.takeUp / (1 - p.takeUp));
  return logistic(intercept + (netValueOfApplying(p, benefit, speed) - netValueOfApplying(p, benefit, 1)) / p.hassleSpread);
}
