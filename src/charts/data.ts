// The chart rows of one scenario's replications: home stock by tier, origin-destination flows, talent and spending.
import { perTickIndex, TickMetric, type RunResult } from '../core/results.js';
import { eachFlowRow, type PolicySummaryRow, type SummaryRow } from '../core/rows.js';
import { meanAndBand } from '../core/stats.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { flowCells, type ChartContext, type FlowCell, type FteRow, type Lang, type SpendingRow, type TalentRow, type TierStockRow } from './specs.js';

/** The chart context of a run or comparison, from the first scenario's places and tiers. */
export function chartContext(resolved: ResolvedScenario, lang: Lang, scenarios: string[], runs: number, baseline?: string): ChartContext {
  return { lang, scenarios, baseline, home: resolved.locations[resolved.homeIndex], locations: resolved.locations, tiers: resolved.tiers, runs };
}

/** The home city's stock of each tier at each year end: mean and 5–95 % band over runs (persons). */
export function tierStockRows(results: readonly RunResult[], resolved: ResolvedScenario, scenario: string): TierStockRow[] {
  const rows: TierStockRow[] = [];
  const first = results[0];
  if (!first) return rows;
  const { ticksPerYear, startYear } = resolved.run;
  for (let y = 0; y < first.years; y++) {
    const tick = (y + 1) * ticksPerYear - 1;
    resolved.tiers.forEach((tier, t) => {
      const values = results.map((r) => r.perTick[perTickIndex(r, tick, resolved.homeIndex, t, TickMetric.stock)] * r.scale);
      rows.push({ scenario, year: startYear + y, tier: tier.id, ...meanAndBand(values) });
    });
  }
  return rows;
}

/** Mean moves a year between each pair of places (all tiers; mean over runs and years). */
export function flowCellRows(results: readonly RunResult[], resolved: ResolvedScenario, scenario: string): FlowCell[] {
  return flowCells(eachFlowRow(results, resolved), scenario, results.length, results[0]?.years ?? 0);
}

/** Effective talent, the talent index and residents per year from summary rows. */
export function talentRows(summary: readonly SummaryRow[], scenario: string): TalentRow[] {
  return summary
    .filter((r) => r.metric === 'effectiveTalent' || r.metric === 'talentIndex' || r.metric === 'residents')
    .map((r) => ({ scenario, year: r.year, measure: r.metric as TalentRow['measure'], mean: r.mean, p5: r.p5, p95: r.p95 }));
}

/** Each policy's mean spending per year (CNY) from the policy summary rows. */
export function spendingRows(rows: readonly PolicySummaryRow[]): SpendingRow[] {
  return rows.filter((r) => r.metric === 'spending').map((r) => ({ policy: r.policy, year: r.year, spending: r.mean }));
}

/** The parts of effective talent working from elsewhere (flexible hiring, enclave centres, remote work) per year. */
export function fteRows(summary: readonly SummaryRow[]): FteRow[] {
  return summary
    .filter((r) => r.metric === 'flexibleFte' || r.metric === 'enclaveFte' || r.metric === 'remoteFte')
    .map((r) => ({ year: r.year, component: r.metric as FteRow['component'], mean: r.mean }));
}
