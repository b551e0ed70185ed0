// Errors outside the scenario: a missing file, an unwritable folder, a bad option (the scenario's own are in src/core/errors.ts).

/** Thrown for a usage problem outside the scenario (missing file, unwritable folder, bad option). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
