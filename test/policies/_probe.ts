import { Model } from '../../src/core/model.js';
import { loadScenarioSync as loadScenario } from '../../src/scenario/load.js';
import { baseline, atEnd, moves, total, TickMetric } from './support.js';
const files = process.argv.slice(2);
const runs = 4, years = Number(process.env.YEARS ?? 5), scale = 20;
function run(s: any, rep: number) {
  const m = new Model(s, { replication: rep, seed: 11, years, scale });
  const r = m.run();
  const a = m.agents; const byInd = new Float64Array(s.industries.length * s.tiers.length);
  for (let i = 0; i < a.count; i++) if (a.residence[i] === 0) byInd[a.industry[i] * s.tiers.length + a.tier[i]] += scale;
  return { r, byInd, plat: s.industries.map((_: any, k: number) => m.env.platforms(0, k)) };
}
const base = baseline();
const B = Array.from({ length: runs }, (_, k) => run(base, k));
for (const f of files) {
  const s = loadScenario(f).resolved;
  const P = Array.from({ length: runs }, (_, k) => run(s, k));
  const d = (g: (x: any) => number) => { const v = P.map((p, k) => g(p) - g(B[k])); const m = v.reduce((a, b) => a + b) / v.length; const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)); return `${m.toFixed(0)}±${(sd / Math.sqrt(v.length)).toFixed(0)}`; };
  console.log('==', f);
  console.log(' stock end by tier', [0, 1, 2, 3].map(t => d(x => atEnd(x.r, 0, TickMetric.stock, [t]))));
  console.log(' inflow by tier', [0, 1, 2, 3].map(t => d(x => total(x.r, 0, TickMetric.inflow, { tiers: [t] }))));
  console.log(' outflow by tier', [0, 1, 2, 3].map(t => d(x => total(x.r, 0, TickMetric.outflow, { tiers: [t] }))));
  console.log(' home by industry (all tiers)', s.industries.map((_: any, k: number) => d(x => x.byInd.slice(k * 4, k * 4 + 4).reduce((a: number, b: number) => a + b))));
  console.log(' home emerging by tier', [0,1,2,3].map(t => d(x => x.byInd[1*4+t])));
  console.log(' cd->bz, cq->bz, bz->cd, bz->cq, bz->else', [[1,0],[2,0],[0,1],[0,2],[0,3]].map(([a,b]) => d(x => moves(x.r, a, b))));
  console.log(' platforms', P[0].plat.map((v: number) => v.toFixed(1)), 'base', B[0].plat.map((v: number) => v.toFixed(1)));
  for (const pol of P[0].r.policies) console.log(' ', pol.name, pol.metrics, Array.from({ length: years }, (_, y) => Array.from(pol.values.slice(y * (1 + pol.metrics.length), (y + 1) * (1 + pol.metrics.length))).map(v => Math.round(v))));
}
