// docs/policies.md keeps up with the built-in policy modules: a section per module (in the report's order), every
// parameter in its table with the schema's default and allowed range, every metric, and a row in the closing table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PolicyModule } from '../src/core/policy.js';
import { builtinPolicies } from '../src/policies/index.js';

const doc = readFileSync(new URL('../docs/policies.md', import.meta.url), 'utf8');
const modules = Object.entries(builtinPolicies) as [string, PolicyModule][];

/** The document cut at its level-2 headings; each piece starts with its heading line. */
const sections = doc.split(/^(?=## )/m).filter((s) => s.startsWith('## '));
const heading = (section: string) => section.slice(0, section.indexOf('\n'));
/** The section whose heading names the type in backticks. */
const sectionOf = (type: string) => sections.find((s) => heading(s).includes('`' + type + '`'));

interface Param {
  /** `key`, `parent.key` for a nested object, `list[].key` for the items of a list of objects. */
  path: string;
  /** The schema without its default/optional/transform wrappers. */
  inner: z.ZodType;
  hasDefault: boolean;
  defaultValue: unknown;
  optional: boolean;
}

/** Strips default, optional and transform wrappers (policyParam is a pipe from number-or-detailed-form). */
function unwrap(schema: z.ZodType): { inner: z.ZodType; hasDefault: boolean; defaultValue: unknown; optional: boolean } {
  let s = schema;
  let hasDefault = false;
  let defaultValue: unknown;
  let optional = false;
  for (;;) {
    if (s instanceof z.ZodDefault) {
      if (!hasDefault) defaultValue = (s.def as { defaultValue: unknown }).defaultValue;
      hasDefault = true;
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodOptional) {
      optional = true;
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return { inner: s, hasDefault, defaultValue, optional };
  }
}

/** Every parameter path of an object schema, nested objects and lists of objects included. */
function paramsOf(shape: Record<string, z.ZodType>, prefix = ''): Param[] {
  return Object.entries(shape).flatMap(([key, schema]) => {
    const path = prefix + key;
    const u = unwrap(schema);
    const own: Param = { path, ...u };
    if (u.inner instanceof z.ZodObject) return [own, ...paramsOf(u.inner.shape as Record<string, z.ZodType>, path + '.')];
    if (u.inner instanceof z.ZodArray) {
      const item = unwrap(u.inner.element as z.ZodType).inner;
      if (item instanceof z.ZodObject) return [own, ...paramsOf(item.shape as Record<string, z.ZodType>, path + '[].')];
    }
    return [own];
  });
}

/** The number a parameter holds: a plain number, or the number of a policyParam's number-or-detailed-form union. */
function numberOf(schema: z.ZodType): z.ZodNumber | undefined {
  if (schema instanceof z.ZodNumber) return schema;
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).find((o): o is z.ZodNumber => o instanceof z.ZodNumber);
  return undefined;
}

/** The allowed range as the document writes it: "0–1", "≥ 0", "any", "integer 1900–2200". */
function rangeText(n: z.ZodNumber): string {
  const min = n.minValue ?? -Infinity;
  const max = n.maxValue ?? Infinity;
  const span = min === -Infinity && max === Infinity ? 'any' : max === Infinity ? `≥ ${min}` : min === -Infinity ? `≤ ${max}` : `${min}–${max}`;
  return n.isInt ? `integer ${span}` : span;
}

/** The rows of the section's parameter table (header `| parameter | default | range | meaning |`), by path. */
function parameterRows(section: string): Map<string, string[]> {
  const lines = section.split('\n');
  const start = lines.findIndex((l) => /^\|\s*parameter\s*\|\s*default\s*\|\s*range\s*\|\s*meaning\s*\|/.test(l));
  const rows = new Map<string, string[]>();
  if (start < 0) return rows;
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const key = /^`([^`]+)`$/.exec(cells[0]);
    if (key) rows.set(key[1], cells);
  }
  return rows;
}

/** Numbers written in a cell: "2,000,000" → 2000000, "-1.5" → −1.5. */
const numbersIn = (cell: string) => (cell.replace(/,/g, '').match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);

describe('docs/policies.md', () => {
  it('has the general section on how policies work', () => {
    expect(sections.some((s) => /How policies work/.test(heading(s)))).toBe(true);
    for (const term of ['awareness', 'budget', 'effective talent', 'policies.csv', 'summary.csv', '`costCumulative`', 'random stream'])
      expect(doc.toLowerCase()).toContain(term.toLowerCase());
  });

  it("has a section for every module, in the order of builtinPolicies (the report's order)", () => {
    const at = modules.map(([type]) => sections.findIndex((s) => heading(s).includes('`' + type + '`')));
    expect(
      at.every((k) => k >= 0),
      `sections: ${modules.map(([t], k) => `${t}@${at[k]}`).join(', ')}`,
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  describe.each(modules)('`%s`', (type, module) => {
    const section = sectionOf(type) ?? '';
    const params = paramsOf(module.params.shape as Record<string, z.ZodType>);
    const rows = parameterRows(section);

    it('has its own section, headed by its type in backticks, naming its report section', () => {
      expect(section, `no "## … \`${type}\` …" heading`).not.toBe('');
      expect(section).toContain(module.report);
    });

    it.each(params.map((p) => p.path))('documents parameter `%s` in its section, in its parameter table', (path) => {
      expect(section).toContain('`' + path + '`');
      expect(doc).toContain('`' + path + '`');
      expect(rows.has(path), `no row "| \`${path}\` | … |" in the parameter table of ${type}`).toBe(true);
    });

    it("gives each numeric parameter the schema's default and allowed range, and marks required ones", () => {
      for (const p of params) {
        const cells = rows.get(p.path);
        if (!cells) continue; // reported by the test above
        const [, defaultCell, rangeCell] = cells;
        if (!p.hasDefault && !p.optional) expect(defaultCell, `${type}.${p.path}: default`).toMatch(/required/);
        const n = numberOf(p.inner);
        if (!n) continue;
        if (p.hasDefault) expect(numbersIn(defaultCell), `${type}.${p.path}: default cell "${defaultCell}"`).toContain(p.defaultValue as number);
        expect(rangeCell, `${type}.${p.path}: range cell`).toContain(rangeText(n));
      }
    });

    it('documents no parameter the module does not have', () => {
      const known = new Set(params.map((p) => p.path));
      expect([...rows.keys()].filter((path) => !known.has(path))).toEqual([]);
    });

    it.each([...module.metrics])('documents metric `%s`', (metric) => {
      expect(section).toContain('`' + metric + '`');
      expect(doc).toContain('`' + metric + '`');
    });
  });

  it('lists every module, its report section and its scenario in the closing table', () => {
    const summary = sections.find((s) => /Summary/.test(heading(s))) ?? '';
    expect(summary).not.toBe('');
    for (const [type, module] of modules) {
      const row = summary.split('\n').find((l) => l.startsWith('| `' + type + '` |'));
      expect(row, `no row for ${type}`).toBeDefined();
      expect(row).toContain(module.report);
      expect(row).toMatch(/`[\w-]+\.yaml`/);
    }
  });
});
