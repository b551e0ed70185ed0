// The documented limits on what the simulator accepts (README "Limits", docs/scenarios.md): past one, a run is
// refused at once with a message saying the limit and how to stay within it, instead of running out of memory or
// time later. Browser-safe.

export const LIMITS = {
  // ---- scenario files

  // ---- expressions
  /** Characters in one expression term (`terms[k].expr`): a formula longer than this belongs in a TypeScript term. */
  expressionLength: 1000,

  // ---- experiments and output
} as const;
