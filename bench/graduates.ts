// Where each entry stream's graduates are at the end of their graduation year: one line per stream, the share at each
// location (mean over graduation years and replications). Measures first-job choice; run after `npm run build`:
//   node --import tsx bench/graduates.ts [scenario file] [years] [runs] [scale]
// It tags each entrant by its stream through the model's private addAgent: a measuring tool, not part of the library.
import { loadScenario, Model } from '../dist/index.js';

const [scenarioFile = 'baseline.yaml', yearsArg = '3', runsArg = '4', scaleArg = '10'] = process.argv.slice(2);
const { resolved } = await loadScenario(scenarioFile);
const years = Number(yearsArg);
const L = resolved.locations.length;
const counts = resolved.entries.map(() => new Float64Array(L));
for (let replication = 0; replication < Number(runsArg); replication++) {
  const model = new Model(resolved, { replication, years, scale: Number(scaleArg) });
  const internals = model as unknown as { addAgent: (group: unknown, tick: number, rng: unknown) => number };
  const addAgent = internals.addAgent.bind(model);
  // The agents who entered this year, by seed → stream.
  let stream = new Map<number, number>();
  internals.addAgent = (group, tick, rng) => {
    const i = addAgent(group, tick, rng);
    const e = resolved.entries.indexOf(group as (typeof resolved.entries)[number]);
    if (e >= 0) stream.set(model.agents.seed[i], e);
    return i;
  };
  while (model.tick < model.ticks) {
    model.step();
    if (model.tick % model.ticksPerYear !== 0) continue;
    const a = model.agents;
    for (let i = 0; i < a.count; i++) {
      const e = stream.get(a.seed[i]);
      if (e !== undefined && resolved.entries[e].months.length < 12) counts[e][a.residence[i]]++;
    }
    stream = new Map();
  }
}
const ids = resolved.locations.map((l) => l.id);
resolved.entries.forEach((entry, e) => {
  const total = counts[e].reduce((s, n) => s + n, 0);
  if (!total) return;
  const shares = ids.map((id, l) => `${id} ${((100 * counts[e][l]) / total).toFixed(1)} %`).join(', ');
  console.log(`${entry.name} (n = ${total}): ${shares}`);
});
