// The documented limits on what the simulator accepts (README "Limits", docs/scenarios.md): past one, a run is
// refused at once with a message saying the limit and how to stay within it, instead of running out of memory or
// time later. Browser-safe.

export const LIMITS = {
  // ---- scenario files

  // ---- expressions

  // ---- experiments and output
} as const;
