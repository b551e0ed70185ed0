// The documented limits on what the simulator accepts (README "Limits", docs/scenarios.md): past one, a run is
// refused at once with a message saying the limit and how to stay within it, instead of running out of memory or
// time later. Browser-safe.

export const LIMITS = {
  // ---- scenario files
  /** Largest scenario file read, in bytes (1 MB; the shipped baseline is 20 kB): checked before reading. */
  scenarioBytes: 1_000_000,
  /** Deepest nesting of lists and mappings in a scenario file (the shipped scenarios nest 6 deep at most). */
  scenarioDepth: 32,
  /** Most YAML nodes (keys, values, items) in a scenario file (the shipped baseline has about 3,000). */
  scenarioNodes: 50_000,
  /** Most nodes that YAML aliases (*name) may expand to in a file, as the yaml package counts them: stops an alias bomb. */
  scenarioAliasCount: 100,
  /** Most policies a scenario may list (the shipped scenarios list 3 at most). */
  scenarioPolicies: 100,

  // ---- expressions
  /** Characters in one expression term (`terms[k].expr`): a formula longer than this belongs in a TypeScript term. */
  expressionLength: 1000,
  /** Deepest nesting of parentheses (and brackets) in one expression: mathjs's parser recurses per level and runs out of stack near 300. */
  expressionDepth: 50,

  // ---- experiments and output
  /** An output folder's name, in UTF-8 bytes: the file system's 255 less the 12 of `.tmp-<pid>` (pids have up to 7 digits). */
  outputNameBytes: 243,
  /** An output folder's whole path, in UTF-8 bytes: PATH_MAX 4096 less its terminating byte and the 12 of `.tmp-<pid>`. */
  outputPathBytes: 4083,
  /** Model runs one sweep, sensitivity analysis or comparison may make (points or scenarios × replications); --max-model-runs raises it. */
  maxModelRuns: 10_000,
  /**
   * The most --max-model-runs may allow: each model run's task and figures are held in memory until the outputs are
   * written (a larger value than this exhausted the memory before the first run).
   */
  maxModelRunsCeiling: 100_000,
  /**
   * Distinct points (scenarios) one sweep, sensitivity analysis or robustness analysis may make, whatever
   * --max-model-runs says: each is a whole resolved scenario in memory, about 110 kB.
   */
  maxDesignPoints: 10_000,
  /**
   * Bytes of run results a comparison may hold (2 GB): it keeps every run's whole results (about 20 kB a simulated
   * year, `runResultBytesPerYear`) until it writes them, so its model runs are capped at this over a run's size too.
   */
  keptResultBytes: 2_000_000_000,
  runResultBytesPerYear: 20_000,
  /** Worker threads --threads may ask for: more than the CPUs only add memory, not speed. */
  maxThreads: 64,
} as const;

/** Model runs of `years` simulated years whose whole results fit in LIMITS.keptResultBytes (a comparison, a run). */
export function runsWhoseResultsFit(years: number): number {
  return Math.floor(LIMITS.keptResultBytes / (LIMITS.runResultBytesPerYear * Math.max(1, years)));
}
