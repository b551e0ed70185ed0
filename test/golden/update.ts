// `npm run golden:update`: recomputes the golden files on purpose, writes them, and prints what changed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { join } from 'node:path';
import { computeDocsFigures, computeGolden, DOCS_FIGURES, GOLDEN_DIR, GOLDEN_SETTINGS, sha256 } from './golden.js';

const fresh = await computeGolden();
let changed = 0;
for (const [name, text] of fresh) {
  const path = join(GOLDEN_DIR, name);
  const old = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (old === text) {
    console.log(`${name}: unchanged`);
    continue;
  }
  changed++;
  if (old === undefined) console.log(`${name}: new (${text.split('\n').length - 1} lines)`);
  else {
    // A line-by-line comparison: the tables keep their row order, so a changed figure shows as one line replaced.
    const before = old.split('\n');
    const after = text.split('\n');
    const lines: string[] = [];
    for (let k = 0; k < Math.max(before.length, after.length); k++)
      if (before[k] !== after[k]) lines.push(...(before[k] !== undefined ? [`  - ${before[k]}`] : []), ...(after[k] !== undefined ? [`  + ${after[k]}`] : []));
    console.log(`${name}: ${lines.filter((l) => l.startsWith('  +')).length} lines changed`);
    console.log(lines.slice(0, 60).join('\n') + (lines.length > 60 ? `\n  … ${lines.length - 60} more` : ''));
  }
  writeFileSync(path, text);
}
console.log(
  `${changed === 0 ? 'no golden file changed' : `${changed} golden file${changed === 1 ? '' : 's'} rewritten: commit them with the change that explains them`} ` +
    `(settings: ${JSON.stringify(GOLDEN_SETTINGS)})`,
);

// The figures the docs quote, from the baseline at its own settings: rewritten with the golden files they go with.
const figures = await computeDocsFigures();
const oldFigures = existsSync(DOCS_FIGURES.csv) ? readFileSync(DOCS_FIGURES.csv, 'utf8') : undefined;
mkdirSync(dirname(DOCS_FIGURES.csv), { recursive: true });
writeFileSync(DOCS_FIGURES.csv, figures.csv);
const record = {
  scenario: 'baseline.yaml',
  settings: figures.settings,
  golden: { file: `test/golden/${DOCS_FIGURES.goldenFile}`, sha256: sha256(fresh.get(DOCS_FIGURES.goldenFile)!) },
};
writeFileSync(DOCS_FIGURES.record, JSON.stringify(record, null, 2) + '\n');
console.log(
  oldFigures === figures.csv
    ? 'docs/figures/baseline-summary.csv: unchanged'
    : 'docs/figures/baseline-summary.csv: rewritten; update the figures docs/model-odd.md quotes from it (npx vitest run test/docs.test.ts lists them)',
);
