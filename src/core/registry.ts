// The open registry of utility terms and policy modules a scenario may name: the built-ins, plus what plugins add.
import type { PolicyModule } from './policy.js';
import { builtinTerms, type UtilityTerm } from './terms.js';
import { builtinPolicies } from '../policies/index.js';

export class Registry {
  private readonly terms = new Map<string, UtilityTerm>(Object.entries(builtinTerms));
  private readonly policies = new Map<string, PolicyModule>(Object.entries(builtinPolicies) as [string, PolicyModule][]);

  /** Adds (or replaces) a utility term or a policy module. */
  register(item: UtilityTerm | PolicyModule): this {
    if ('create' in item) this.policies.set(item.type, item as PolicyModule);
    else this.terms.set(item.name, item);
    return this;
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

  /** Whether everything registered is built in, so that worker threads can rebuild it by name. */
  builtinOnly(): boolean {
    return [...this.terms].every(([name, term]) => builtinTerms[name as keyof typeof builtinTerms] === term) && [...this.policies].every(([type, module]) => (builtinPolicies as Record<string, PolicyModule>)[type] === module);
  }
}

export const defaultRegistry = (): Registry => new Registry();
