// The documented limits on what the simulator accepts (README "Limits", docs/scenarios.md): past one, a run is
// refused at once with a message saying the limit and how to stay within it, instead of running out of memory or
// time later. Browser-safe.

export const LIMITS = {
  // ---- scenario files

  // ---- expressions

  // ---- experiments and output
  /** Model runs one sweep, sensitivity analysis or comparison may make (points or scenarios × replications); --max-model-runs raises it. */
  maxModelRuns: 10_000,
  /** Worker threads --threads may ask for: more than the CPUs only add memory, not speed. */
  maxThreads: 64,
} as const;
