// Policy modules: what a module is made of (the contract, in scenario.ts) and the helpers a module file uses.
// A module is one file exporting a `PolicyModule` built with `definePolicy`; the scenario switches it on under
// `policies:`. A module changes behaviour only through its mechanism — a utility term, job capacity or platforms, a
// job chance, a direct action such as an upgrade or a part-time engagement — and reports what it spent and did each
// year. When the model calls each of its hooks is listed, phase by phase, in phases.ts.
import type { z } from 'zod';
import type { Audience, FteComponent, PolicyModule } from './scenario.js';

export type { Audience, Eligibility, FteComponent, PolicyHost, PolicyModule, PolicyProblem, PolicyRuntime, PolicySpec } from './scenario.js';

/** Where a participant's work for the home city counts in effective talent, in the order of the FTE metrics. */
export const FTE_COMPONENTS = ['flexible', 'enclave', 'remote'] as const satisfies readonly FteComponent[];

/** The audiences who hear of a policy, in the order of every per-audience array. */
export const AUDIENCES = ['residents', 'diaspora', 'others'] as const satisfies readonly Audience[];

/** Builds a module with its parameter type inferred from its schema. */
export function definePolicy<Schema extends z.ZodObject>(module: PolicyModule<Schema>): PolicyModule<Schema> {
  return module;
}
