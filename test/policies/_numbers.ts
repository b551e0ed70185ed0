import { Model } from '../../src/core/model.js';
import type { RunResult } from '../../src/core/results.js';
import { atEnd, baseline, difference, home, moves, paired, TickMetric, tierIndex, total, withPolicies } from './support.js';
const fmt = (d: { mean: number; se: number }) => `${d.mean.toFixed(0)} ± ${d.se.toFixed(0)} (z ${(d.mean / (d.se || 1)).toFixed(1)})`;
const rep = (r: RunResult, name: string, metric: string) => { const p = r.policies.find((q) => q.name === name || q.type === name)!; const w = 1 + p.metrics.length; const c = metric === 'spending' ? 0 : 1 + p.metrics.indexOf(metric); let s = 0; for (let y = 0; y < r.years; y++) s += p.values[y * w + c]; return s; };
const s = baseline(); const H = home(s); const T = (id: string) => tierIndex(s, id);
// publicity
const young = { type: 'subsidy', name: 'youngTalent', start: 2025, eligibility: { tiers: ['professional', 'graduate'], age: { max: 35 } }, lumpSum: 20000, perYear: 12000 };
const pub = paired(withPolicies([young, { type: 'publicity', start: 2025, targets: ['youngTalent'], spendPerYear: 5_000_000 }]), { runs: 5, years: 4 }, withPolicies([young]));
console.log('publicity: grants', fmt(difference(pub, (r) => rep(r, 'youngTalent', 'grants'))), 'young stock', fmt(difference(pub, (r) => atEnd(r, H, TickMetric.stock, [T('professional'), T('graduate')]))), 'base grants', rep(pub.base[0], 'youngTalent', 'grants'));
// services
const serv = paired(withPolicies([{ type: 'services', start: 2025, eligibility: { tiers: ['professional'] }, increments: { schools: 0.2, healthcare: 0.15, elderlyCare: 0.15, culture: 0.1 }, housingCut: 0.3, places: 4000, costPerPlace: 30000 }]), { runs: 5, years: 4 });
console.log('services: prof outflow', fmt(difference(serv, (r) => total(r, H, TickMetric.outflow, { tiers: [T('professional')] }))), 'prof stock', fmt(difference(serv, (r) => atEnd(r, H, TickMetric.stock, [T('professional')]))), 'skilled outflow', fmt(difference(serv, (r) => total(r, H, TickMetric.outflow, { tiers: [T('skilled')] }))), 'spend', rep(serv.policy[0], 'services', 'spending'));
// integration
const cities = [1, 2];
const integ = paired(withPolicies([{ type: 'integration', start: 2025, frictionCut: 0.25, coordinationCostPerYear: 1_000_000 }]), { runs: 4, years: 3 });
console.log('integration: into', fmt(difference(integ, (r) => cities.reduce((n, c) => n + moves(r, c, H), 0))), 'out', fmt(difference(integ, (r) => cities.reduce((n, c) => n + moves(r, H, c), 0))), 'to elsewhere', fmt(difference(integ, (r) => moves(r, H, 3))), 'net stock', fmt(difference(integ, (r) => atEnd(r, H, TickMetric.stock))));
// industry & platforms by industry
function byInd(policy: any, runs = 5, years = 4) {
  const f = (sc: any) => Array.from({ length: runs }, (_, k) => { const m = new Model(sc, { replication: k, seed: 11, years, scale: 20 }); m.run(); const c = [0, 0, 0]; const a = m.agents; for (let i = 0; i < a.count; i++) if (a.residence[i] === H) c[a.industry[i]] += 20; return { c, p: [0, 1, 2].map((k) => m.env.platforms(H, k)) }; });
  const b = f(baseline()), p = f(policy);
  const d = (g: (x: any) => number) => { const v = p.map((x, k) => g(x) - g(b[k])); const m = v.reduce((a, c) => a + c) / v.length; const sd = Math.sqrt(v.reduce((a, c) => a + (c - m) ** 2, 0) / (v.length - 1)); return fmt({ mean: m, se: sd / Math.sqrt(v.length) }); };
  return `emerging ${d((x) => x.c[1])} traditional ${d((x) => x.c[0])} platforms(emerging) ${d((x) => x.p[1] * 100)}/100`;
}
console.log('industry', byInd(withPolicies([{ type: 'industry-program', start: 2025, jobsPerYear: 800, platformsPerYear: 2, grants: { top: 200000, professional: 60000, graduate: 20000 } }])));
console.log('platforms', byInd(withPolicies([{ type: 'platforms', start: 2025, builds: [{ year: 2025, industry: 'emerging', count: 2, platformsEach: 6, cost: 50_000_000, runningCost: 3_000_000 }] }])));
const pl = paired(withPolicies([{ type: 'platforms', start: 2025, builds: [{ year: 2025, industry: 'emerging', count: 2, platformsEach: 6, cost: 50_000_000, runningCost: 3_000_000 }] }]), { runs: 5, years: 4 });
console.log('platforms prof inflow', fmt(difference(pl, (r) => total(r, H, TickMetric.inflow, { tiers: [T('professional')] }))));
