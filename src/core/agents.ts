// The agent population as one typed array per attribute (structure of arrays): 42 bytes an agent.

/** Bits of `AgentStore.flags`. */
export const Flag = {
  /** A native of the home city (Bazhong). */
  native: 1,
  /** In the home city's stock when the run started: followed for "survival of the initial stock". */
  initialHome: 2,
  /** A graduate who found no job at the place it chose for a first job: it stays where it studied and chooses again (FirstJob.retryTicks). */
  searching: 4,
} as const;

/**
 * The flag bits above Flag's (3–7) hold the first-job entry stream of a graduate who entered during the current year:
 * the stream's ordinal among the scenario's `firstJob: true` streams + 1, 0 for anyone else. The year's accounts
 * count where these graduates live at its end (RunResult.graduates) and clear the bits, so they cost no memory.
 */
export const FIRST_JOB_STREAM_SHIFT = 3;
/** First-job entry streams the flag bits can tell apart. */
export const MAX_FIRST_JOB_STREAMS = 0xff >> FIRST_JOB_STREAM_SHIFT;
/** The flag bits below the first-job stream. */
export const FLAG_BITS = (1 << FIRST_JOB_STREAM_SHIFT) - 1;

export const NO_COHORT = -1;

/** Every attribute of every agent; agent i is index i of each array. Removing swaps the last agent into the hole. */
export class AgentStore {
  count = 0;
  tier!: Uint8Array;
  industry!: Uint8Array;
  family!: Uint8Array;
  /** Location of residence. */
  residence!: Uint8Array;
  /** Location of the employer (differs from residence for enclave and flexible work). */
  employer!: Uint8Array;
  flags!: Uint8Array;
  /** Tier on joining a home-city cohort. */
  cohortTier!: Uint8Array;
  /** Simulated year in which the agent joined the home city (graduated or arrived there), or NO_COHORT. */
  cohort!: Int8Array;
  /** Tick of birth (negative for people born before the run); age = tick − birthTick. */
  birthTick!: Int32Array;
  /** Tick of arrival at the current location; tenure = tick − arrivalTick. */
  arrivalTick!: Int32Array;
  /** The agent's own seed: its persistent tastes and its random numbers are hashed from it (random.ts). */
  seed!: Uint32Array;
  /** Remaining cumulative hazard, as of `clockTick`, before the agent next reconsiders where to live (an Exp(1) clock). */
  decisionClock!: Float32Array;
  /** Remaining cumulative hazard, as of `clockTick`, before the next life event (tier upgrade or family change). */
  lifeClock!: Float32Array;
  /** The tick from which the clocks still have to be run down. */
  clockTick!: Int32Array;
  /** The next tick at which something can happen to the agent: a clock fires, a hazard band changes, retirement. */
  nextCheck!: Int32Array;
  /** The policy the agent takes part in (its index + 1; 0: none): a subsidy, an enclave post, a part-time engagement. */
  policy!: Uint8Array;
  /** The tick at which that participation ends. */
  policyUntil!: Int32Array;
  /** A policy's pending offer (index + 1; 0: none): the agent reconsiders at its next check with that offer. */
  offer!: Uint8Array;

  constructor(capacity: number) {
    this.allocate(Math.max(16, capacity));
  }

  get capacity(): number {
    return this.tier.length;
  }

  /** Makes room for `extra` more agents, growing every array by half again when needed. */
  reserve(extra: number): void {
    const needed = this.count + extra;
    if (needed > this.capacity) this.allocate(Math.max(needed, Math.ceil(this.capacity * 1.5)));
  }

  /** Appends an agent (attributes to be set by the caller) and returns its index. */
  add(): number {
    if (this.count === this.capacity) this.reserve(1);
    return this.count++;
  }

  /** Removes agent i by moving the last agent into its place. */
  remove(i: number): void {
    const last = --this.count;
    if (i === last) return;
    this.tier[i] = this.tier[last];
    this.industry[i] = this.industry[last];
    this.family[i] = this.family[last];
    this.residence[i] = this.residence[last];
    this.employer[i] = this.employer[last];
    this.flags[i] = this.flags[last];
    this.cohortTier[i] = this.cohortTier[last];
    this.cohort[i] = this.cohort[last];
    this.birthTick[i] = this.birthTick[last];
    this.arrivalTick[i] = this.arrivalTick[last];
    this.seed[i] = this.seed[last];
    this.decisionClock[i] = this.decisionClock[last];
    this.lifeClock[i] = this.lifeClock[last];
    this.clockTick[i] = this.clockTick[last];
    this.nextCheck[i] = this.nextCheck[last];
    this.policy[i] = this.policy[last];
    this.policyUntil[i] = this.policyUntil[last];
    this.offer[i] = this.offer[last];
  }

  /** Bytes held by the arrays, allocated capacity included. */
  bytes(): number {
    return this.capacity * AgentStore.bytesPerAgent;
  }

  static readonly bytesPerAgent = 7 + 1 + 4 * 7 + 1 + 4 + 1;

  private allocate(capacity: number): void {
    const grow = <T extends Uint8Array | Int8Array | Int32Array | Uint32Array | Float32Array>(old: T | undefined, make: (n: number) => T): T => {
      const next = make(capacity);
      if (old) next.set(old.subarray(0, this.count) as never);
      return next;
    };
    this.tier = grow(this.tier, (n) => new Uint8Array(n));
    this.industry = grow(this.industry, (n) => new Uint8Array(n));
    this.family = grow(this.family, (n) => new Uint8Array(n));
    this.residence = grow(this.residence, (n) => new Uint8Array(n));
    this.employer = grow(this.employer, (n) => new Uint8Array(n));
    this.flags = grow(this.flags, (n) => new Uint8Array(n));
    this.cohortTier = grow(this.cohortTier, (n) => new Uint8Array(n));
    this.cohort = grow(this.cohort, (n) => new Int8Array(n));
    this.birthTick = grow(this.birthTick, (n) => new Int32Array(n));
    this.arrivalTick = grow(this.arrivalTick, (n) => new Int32Array(n));
    this.seed = grow(this.seed, (n) => new Uint32Array(n));
    this.decisionClock = grow(this.decisionClock, (n) => new Float32Array(n));
    this.lifeClock = grow(this.lifeClock, (n) => new Float32Array(n));
    this.clockTick = grow(this.clockTick, (n) => new Int32Array(n));
    this.nextCheck = grow(this.nextCheck, (n) => new Int32Array(n));
    this.policy = grow(this.policy, (n) => new Uint8Array(n));
    this.policyUntil = grow(this.policyUntil, (n) => new Int32Array(n));
    this.offer = grow(this.offer, (n) => new Uint8Array(n));
  }
}
