// `npm run docs:parameters`: writes the table of every baseline parameter into docs/model-odd.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { committedTable, ODD_FILE, parameterTable } from './parameter-table.js';

const text = readFileSync(ODD_FILE, 'utf8');
const old = committedTable(text);
if (old === undefined) throw new Error('docs/model-odd.md has no parameters table markers');
const fresh = parameterTable();
writeFileSync(ODD_FILE, text.replace(old, fresh));
console.log(old === fresh ? 'docs/model-odd.md: parameter table unchanged' : 'docs/model-odd.md: parameter table rewritten');
