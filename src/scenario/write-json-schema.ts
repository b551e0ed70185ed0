// Writes schema/scenario.schema.json from the scenario declaration (`npm run schema`), so editors check YAML files as they are typed.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from './schema.js';

export const schemaFile = fileURLToPath(new URL('../../schema/scenario.schema.json', import.meta.url));

/** The committed file's exact text: the generated schema, pretty-printed, with a trailing newline. */
export function scenarioJsonSchemaText(): string {
  const schema = { title: 'Bazhong talent simulator scenario', ...scenarioJsonSchema() };
  return JSON.stringify(schema, null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(schemaFile, scenarioJsonSchemaText());
  console.log(`wrote ${schemaFile}`);
}
