// Seeded random streams: one generator per (seed, replication, stream name), so adding a stream never shifts another's draws.
import seedrandom from 'seedrandom';

/** A uniform generator on [0, 1). */
export type Uniform = () => number;

/** The generator for one named stream of one replication. */
export function stream(seed: number, replication: number, name: string): Uniform {
  return seedrandom.alea(`${seed}/${replication}/${name}`);
}

/** Exponential(1) draw: the threshold of an agent's hazard clock. */
export function exponential(uniform: Uniform): number {
  return -Math.log(1 - uniform());
}

/** Standard Gumbel draw: the transient shock that turns utility maximisation into a multinomial logit. */
export function gumbel(uniform: Uniform): number {
  return -Math.log(-Math.log(uniform() || Number.MIN_VALUE));
}

/** Index drawn from cumulative weights (last entry is the total). */
export function pick(cumulative: ArrayLike<number>, uniform: Uniform): number {
  const target = uniform() * cumulative[cumulative.length - 1];
  for (let i = 0; i < cumulative.length - 1; i++) if (target < cumulative[i]) return i;
  return cumulative.length - 1;
}

/** Rounds an expected count up or down at random so that the mean is exact. */
export function stochasticRound(expected: number, uniform: Uniform): number {
  const whole = Math.floor(expected);
  return whole + (uniform() < expected - whole ? 1 : 0);
}

/**
 * An agent's own random numbers: a counter-based generator keyed by (agent seed, tick, purpose). An agent facing the
 * same choice at the same tick draws the same numbers in every scenario, whatever other agents did before it, so
 * two scenarios run with one seed are paired agent by agent (common random numbers), and the draws do not depend
 * on the order in which agents are processed.
 */
export class AgentRandom {
  private seed = 0;
  private key = 0;
  private counter = 0;
  /** Successive uniforms on (0, 1) for the agent, tick and purpose set by the last `reset`. */
  readonly uniform: Uniform = () => (murmur3(this.seed, this.key, this.counter++) + 0.5) / 4294967296;

  /** Starts the numbers of one agent (its seed), at one tick, for one purpose (a small integer below 16). */
  reset(agentSeed: number, tick: number, purpose: number): this {
    this.seed = agentSeed;
    this.key = tick * 16 + purpose;
    this.counter = 0;
    return this;
  }
}

/** Purposes of an agent's random numbers (see AgentRandom). */
export const Purpose = { decision: 1, decisionClock: 2, life: 3, lifeClock: 4, firstJob: 5 } as const;

/** Key reserved for persistent tastes, never reached by tick × 16 + purpose. */
const TASTE_KEY = 0xffffffff;

/**
 * An agent's persistent taste for a location as a standard normal value, recomputed from the agent's seed when
 * needed instead of stored, so memory does not grow with the number of locations.
 */
export function hashedNormal(agentSeed: number, location: number): number {
  const u1 = (murmur3(agentSeed, TASTE_KEY, 2 * location) + 0.5) / 4294967296;
  const u2 = (murmur3(agentSeed, TASTE_KEY, 2 * location + 1) + 0.5) / 4294967296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * A distinct seed for the n-th agent created in a run: the murmur3 finaliser is a bijection on 32-bit integers,
 * so no two agents of a run share a seed (and with it their tastes and random numbers), while the salt (from the
 * run's seed and replication) makes the seeds differ between runs.
 */
export function agentSeed(n: number, salt: number): number {
  return finalise((n ^ salt) >>> 0);
}

/** MurmurHash3 (x86, 32-bit) of three 32-bit words. */
export function murmur3(a: number, b: number, c: number): number {
  let h = 0x2545f491;
  h = murmurRound(h, a);
  h = murmurRound(h, b);
  h = murmurRound(h, c);
  return finalise(h ^ 12);
}

/** The murmur3 finaliser: mixes every bit of h into every bit of the result, and is a bijection on 32-bit integers. */
function finalise(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function murmurRound(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}
