import { it } from 'vitest';
import { paired, baseline, moves, atEnd, total, TickMetric, withPolicies } from './support.js';
import { runReplication } from '../../src/core/model.js';
it('timing', () => {
  const s = baseline();
  const t0 = Date.now();
  const r = runReplication(s, { replication: 0, seed: 11, years: 3, scale: 20 });
  console.log('ms', Date.now() - t0, 'agents', r.agents.initial);
  const L = s.locations.map(l => l.id), T = s.tiers.map(t => t.id);
  for (let f = 0; f < 4; f++) for (let to = 0; to < 4; to++) if (f !== to) console.log(L[f], '->', L[to], T.map((_, t) => moves(r, f, to, [t])).join(' '));
  console.log('home stock end', T.map((_, t) => atEnd(r, 0, TickMetric.stock, [t])).join(' '));
  console.log('home', Array.from(r.home));
});
