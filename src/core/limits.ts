// The documented limits on what the simulator accepts (README "Limits", docs/scenarios.md): past one, a run is
// refused at once with a message saying the limit and how to stay within it, instead of running out of memory or
// time later. Browser-safe.

export const LIMITS = {
  // ---- scenario files

  // ---- expressions

  // ---- experiments and output
  /** An output folder's name, in UTF-8 bytes: the file system's 255 less the 12 of `.tmp-<pid>` (pids have up to 7 digits). */
  outputNameBytes: 243,
  /** An output folder's whole path, in UTF-8 bytes: PATH_MAX 4096 less its terminating byte and the 12 of `.tmp-<pid>`. */
  outputPathBytes: 4083,
} as const;
