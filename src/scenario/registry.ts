// The open registry of utility terms and policy modules a scenario may name: the built-ins, plus what plugins add.
import type { PolicyModule } from '../core/policy.js';
import type { Origin } from '../core/scenario.js';
import { builtinTerms, type UtilityTerm } from '../core/terms.js';
import { builtinPolicies } from '../policies/index.js';

export type { Origin };

export class Registry {
  private readonly terms = new Map<string, UtilityTerm>(Object.entries(builtinTerms));
  private readonly policies = new Map<string, PolicyModule>(Object.entries(builtinPolicies) as [string, PolicyModule][]);
  private readonly origins = new Map<UtilityTerm | PolicyModule, Origin>();

  /** Adds (or replaces) a utility term or a policy module; `plugin` is the file it came from, if any. */
  register(item: UtilityTerm | PolicyModule, plugin?: string): this {
    if ('create' in item) this.policies.set(item.type, item as PolicyModule);
    else this.terms.set(item.name, item);
    this.origins.set(item, plugin ? { plugin } : 'code');
    return this;
  }

  /** Where a registered term or module comes from. */
  origin(item: UtilityTerm | PolicyModule): Origin {
    return this.origins.get(item) ?? 'builtin';
  }

  term(name: string): UtilityTerm | undefined {
    return this.terms.get(name);
  }

  termNames(): string[] {
    return [...this.terms.keys()];
  }

  policy(type: string): PolicyModule | undefined {
    return this.policies.get(type);
  }

  policyTypes(): string[] {
    return [...this.policies.keys()];
  }
}

export const defaultRegistry = (): Registry => new Registry();
