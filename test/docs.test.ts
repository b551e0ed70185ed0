// The documentation keeps up with the code: every scenario field is described, and the tick's phases and hooks are as the model runs them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PHASES } from '../src/core/phases.js';
import { findFactor } from '../src/experiments/paths.js';
import { loadScenarioSync } from '../src/scenario/load.js';
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

describe('the phases of a tick, as PHASES declares them (src/core/phases.ts)', () => {
  const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
  const names = PHASES.map((p) => p.name);
  /** The `N. **name**` items of the first numbered list after a heading. */
  const numberedPhases = (text: string, heading: string) => {
    const section = text.slice(text.indexOf(heading));
    return [...section.matchAll(/^(\d+)\. \*\*(\w+)\*\*/gm)]
      .map((m) => ({ n: Number(m[1]), name: m[2] }))
      .filter((item, k, all) => all.slice(0, k + 1).every((x, j) => x.n === j + 1));
  };

  it('src/core/model.ts states the order in its opening comment', () => {
    expect(read('../src/core/model.ts')).toContain(names.join(' → '));
  });

  it('docs/extending.md lists the phases in order', () => {
    expect(numberedPhases(read('../docs/extending.md'), '### What happens in a tick').map((p) => p.name)).toEqual(names);
  });

  it('docs/extending.md gives the hooks phase by phase, as the model calls them', () => {
    const line = PHASES.map((p) => `**${p.name}**: ${p.hooks.map((h) => '`' + h + '`').join(' → ')}`).join(' · ');
    const marked = read('../docs/extending.md').match(/<!-- phase-hooks -->\n(.*)\n<!-- \/phase-hooks -->/);
    expect(marked?.[1]).toBe(line);
  });

  it('docs/extending.md names, for every hook, each phase that calls it', () => {
    const table = read('../docs/extending.md');
    for (const hook of new Set(PHASES.flatMap((p) => p.hooks))) {
      const row = table.split('\n').find((l) => new RegExp(`^\\| \`${hook}[\`(]`).test(l));
      expect(row, `a row for ${hook} in the table of hooks`).toBeDefined();
      for (const phase of PHASES.filter((p) => (p.hooks as readonly string[]).includes(hook)))
        expect(row, `${hook} runs in the ${phase.name} phase`).toContain(`**${phase.name}**`);
    }
  });

  it('docs/model-odd.md §3 lists the phases in order', () => {
    expect(numberedPhases(read('../docs/model-odd.md'), '### 3 Process overview and scheduling').map((p) => p.name)).toEqual(names);
  });
});

describe('values of the baseline quoted in the docs, written `path` = value', () => {
  const { scenario } = loadScenarioSync('baseline.yaml');
  const claims = (text: string) =>
    [...text.matchAll(/`([a-zA-Z][\w-]*(?:\.[\w-]+|\[[^\]`]+\])+)` = (−|-)?(\d[\d,]*(?:\.\d+)?)/g)].map((m) => ({
      path: m[1],
      value: (m[2] ? -1 : 1) * Number(m[3].replace(/,/g, '')),
    }));
  const docs = ['../docs/model-odd.md'];
  for (const doc of docs) {
    const found = claims(readFileSync(new URL(doc, import.meta.url), 'utf8'));
    it(`${doc} quotes some`, () => expect(found.length).toBeGreaterThan(10));
    it.each(found.map((c) => [c.path, c.value] as const))(`${doc}: %s = %s, as in scenarios/baseline.yaml`, (path, value) =>
      expect(findFactor(scenario, path).base).toBe(value),
    );
  }
});
