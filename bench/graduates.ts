// Where each entry stream's graduates are at the end of their graduation year: one line per stream, the share at each
// location (mean over graduation years and replications), from the model's own count (RunResult.graduates). Measures
// first-job choice; run after `npm run build`:
//   node --import tsx bench/graduates.ts [scenario file] [years] [runs] [scale]
import { loadScenario, runReplication } from '../dist/index.js';
import { graduatesAt } from '../dist/core/results.js';

const [scenarioFile = 'baseline.yaml', yearsArg = '3', runsArg = '4', scaleArg = '10'] = process.argv.slice(2);
const { resolved } = await loadScenario(scenarioFile);
const years = Number(yearsArg);
const L = resolved.locations.length;
const counts = resolved.entries.map(() => new Float64Array(L));
for (let replication = 0; replication < Number(runsArg); replication++) {
  const r = runReplication(resolved, { replication, years, scale: Number(scaleArg) });
  for (let year = 0; year < r.years; year++)
    resolved.entries.forEach((entry, e) => {
      if (!entry.firstJob) return;
      for (let l = 0; l < L; l++) counts[e][l] += graduatesAt(r, year, e, l);
    });
}
const ids = resolved.locations.map((l) => l.id);
resolved.entries.forEach((entry, e) => {
  const total = counts[e].reduce((s, n) => s + n, 0);
  if (!total) return;
  const shares = ids.map((id, l) => `${id} ${((100 * counts[e][l]) / total).toFixed(1)} %`).join(', ');
  console.log(`${entry.name} (n = ${total} agents): ${shares}`);
});
