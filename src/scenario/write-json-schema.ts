// Writes schema/scenario.schema.json from the scenario declaration (`npm run schema`), so editors check YAML files as they are typed.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { builtinPolicies } from '../policies/index.js';
import { dropRequired, policyCommonFields, scenarioJsonSchema } from './schema.js';

export const schemaFile = fileURLToPath(new URL('../../schema/scenario.schema.json', import.meta.url));

/** The committed file's exact text: the generated schema, pretty-printed, with a trailing newline. */
export function scenarioJsonSchemaText(): string {
  const schema = { title: 'Bazhong talent simulator scenario', ...scenarioJsonSchema() } as unknown as { properties: Record<string, { items?: unknown }> };
  // Each policy entry is checked against its own module's parameters, chosen by `type`.
  schema.properties.policies.items = {
    anyOf: Object.values(builtinPolicies).map((module) => {
      const entry = z.strictObject({ ...policyCommonFields, ...module.params.shape, type: z.literal(module.type).describe(module.title) });
      const { $schema: _drop, ...json } = dropRequired(z.toJSONSchema(entry, { io: 'input', unrepresentable: 'any' }));
      return { title: module.title, description: module.mechanism, ...json };
    }),
  };
  return JSON.stringify(schema, null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(schemaFile, scenarioJsonSchemaText());
  console.log(`wrote ${schemaFile}`);
}
