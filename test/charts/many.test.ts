// Charts with many series draw: vega-lite compiles a sort list into one nested expression that overflowed vega's
// parser past about 700 values ("Maximum call stack size exceeded" after the whole simulation of a scenario with
// 1,000 policies). The charts order their series by a scale domain or an index field instead.
import { describe, expect, it } from 'vitest';
import { chartSvg } from '../../src/charts/files.js';
import {
  costEffectSpec,
  differenceSpec,
  effectiveDumbbellSpec,
  retentionSpec,
  spendingSpec,
  stockByTierCompareSpec,
  withOrder,
  type ChartContext,
} from '../../src/charts/specs.js';
import { tornadoChart } from '../../src/experiments/charts.js';

const names = (n: number, prefix: string) => Array.from({ length: n }, (_, k) => `${prefix}${k}`);
const context = (scenarios: string[]): ChartContext => ({
  lang: 'en',
  scenarios,
  baseline: scenarios[0],
  home: { id: 'bazhong', label: '巴中', labelEn: 'Bazhong' },
  locations: [{ id: 'bazhong', label: '巴中', labelEn: 'Bazhong' }],
  tiers: [{ id: 'top', label: '顶尖', labelEn: 'top' }],
  runs: 2,
});
/** The lengths of the sort lists in a spec longer than a few values (what overflowed vega's parser). */
function longSortLists(spec: unknown): number[] {
  const found: number[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (key === 'sort' && Array.isArray(value) && value.length > 10) found.push(value.length);
        walk(value);
      }
  };
  walk(spec);
  return found;
}
/** How many times `text` occurs in an SVG. */
const count = (svg: string, text: string) => svg.split(text).length - 1;

describe('charts with many series', () => {
  it('withOrder numbers the rows by the order given, unknown values last, and sorts a facet by that number', () => {
    const { rows, sort } = withOrder([{ s: 'b' }, { s: 'a' }, { s: 'z' }], 's', ['a', 'b']);
    expect(rows.map((r) => r.sOrder)).toEqual([1, 0, 2]);
    expect(sort).toEqual({ field: 'sOrder', op: 'min' });
  });

  it('the spending chart of 1,000 policies (150 is the kind a scenario may hold) draws, its legend cut short', async () => {
    for (const n of [150, 1000]) {
      const rows = names(n, 'policy ').flatMap((policy, k) => [2025, 2026].map((year) => ({ policy, year, spending: 1e6 * (k + 1) })));
      const spec = spendingSpec(rows, context(['many']));
      expect(longSortLists(spec)).toEqual([]);
      const svg = await chartSvg(spec);
      expect(svg).toContain('policy 0');
      expect(svg).toContain(`…${n - 39} entries`);
    }
  }, 60_000);

  it('a comparison of 800 scenarios draws its retention, difference, talent, tier and cost charts in order', async () => {
    const scenarios = names(800, 's');
    const ctx = context(scenarios);
    const others = scenarios.slice(1);
    const band = (scenario: string, k: number) => ({ scenario, year: 2025, mean: k, p5: k - 1, p95: k + 1 });
    const specs = [
      retentionSpec(scenarios.map(band), ctx),
      differenceSpec(
        others.map((scenario, k) => ({ scenario, metric: 'residents', mean: k, p5: k - 1, p95: k + 1 })),
        ctx,
        2025,
      ),
      effectiveDumbbellSpec(
        scenarios.flatMap((s, k) => (['effectiveTalent', 'residents'] as const).map((measure) => ({ ...band(s, k), measure }))),
        ctx,
        2025,
      ),
      stockByTierCompareSpec(
        scenarios.map((s, k) => ({ ...band(s, k), tier: 'top' })),
        ctx,
        2025,
      ),
      costEffectSpec(
        others.map((scenario, k) => ({
          scenario,
          cost: (k + 1) * 1e6,
          effect: k,
          effectP5: k - 1,
          effectP95: k + 1,
          talentYears: k,
          talentYearsP5: k - 1,
          talentYearsP95: k + 1,
          costPerTalentYear: 1e6,
        })),
        ctx,
        2025,
      ),
    ];
    for (const spec of specs) {
      expect(longSortLists(spec)).toEqual([]);
      const svg = await chartSvg(spec);
      // A label, or (the cost–effect chart labels only the points with room) a point whose data names it.
      expect(count(svg, '>s799<') + count(svg, 'scenario: s799;')).toBeGreaterThan(0);
    }
    // The difference chart lists the scenarios top down in the order given.
    const difference = await chartSvg(specs[1]);
    expect(difference.indexOf('>s1<')).toBeLessThan(difference.indexOf('>s2<'));
    expect(difference.indexOf('>s2<')).toBeLessThan(difference.indexOf('>s799<'));
  }, 120_000);

  it('a tornado chart of 800 parameters draws, the largest swing first', async () => {
    const bars = names(800, 'p').map((name, k) => ({ parameter: { name, path: name }, low: 0, high: 1, outcomeLow: -800 + k, outcomeHigh: 800 - k }));
    const spec = tornadoChart({ lang: 'en', title: 'many', outcome: 'netRetention', base: 0, bars });
    expect(longSortLists(spec)).toEqual([]);
    const svg = await chartSvg(spec);
    expect(svg.indexOf('>p0 [0, 1]<')).toBeLessThan(svg.indexOf('>p799 [0, 1]<'));
  }, 60_000);
});
