// Sources a reader can find: the shipped files cite publications and the sections of docs/*.md that exist, never a
// notes file outside the repository (facts.md).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TEXT = /\.(ts|js|yaml|yml|json|md|csv|txt)$/;

/** Every text file under `dir` (relative to the repository), recursively. */
function textFiles(dir: string): string[] {
  const full = join(root, dir);
  if (!statSync(full).isDirectory()) return [dir];
  return readdirSync(full).flatMap((name) => {
    const path = join(full, name);
    if (statSync(path).isDirectory()) return textFiles(relative(root, path));
    return TEXT.test(name) ? [relative(root, path)] : [];
  });
}

/** What the package ships (package.json `files`), the sources it is built from and the README. */
const shipped = ['bin', 'scenarios', 'schema', 'examples', 'docs', 'src', 'README.md'].flatMap(textFiles);
const scenarioFiles = textFiles('scenarios').filter((f) => f.endsWith('.yaml'));

/** Every `source:` text of a scenario or targets file. */
function sources(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => sources(item, out));
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (key === 'source' && typeof value === 'string') out.push(value);
      else sources(value, out);
    }
  return out;
}

/** The docs pages a text cites, each with the sections (`§6`, `§7.4a`) that follow it: "docs/sources.md §2, §6". */
function citations(text: string): { page: string; sections: string[] }[] {
  return [...text.matchAll(/docs\/([\w-]+\.md)((?:[ ,;and]*§\s?\d+(?:\.\d+)*[a-z]?)*)/g)].map((m) => ({
    page: m[1],
    sections: [...m[2].matchAll(/§\s?(\d+(?:\.\d+)*[a-z]?)/g)].map((s) => s[1]),
  }));
}

/** The numbered headings of a docs page: `## 6 Bazhong's talent policy, 2022` → 6. */
function headings(page: string): Set<string> {
  const text = readFileSync(join(root, 'docs', page), 'utf8');
  return new Set([...text.matchAll(/^#{1,6}\s+(\d+(?:\.\d+)*[a-z]?)\s/gm)].map((m) => m[1]));
}

describe('sources', () => {
  it('are never a notes file outside the repository: no shipped file mentions facts.md', () => {
    expect(shipped.length).toBeGreaterThan(100);
    expect(shipped).toContain('docs/sources.md');
    expect(shipped.filter((file) => /facts\.md/.test(readFileSync(join(root, file), 'utf8')))).toEqual([]);
  });

  it('cite docs pages that exist and sections that are headings there', () => {
    const cited = scenarioFiles.flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      // Every source text, and the comments and descriptions of the file besides.
      return [...sources(parse(text)), text].flatMap((t) => citations(t).map((c) => ({ ...c, file })));
    });
    // The scenarios cite the sources page, by section.
    expect(cited.filter((c) => c.page === 'sources.md' && c.sections.length > 0).length).toBeGreaterThan(20);
    for (const { page, sections, file } of cited) {
      const known = headings(page);
      for (const section of sections) expect(known.has(section), `${file} cites docs/${page} §${section}`).toBe(true);
    }
  });

  it('name a publication with the sources page: a source of sources.md says which one, beside its section', () => {
    const bare = scenarioFiles.flatMap((file) =>
      sources(parse(readFileSync(join(root, file), 'utf8'))).filter((s) => /^\(?docs\/sources\.md/.test(s.trim())),
    );
    expect(bare).toEqual([]);
  });

  it('lists every reference with its year, and marks what was not found as an assumption', () => {
    const text = readFileSync(join(root, 'docs/sources.md'), 'utf8');
    expect([...headings('sources.md')]).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    for (const found of ['bzswxcb.gov.cn/szyw/2023/0121/2280.html', 'tjj.cnbz.gov.cn', 'Measuring the Income-Distance Tradeoff', '巴中市社会科学界联合会'])
      expect(text).toContain(found);
    expect(text).toMatch(/^## 9 Assumptions$/m);
  });
});
