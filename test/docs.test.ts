// The documentation keeps up with the code: every scenario field is described, and the tick's phases and hooks are as the model runs them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../src/core/limits.js';
import { PHASES } from '../src/core/phases.js';
import { SUMMARY_METRIC_NAMES } from '../src/core/rows.js';
import { findFactor } from '../src/experiments/paths.js';
import { loadScenarioSync } from '../src/scenario/load.js';
import { scenarioJsonSchema } from '../src/scenario/schema.js';
import { DOCS_FIGURES, sha256 } from './golden/golden.js';

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

describe('the limits (LIMITS, src/core/limits.ts)', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const guide = readFileSync(new URL('../docs/scenarios.md', import.meta.url), 'utf8');
  it.each(Object.entries(LIMITS))('%s = %d is in the README table and in docs/scenarios.md §8', (name, value) => {
    expect(readme).toContain(`| \`${name}\` | ${value.toLocaleString('en-US')} |`);
    expect(guide.slice(guide.indexOf('## 8 Limits'))).toContain(`\`${name}\``);
  });
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

  it('docs/policies.md lists the phases in order', () => {
    expect(numberedPhases(read('../docs/policies.md'), '### Phase order in a tick').map((p) => p.name)).toEqual(names);
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

describe('figures of the baseline quoted in docs/model-odd.md §8', () => {
  const odd = readFileSync(new URL('../docs/model-odd.md', import.meta.url), 'utf8');
  const section = odd.slice(odd.indexOf('### 8 Patterns the baseline reproduces'), odd.indexOf('### 9 What the model leaves out'));
  const figures = new Map(
    readFileSync(DOCS_FIGURES.csv, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','))
      .map(([year, metric, mean, p5, p95]) => [`${year} ${metric}`, [mean, p5, p95].map(Number)]),
  );
  const metrics = new Set<string>(SUMMARY_METRIC_NAMES);
  /** As the docs write a figure: persons whole with thousands separators, shares of the top tiers in %, survival to 3 decimals. */
  const shown = (metric: string, x: number) =>
    metric === 'topShare'
      ? `${(x * 100).toFixed(2)} %`
      : metric === 'survivalInitial'
        ? x.toFixed(3)
        : `${x < 0 ? '−' : ''}${Math.round(Math.abs(x)).toLocaleString('en-US')}`;
  const at = (year: number, metric: string) => figures.get(`${year} ${metric}`)!;

  it('come from the figures made with the golden results of the model as it is (else run npm run golden:update)', () => {
    const record = JSON.parse(readFileSync(DOCS_FIGURES.record, 'utf8'));
    expect(record.golden.sha256).toBe(sha256(readFileSync(new URL(`./golden/${DOCS_FIGURES.goldenFile}`, import.meta.url), 'utf8')));
    expect(record.settings).toMatchObject({ runs: 20, years: 10, scale: 10, seed: 20240701 });
  });

  const trends = [...section.matchAll(/^- `(\w+)` (−?\d[\d,]*(?:\.\d+)?(?: %)?) → (−?\d[\d,]*(?:\.\d+)?(?: %)?)/gm)].map((m) => ({
    metric: m[1],
    first: m[2],
    last: m[3],
  }));
  it('quote the ten-year trends', () => expect(trends.length).toBeGreaterThanOrEqual(6));
  it.each(trends)('the trend of $metric, 2024 → 2033', ({ metric, first, last }) => {
    expect(metrics.has(metric)).toBe(true);
    expect([first, last]).toEqual([shown(metric, at(2024, metric)[0]), shown(metric, at(2033, metric)[0])]);
  });

  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| **'))
    .map((line) => line.split(' | '))
    .flatMap((cells) => {
      const metric = cells[1].match(/`(\w+)`/)?.[1];
      return metric && metrics.has(metric) ? [{ metric, cell: cells[3] }] : [];
    });
  it('quote the first year of the facts measured by a summary metric', () => expect(rows.length).toBeGreaterThanOrEqual(5));
  it.each(rows)('the 2024 figure of $metric, with its band', ({ metric, cell }) => {
    const [mean, p5, p95] = at(2024, metric).map((x) => shown(metric, x));
    const band = metric === 'topShare' ? `${mean.replace(' %', '')} % [${p5.replace(' %', '')}–${p95}]` : `${mean} [${p5}–${p95}]`;
    expect(cell).toContain(band);
  });
});

describe("the README's Layout table", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const layout = readme.slice(readme.indexOf('\n## Layout\n'), readme.indexOf('\n## ', readme.indexOf('\n## Layout\n') + 1));
  /** The first cell of each row: `src/core/`, `src/publish.ts`, `scenarios/` … */
  const rows = [...layout.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
  // LAYERS as .dependency-cruiser.cjs declares it (its module.exports is dependency-cruiser's configuration only).
  const cruiser = readFileSync(new URL('../.dependency-cruiser.cjs', import.meta.url), 'utf8');
  const LAYERS = [.../const LAYERS = \[([^\]]*)\]/.exec(cruiser)![1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
  const asRow = (layer: string) => `src/${layer}${layer.endsWith('.ts') ? '' : '/'}`;

  it('has a row for every folder under src/', () => {
    const folders = readdirSync(new URL('../src/', import.meta.url), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `src/${e.name}/`);
    expect(folders.length).toBeGreaterThan(10);
    expect(folders.filter((f) => !rows.includes(f))).toEqual([]);
  });

  it('has a row for every layer of .dependency-cruiser.cjs, in the order of LAYERS', () => {
    expect(LAYERS.length).toBeGreaterThan(10);
    expect(LAYERS.map(asRow).filter((row) => !rows.includes(row))).toEqual([]);
    expect(rows.filter((row) => LAYERS.map(asRow).includes(row))).toEqual(LAYERS.map(asRow));
  });
});

describe('files the docs point to', () => {
  const docs = [
    'README.md',
    ...readdirSync(new URL('../docs/', import.meta.url))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  it.each(docs)('%s names only files and folders that exist', (doc) => {
    const text = readFileSync(new URL(`../${doc}`, import.meta.url), 'utf8');
    const paths = [
      ...new Set(
        [...text.matchAll(/['`(]((?:\.\.\/)*(?:src|test|bench|examples|scenarios|docs|schema)\/[\w./-]*[\w/])/g)].map((m) => m[1].replace(/^(\.\.\/)+/, '')),
      ),
    ];
    // test/my/…: the files a reader writes in the guide's examples.
    expect(paths.filter((p) => !p.startsWith('test/my/') && !existsSync(new URL(`../${p.replace(/\.js$/, '.ts')}`, import.meta.url)))).toEqual([]);
  });
});
