// Reads a scenario file from disk (Node only): finds it, parses the YAML, follows `extends`, validates and resolves.
// PLACEHOLDER SIGNATURES — the implementation is being written; code against these.
import type { Scenario } from './schema.js';
import type { ResolvedScenario } from './resolve.js';
import type { TermRegistry } from '../core/terms.js';

export interface LoadedScenario {
  /** Absolute path of the file that was read. */
  file: string;
  /** The validated scenario after `extends` is applied: plain data, safe to send to a worker thread. */
  scenario: Scenario;
  resolved: ResolvedScenario;
}

/** Finds `name` in the working directory, then in the package's scenarios/ folder; throws UsageError if absent. */
export declare function findScenarioFile(name: string, cwd?: string): string;

/** Loads, validates and resolves a scenario; throws ScenarioError (with file, line, column) or UsageError. */
export declare function loadScenario(name: string, options?: { cwd?: string; terms?: TermRegistry }): LoadedScenario;
