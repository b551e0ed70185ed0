// `npm run golden:update`: recomputes the golden files on purpose, writes them, and prints what changed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeGolden, GOLDEN_DIR, GOLDEN_SETTINGS } from './golden.js';

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
