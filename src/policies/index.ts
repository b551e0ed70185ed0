// The built-in policy modules, one per recommendation of the report (part 三), in a typed table: a type without a module does not compile.
import type { PolicyModule } from '../core/policy.js';
import { career } from './career.js';
import { enclave } from './enclave.js';
import { flexibleHiring } from './flexible-hiring.js';
import { hometown } from './hometown.js';
import { industryProgram } from './industry-program.js';
import { integration } from './integration.js';
import { marketRecruitment } from './market-recruitment.js';
import { platforms } from './platforms.js';
import { publicity } from './publicity.js';
import { remote } from './remote.js';
import { services } from './services.js';
import { subsidy } from './subsidy.js';
import { training } from './training.js';

/** Every built-in module by the `type` a scenario names, in the order of the report. */
export const builtinPolicies = {
  subsidy,
  publicity,
  'industry-program': industryProgram,
  'flexible-hiring': flexibleHiring,
  enclave,
  remote,
  'market-recruitment': marketRecruitment,
  hometown,
  training,
  services,
  platforms,
  integration,
  career,
} satisfies Record<string, PolicyModule>;
export type BuiltinPolicyType = keyof typeof builtinPolicies;
