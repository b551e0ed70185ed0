// Loading scenario files: extends and merging, and errors that name the file, line, column, field and fix.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, type ScenarioIssue } from '../../src/core/errors.js';
import { UsageError } from '../../src/core/errors.js';
import { loadScenarioSync, mergeScenario } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { scenarioJsonSchemaText, schemaFile } from '../../src/scenario/write-json-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'sim-load-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const issuesOf = (name: string): ScenarioIssue[] => {
  try {
    loadScenarioSync(name, { cwd: dir });
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  throw new Error(`${name} loaded without error`);
};

describe('extends', () => {
  it("inherits the baseline and overrides one location's field by id, keeping the rest", () => {
    write('richer.yaml', 'extends: baseline.yaml\ndescription: richer Bazhong\nlocations:\n  - id: bazhong\n    wage: { top: 300000 }\n');
    const { scenario, resolved } = loadScenarioSync('richer.yaml', { cwd: dir });
    const base = loadScenarioSync('baseline.yaml').resolved;
    expect(scenario.name).toBe('richer');
    expect(resolved.locations[resolved.homeIndex].wage[0]).toBe(300000);
    expect(resolved.locations[resolved.homeIndex].wage[1]).toBe(base.locations[base.homeIndex].wage[1]);
    expect(resolved.locations.map((l) => l.id)).toEqual(base.locations.map((l) => l.id));
    expect(resolved.populations.length).toBe(base.populations.length);
  });

  it('merges lists by id or name, appends new items and replaces plain lists', () => {
    const merged = mergeScenario(
      {
        name: 'base',
        items: [
          { id: 'a', x: 1, y: 2 },
          { id: 'b', x: 3 },
        ],
        months: [1, 2],
      },
      {
        items: [
          { id: 'b', x: 4 },
          { id: 'c', x: 5 },
        ],
        months: [7],
      },
    );
    expect(merged).toEqual({
      items: [
        { id: 'a', x: 1, y: 2 },
        { id: 'b', x: 4 },
        { id: 'c', x: 5 },
      ],
      months: [7],
    });
  });

  it('refuses a cycle of extends', () => {
    write('loop-a.yaml', 'extends: loop-b.yaml\n');
    write('loop-b.yaml', 'extends: loop-a.yaml\n');
    expect(() => loadScenarioSync('loop-a.yaml', { cwd: dir })).toThrow(/extends itself/);
  });
});

describe('errors point at the file, line and field, and say how to fix it', () => {
  it('a misspelt key: unknown field, with "did you mean"', () => {
    write('typo.yaml', 'extends: baseline.yaml\nlocations:\n  - id: bazhong\n    wgae: { top: 1 }\n');
    const [issue] = issuesOf('typo.yaml');
    expect(issue).toMatchObject({ line: 4, column: 5, path: ['locations', 0, 'wgae'], message: 'unknown field "wgae"', hint: 'did you mean "wage"?' });
    expect(issue.file).toBe(join(dir, 'typo.yaml'));
  });

  it('a wrong type names what was expected and what was found', () => {
    write('type.yaml', 'extends: baseline.yaml\nrun:\n  years: ten\n');
    const [issue] = issuesOf('type.yaml');
    expect(issue).toMatchObject({ line: 3, path: ['run', 'years'] });
    expect(issue.message).toBe('expected a number, got the text "ten"');
  });

  it('an out-of-range value gives the bound', () => {
    write('range.yaml', 'extends: baseline.yaml\ntaste:\n  sd: -1\n');
    const [issue] = issuesOf('range.yaml');
    expect(issue).toMatchObject({ line: 3, path: ['taste', 'sd'] });
    expect(issue.message).toMatch(/-1 is out of range: must be at least 0/);
  });

  it('a value outside its own uncertainty range is caught', () => {
    write('own-range.yaml', 'extends: baseline.yaml\nhazard:\n  perYear:\n    top: { value: 0.5, range: [0.01, 0.1] }\n');
    const [issue] = issuesOf('own-range.yaml');
    expect(issue).toMatchObject({ line: 4, path: ['hazard', 'perYear', 'top', 'value'] });
    expect(issue.message).toMatch(/outside its own range/);
  });

  it('an unknown tier in a cross-reference suggests the right id', () => {
    write('ref.yaml', 'extends: baseline.yaml\ntopTiers: [tpo]\n');
    const [issue] = issuesOf('ref.yaml');
    expect(issue).toMatchObject({ line: 2, path: ['topTiers', 0], message: 'unknown tier "tpo"', hint: 'did you mean "top"?' });
  });

  it('an unknown utility term suggests a known one', () => {
    write('term.yaml', 'extends: baseline.yaml\nutility:\n  incmoe: { coefficient: 1 }\n');
    const [issue] = issuesOf('term.yaml');
    expect(issue).toMatchObject({ line: 3, path: ['utility', 'incmoe'], hint: 'did you mean "income"?' });
  });

  it('a YAML syntax error gives its line', () => {
    write('syntax.yaml', 'name: x\nrun:\n  years: [1, 2\n');
    const [issue] = issuesOf('syntax.yaml');
    expect(issue.message).toMatch(/^YAML syntax error/);
    expect(issue.line).toBeGreaterThanOrEqual(3);
  });

  it('a missing section is named', () => {
    write('bare.yaml', 'name: bare\n');
    const messages = issuesOf('bare.yaml').map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('locations: missing required field (expected a list)');
  });

  it('a missing file is a usage error that lists what exists', () => {
    expect(() => loadScenarioSync('basline.yaml', { cwd: dir })).toThrow(UsageError);
    expect(() => loadScenarioSync('basline.yaml', { cwd: dir })).toThrow(/did you mean "baseline.yaml"/);
  });
});

describe('JSON Schema for editors', () => {
  it('the committed schema/scenario.schema.json is the one generated from the declaration (run `npm run schema`)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(scenarioJsonSchemaText());
  });
  it('every scenario file points to it', () => {
    for (const file of ['baseline.yaml'])
      expect(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8')).toMatch(
        /^# yaml-language-server: \$schema=\.\.\/schema\/scenario\.schema\.json/,
      );
  });
});

describe('extends: replacing and removing', () => {
  it('a parameter given as {value} replaces the inherited one with its range', () => {
    write('raise.yaml', 'extends: baseline.yaml\nlocations:\n  - id: bazhong\n    wage:\n      top: { value: 320000 }\n');
    const { resolved } = loadScenarioSync('raise.yaml', { cwd: dir });
    expect(resolved.locations[resolved.homeIndex].wage[0]).toBe(320000);
    expect(resolved.assumptions.some((a) => a.path.join('.') === 'locations.0.wage.top')).toBe(false);
  });

  it('an item with remove: true deletes the inherited item of that name', () => {
    write('fewer.yaml', 'extends: baseline.yaml\nentries:\n  - { name: "graduates of Bazhong\'s colleges", remove: true }\n');
    const { resolved } = loadScenarioSync('fewer.yaml', { cwd: dir });
    const base = loadScenarioSync('baseline.yaml').resolved;
    expect(resolved.entries.map((e) => e.name)).toEqual(base.entries.map((e) => e.name).filter((n) => n !== "graduates of Bazhong's colleges"));
  });

  it('a population name used twice is an error', () => {
    write(
      'twice.yaml',
      'extends: baseline.yaml\npopulations:\n  - { name: extra, location: bazhong, count: 1, native: 1, tiers: { top: 1 }, industries: { public: 1 }, family: { single: 1 }, age: { min: 30, max: 40 } }\n',
    );
    const { scenario } = loadScenarioSync('twice.yaml', { cwd: dir });
    expect(scenario.populations.at(-1)?.name).toBe('extra');
    const issues = (() => {
      try {
        resolveScenario({ ...scenario, populations: [...scenario.populations, scenario.populations.at(-1)!] });
      } catch (error) {
        return (error as ScenarioError).issues;
      }
      return [];
    })();
    expect(issues.map((i) => i.message)).toContain('the name "extra" is used twice in populations');
  });
});
