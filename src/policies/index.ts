// The built-in policy modules, one per recommendation of the report (part 三), in a typed table: a type without a module does not compile.
import type { PolicyModule } from '../core/policy.js';
import { enclave } from './enclave.js';
import { flexibleHiring } from './flexible-hiring.js';
import { subsidy } from './subsidy.js';

export const builtinPolicies = {
  subsidy,
  'flexible-hiring': flexibleHiring,
  enclave,
} satisfies Record<string, PolicyModule>;
export type BuiltinPolicyType = keyof typeof builtinPolicies;
