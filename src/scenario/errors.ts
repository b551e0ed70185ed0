// Errors outside the scenario (a missing file, an unwritable folder, a bad option), and the scenario errors of the core.
export { didYouMean, formatIssue, formatPath, ScenarioError, unknownNameHint, type FieldPath, type ScenarioIssue } from '../core/errors.js';

/** Thrown for a usage problem outside the scenario (missing file, unwritable folder, bad option). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
