// Loading scenario files: extends and merging, and errors that name the file, line, column, field and fix.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCollection, isPair, parseDocument, visit } from 'yaml';
import { formatIssue, ScenarioError, type ScenarioIssue } from '../../src/core/errors.js';
import { UsageError } from '../../src/core/errors.js';
import { LIMITS } from '../../src/core/limits.js';
import { findScenarioFile, listScenarios, loadScenarioSync, mergeScenario, packageScenarios } from '../../src/scenario/load.js';
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

/** The problem a load gives, whatever its kind: a ScenarioError's issues formatted, or a UsageError's message. */
const problemOf = (name: string): string => {
  try {
    loadScenarioSync(name, { cwd: dir });
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues.map(formatIssue).join('\n');
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`${name} loaded without error`);
};

describe('the documented limits (LIMITS, scenario files)', () => {
  /** The deepest nesting of lists and mappings and the number of values of a parsed file, counted as the loader counts them. */
  const measure = (text: string) => {
    let depth = 0;
    let nodes = 0;
    visit(parseDocument(text), (_key, node, path) => {
      if (isPair(node)) return;
      nodes++;
      if (isCollection(node)) depth = Math.max(depth, path.filter(isCollection).length + 1);
    });
    return { depth, nodes };
  };

  it('stand far above every shipped scenario', () => {
    for (const file of listScenarios()) {
      const text = readFileSync(join(packageScenarios, file), 'utf8');
      const { depth, nodes } = measure(text);
      expect(Buffer.byteLength(text) * 20, file).toBeLessThan(LIMITS.scenarioBytes);
      expect(depth * 4, file).toBeLessThanOrEqual(LIMITS.scenarioDepth);
      expect(nodes * 20, file).toBeLessThan(LIMITS.scenarioNodes);
      const policies = (parseDocument(text).toJS() as { policies?: unknown[] }).policies ?? [];
      expect(policies.length * 20, file).toBeLessThan(LIMITS.scenarioPolicies);
    }
  });

  it('a file over the size limit is refused before it is read, however it starts', () => {
    write('huge.yaml', 'extends: baseline.yaml\n' + 'x'.repeat(LIMITS.scenarioBytes));
    expect(problemOf('huge.yaml')).toMatch(/huge\.yaml: the file is 1,001 kB, more than the limit of 1,000 kB/);
  });

  it('a file at the depth limit loads; one level more is refused at the level past it', () => {
    // A run field nested as a mapping 32 deep is an unknown field, not a depth problem.
    const nested = (levels: number) => 'extends: baseline.yaml\nrun:\n  years: ' + '['.repeat(levels - 2) + ']'.repeat(levels - 2) + '\n';
    write('deep-ok.yaml', nested(LIMITS.scenarioDepth));
    expect(problemOf('deep-ok.yaml')).toMatch(/run\.years: expected a number, got a list of 1/);
    write('deep-no.yaml', nested(LIMITS.scenarioDepth + 1));
    expect(problemOf('deep-no.yaml')).toMatch(/deep-no\.yaml:3:40: the file nests lists and mappings more than 32 levels deep/);
  });

  it('brackets inside quotes and comments are not counted as nesting', () => {
    write('quoted.yaml', `extends: baseline.yaml\ndescription: "${'['.repeat(100)}"\n# ${'{'.repeat(100)}\nname: 'it''s [[[[ fine'\n`);
    expect(loadScenarioSync('quoted.yaml', { cwd: dir }).scenario.name).toBe("it's [[[[ fine");
  });

  it('an alias bomb is refused at its first alias', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const name of 'bcdef')
      levels.push(
        `${name}: &${name} [${Array(10)
          .fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`)
          .join(', ')}]`,
      );
    write('bomb.yaml', 'extends: baseline.yaml\n' + levels.join('\n') + '\n');
    expect(problemOf('bomb.yaml')).toMatch(/bomb\.yaml:3:8: the file's YAML aliases \(\*name\) expand to too many values \(more than the limit of 100\)/);
  });

  it('a few aliases are fine', () => {
    write('alias.yaml', 'extends: baseline.yaml\ntopTiers: &top [top]\nrecruitedTiers: *top\n');
    expect(loadScenarioSync('alias.yaml', { cwd: dir }).scenario.recruitedTiers).toEqual(['top']);
  });

  it('more policies than the limit are refused with the count, in the file that lists them, before merging', () => {
    write('policies-ok.yaml', 'extends: baseline.yaml\npolicies:\n' + '  - type: subsidy\n'.repeat(LIMITS.scenarioPolicies));
    expect(loadScenarioSync('policies-ok.yaml', { cwd: dir }).resolved.policies).toHaveLength(LIMITS.scenarioPolicies);
    write('policies-no.yaml', 'extends: baseline.yaml\npolicies:\n' + '  - type: subsidy\n'.repeat(LIMITS.scenarioPolicies + 1));
    expect(problemOf('policies-no.yaml')).toMatch(/policies-no\.yaml:2:1: policies: the scenario lists 101 policies, more than the limit of 100/);
  });

  it('merged policies over the limit are refused too, where the merged list is', () => {
    const named = (from: number) => Array.from({ length: 60 }, (_, i) => `  - { type: subsidy, name: s${from + i} }\n`).join('');
    write('sixty-a.yaml', 'extends: baseline.yaml\npolicies:\n' + named(0));
    write('sixty-b.yaml', 'extends: sixty-a.yaml\npolicies:\n' + named(60));
    expect(problemOf('sixty-b.yaml')).toMatch(/sixty-b\.yaml:2:1: policies: the scenario lists 120 policies, more than the limit of 100/);
  });
});

describe('files that are not scenario files', () => {
  it('an empty file, or one of comments, says so and what to write', () => {
    write('blank.yaml', '\n\n');
    write('remarks.yaml', '# to do\n');
    for (const name of ['blank.yaml', 'remarks.yaml']) {
      const problem = problemOf(name);
      expect(problem).toMatch(new RegExp(`${name.replace('.', '\\.')}: the file is empty`));
      expect(problem).toContain('fix: write `extends: baseline.yaml`');
      expect(problem).not.toContain('missing required field');
    }
  });

  it('a folder is named as a folder, and a file of its name with .yaml is preferred', () => {
    mkdirSync(join(dir, 'plans'), { recursive: true });
    expect(problemOf('plans')).toMatch(/plans is a folder, not a scenario file/);
    write('plans.yaml', 'extends: baseline.yaml\n');
    expect(loadScenarioSync('plans', { cwd: dir }).file).toBe(join(dir, 'plans.yaml'));
  });

  it('a device and a named pipe are named as such, and the pipe is not read (which would wait for ever)', () => {
    expect(() => findScenarioFile('/dev/null')).toThrow(/\/dev\/null is a device, not a scenario file/);
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(() => findScenarioFile('pipe.yaml', dir)).toThrow(/pipe\.yaml is a named pipe \(FIFO\), not a scenario file/);
  });

  it('a misspelt shipped scenario is found without its .yaml, or with another extension', () => {
    for (const name of ['basline', 'baseline.yml', 'basline.yaml']) expect(() => findScenarioFile(name, dir)).toThrow(/did you mean "baseline\.yaml"\?/);
  });

  it('a problem with an extends entry is placed at that entry, in the file that has it', () => {
    mkdirSync(join(dir, 'base-folder.yaml'), { recursive: true });
    write('on-folder.yaml', 'description: x\nextends: [baseline.yaml, base-folder.yaml]\n');
    expect(problemOf('on-folder.yaml')).toMatch(/on-folder\.yaml:2:26: extends\[1\]: scenario .*base-folder\.yaml is a folder/);
  });
});

describe('keys that could reach a prototype', () => {
  it('a __proto__ key is refused at its line, as a field that is not allowed', () => {
    write('proto.yaml', 'extends: baseline.yaml\nlocations:\n  - id: bazhong\n    __proto__: { wage: 1 }\n');
    expect(problemOf('proto.yaml')).toMatch(/proto\.yaml:4:5: "__proto__" is not allowed as a field name\n {4}fix: remove it/);
  });

  it('merging keeps __proto__, constructor and prototype as own fields, and pollutes nothing', () => {
    const over = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"x": 1}, "prototype": 2, "run": {"__proto__": {"p": 1}}}') as Record<
      string,
      unknown
    >;
    const merged = mergeScenario({ run: { years: 1 }, constructor: { y: 2 } }, over);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged).sort()).toEqual(['__proto__', 'constructor', 'prototype', 'run']);
    expect((merged as { polluted?: unknown }).polluted).toBeUndefined();
    expect(merged.constructor).toEqual({ y: 2, x: 1 });
    expect(Object.keys(merged.run as object)).toEqual(['years', '__proto__']);
    expect(({} as { polluted?: unknown; p?: unknown }).polluted ?? ({} as { p?: unknown }).p).toBeUndefined();
  });

  it('merging long lists by id is linear: 20,000 items merge at once', () => {
    const items = (n: number, x: number) => Array.from({ length: n }, (_, i) => ({ id: `i${i}`, x }));
    const started = Date.now();
    const merged = mergeScenario({ items: items(20000, 1) }, { items: [...items(20000, 2), { id: 'i5', remove: true }] });
    expect(Date.now() - started).toBeLessThan(1000);
    expect((merged.items as unknown[]).length).toBe(19999);
  });
});

describe('names and texts', () => {
  it('a control character in a name or label is an error at its field, naming the character', () => {
    write('bell.yaml', 'extends: baseline.yaml\nname: "a\\ab"\ntiers:\n  - id: top\n    labelEn: "Top\\ttalent"\n');
    const issues = issuesOf('bell.yaml');
    expect(issues.map((i) => [i.path.join('.'), i.line, i.message])).toEqual([
      ['name', 2, 'the text holds the control character U+0007 (bell) at character 2'],
      ['tiers.0.labelEn', 5, 'the text holds the control character U+0009 (tab) at character 4'],
    ]);
    expect(issues[0].hint).toMatch(/printable characters only, on one line/);
  });

  it('a C1 control character and DEL are refused too; printable Unicode is fine', () => {
    write('c1.yaml', 'extends: baseline.yaml\nname: "a\\x85b"\npolicies:\n  - { type: subsidy, name: "x\\x7f" }\n');
    expect(issuesOf('c1.yaml').map((i) => i.message)).toEqual([
      'the text holds the control character U+0085 at character 2',
      'the text holds the control character U+007F (delete) at character 2',
    ]);
    write('unicode.yaml', 'extends: baseline.yaml\nname: "巴中 — better schools ✓"\n');
    expect(loadScenarioSync('unicode.yaml', { cwd: dir }).scenario.name).toBe('巴中 — better schools ✓');
  });

  it('a character XML cannot hold (U+FFFE, U+FFFF, half a surrogate pair) is refused in any text; a whole pair is fine', () => {
    write('fffe.yaml', 'extends: baseline.yaml\nname: "ab\\uFFFE"\ntitle: { zh: "巴中\\uFFFF", en: "x\\uD800y" }\ndescription: "z\\uDC00"\n');
    const issues = issuesOf('fffe.yaml');
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['name', 'the text holds U+FFFE (a noncharacter) at character 3, which no SVG chart or XML file can hold'],
      ['title.zh', 'the text holds U+FFFF (a noncharacter) at character 3, which no SVG chart or XML file can hold'],
      ['title.en', 'the text holds U+D800 (half of a surrogate pair) at character 2, which no SVG chart or XML file can hold'],
      ['description', 'the text holds U+DC00 (half of a surrogate pair) at character 2, which no SVG chart or XML file can hold'],
    ]);
    expect(issues[0].hint).toMatch(/printable characters only/);
    write('emoji.yaml', 'extends: baseline.yaml\nname: "a\\U0001F600 \\uFFFD"\n');
    expect(loadScenarioSync('emoji.yaml', { cwd: dir }).scenario.name).toBe('a\u{1F600} \uFFFD');
  });

  it('a description may hold line breaks and tabs, but no other control character', () => {
    write('described.yaml', 'extends: baseline.yaml\ndescription: |\n  line one\n  \tline two\n');
    expect(loadScenarioSync('described.yaml', { cwd: dir }).scenario.description).toBe('line one\n\tline two\n');
    write('described-bad.yaml', 'extends: baseline.yaml\ndescription: "one\\rtwo"\n');
    expect(problemOf('described-bad.yaml')).toMatch(
      /description: the text holds the control character U\+000D \(carriage return\)[^]*line breaks and tabs are allowed in descriptions/,
    );
  });
});

describe('messages that point at the real problem', () => {
  it('an item an extending file adds with a misspelt name is one problem, suggesting the inherited item', () => {
    write('bazong.yaml', 'extends: baseline.yaml\npopulations:\n  - name: talent in Bazong\n    count: 1\n');
    const issues = issuesOf('bazong.yaml');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      line: 3,
      column: 5,
      hint: 'did you mean "talent in Bazhong"? To change an inherited item, write its id or name exactly',
    });
    expect(issues[0].message).toBe(
      '"talent in Bazong" is a new item of populations (no inherited item has that id or name), so it needs every field; it lacks location, native, tiers, industries, family, age',
    );
  });

  it('a misspelt required field is reported once, as the unknown field', () => {
    write('taste.yaml', 'name: x\ntaste:\n  sdd: 1\n');
    const issues = issuesOf('taste.yaml').filter((i) => i.path[0] === 'taste');
    expect(issues).toEqual([expect.objectContaining({ path: ['taste', 'sdd'], message: 'unknown field "sdd"', hint: 'did you mean "sd"?' })]);
  });

  it('a list where a text goes, or a number for extends, says what was expected', () => {
    write('ext-num.yaml', 'extends: baseline.yaml\nname: [a]\n');
    expect(issuesOf('ext-num.yaml')[0]).toMatchObject({ path: ['name'], message: 'expected a string, got a list of 1' });
  });

  it('at most 50 problems are listed, then how many more', () => {
    const lines = Array.from({ length: 80 }, (_, i) => `  f${i}: 1`).join('\n');
    write('many-problems.yaml', `extends: baseline.yaml\nrun:\n${lines}\n`);
    const issues = issuesOf('many-problems.yaml');
    expect(issues).toHaveLength(51);
    expect(issues[50].message).toBe('and 30 more problems after these');
  });
});

describe('YAML features a scenario does not use', () => {
  it('a tag that makes an object is refused at its value; the plain tags (!!str, !!int …) are fine', () => {
    write('set.yaml', 'extends: baseline.yaml\ntaste: !!set { sd }\n');
    expect(problemOf('set.yaml')).toMatch(/set\.yaml:2:14: the YAML tag !!set is not used in a scenario/);
    write('plain-tags.yaml', 'extends: baseline.yaml\nname: !!str 2024\nrun:\n  years: !!int 3\n');
    expect(loadScenarioSync('plain-tags.yaml', { cwd: dir }).scenario).toMatchObject({ name: '2024', run: { years: 3 } });
  });

  it('a list as a key is refused, and a second document is a syntax error that says to remove the "---"', () => {
    write('complex-key.yaml', 'extends: baseline.yaml\n? { a: 1 }\n: 2\n');
    expect(problemOf('complex-key.yaml')).toMatch(/complex-key\.yaml:2:3: a list or a mapping cannot be a field name/);
    write('two-docs.yaml', 'extends: baseline.yaml\n---\nname: x\n');
    const problem = problemOf('two-docs.yaml');
    expect(problem).toMatch(/two-docs\.yaml:2:1: YAML syntax error: Source contains multiple documents\n {4}fix: a scenario file holds one YAML document/);
    expect(problem).not.toContain('parseAllDocuments');
  });
});
