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
 * A fixed, stateless hash of (agent seed, location) to a standard normal value: an agent's persistent taste
 * for a location is recomputed when needed instead of stored, so memory stays constant in the number of locations.
 */
export function hashedNormal(agentSeed: number, location: number): number {
  const u1 = (hash32(agentSeed, 2 * location) + 0.5) / 4294967296;
  const u2 = (hash32(agentSeed, 2 * location + 1) + 0.5) / 4294967296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A 32-bit integer mix of two integers (murmur3 finaliser). */
function hash32(a: number, b: number): number {
  let h = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
