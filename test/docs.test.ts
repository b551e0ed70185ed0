// The documentation keeps up with the code: every scenario field is described in docs/scenarios.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../src/scenario/schema.js';

/** Every property name anywhere in a JSON Schema. */
function propertyNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => propertyNames(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') Object.keys(value).forEach((name) => out.add(name));
      propertyNames(value, out);
    }
  }
  return out;
}

describe('docs/scenarios.md', () => {
  const guide = readFileSync(new URL('../docs/scenarios.md', import.meta.url), 'utf8');
  const fields = [...propertyNames(scenarioJsonSchema())].filter((name) => name !== '$schema');
  it('the schema has the fields we expect to document', () => expect(fields.length).toBeGreaterThan(50));
  it.each(fields)('describes `%s`', (field) => expect(guide).toContain('`' + field + '`'));
});
