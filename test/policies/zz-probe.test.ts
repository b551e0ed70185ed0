import { it } from 'vitest';
import { withPolicies, paired, difference, atEnd, moves, total, TickMetric, home, tierIndex } from './support.js';
import { HomeMetric, HOME_METRICS } from '../../src/core/results.js';
const show = (label: string, d: { mean: number; se: number }) => console.log(label, d.mean.toFixed(1), '±', d.se.toFixed(1));
const natives = (r: any) => { let n = 0; for (let y = 0; y < r.years; y++) n += r.home[y * HOME_METRICS.length + HomeMetric.nativesReturning]; return n * r.scale; };
const spend = (r: any, k = 0) => { const p = r.policies[k]; const w = 1 + p.metrics.length; const out: number[][] = []; for (let y = 0; y < r.years; y++) out.push(Array.from(p.values.slice(y * w, y * w + w))); return out; };
it('remote', () => {
  const s = withPolicies([{ type: 'remote', slots: 2000, eligibility: { tiers: ['top', 'professional'] } }]);
  const pr = paired(s, { runs: 4, years: 3 });
  const H = home(s);
  show('remoteFte', difference(pr, (r) => atEnd(r, H, TickMetric.remoteFte)));
  show('effective', difference(pr, (r) => atEnd(r, H, TickMetric.effective)));
  show('stock', difference(pr, (r) => atEnd(r, H, TickMetric.stock)));
  console.log(spend(pr.policy[0]));
});
it('market', () => {
  const s = withPolicies([{ type: 'market-recruitment', contactsPerYear: 20000, teamSize: 3, investmentPerTeam: 0 }]);
  const pr = paired(s, { runs: 4, years: 3 });
  const H = home(s);
  const tt = [tierIndex(s, 'top'), tierIndex(s, 'professional')];
  show('inflow top/prof', difference(pr, (r) => total(r, H, TickMetric.inflow, { tiers: tt })));
  show('inflow skilled', difference(pr, (r) => total(r, H, TickMetric.inflow, { tiers: [2] })));
  show('stock', difference(pr, (r) => atEnd(r, H, TickMetric.stock)));
  console.log(spend(pr.policy[0]));
});
it('hometown', () => {
  const s = withPolicies([{ type: 'hometown', contactsPerYear: 20000, startupGrant: 100000 }]);
  const pr = paired(s, { runs: 4, years: 3 });
  const H = home(s);
  show('natives returning', difference(pr, natives));
  show('stock', difference(pr, (r) => atEnd(r, H, TickMetric.stock)));
  console.log(spend(pr.policy[0]));
});
it('training', () => {
  const s = withPolicies([{ type: 'training', traineesPerYear: 5000, bondYears: 2 }]);
  const pr = paired(s, { runs: 4, years: 3 });
  const H = home(s);
  show('prof', difference(pr, (r) => atEnd(r, H, TickMetric.stock, [1])));
  show('skilled', difference(pr, (r) => atEnd(r, H, TickMetric.stock, [2])));
  show('grad', difference(pr, (r) => atEnd(r, H, TickMetric.stock, [3])));
  show('outflow', difference(pr, (r) => total(r, H, TickMetric.outflow)));
  console.log(spend(pr.policy[0]));
});
it('career', () => {
  const s = withPolicies([{ type: 'career', careerValue: 0.3, promotionsPerYear: 300 }]);
  const pr = paired(s, { runs: 4, years: 3 });
  const H = home(s);
  show('top', difference(pr, (r) => atEnd(r, H, TickMetric.stock, [0])));
  show('top outflow', difference(pr, (r) => total(r, H, TickMetric.outflow, { tiers: [0] })));
  show('outflow', difference(pr, (r) => total(r, H, TickMetric.outflow)));
  console.log(spend(pr.policy[0]));
});
