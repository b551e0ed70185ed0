// A comparison as a reader sees it: every scenario under its display title (its `title` in the report's language)
// instead of its name. The CSV files keep the names, which scripts and `sim compare` arguments use.
import { scenarioTitle } from '../output/labels.js';
import type { ComparisonData } from './types.js';

/**
 * The display title of each scenario of a comparison, by name: its title in `lang`; where two scenarios share a
 * title, each of them is told apart by its name in brackets.
 */
export function displayTitles(data: Pick<ComparisonData, 'scenarios' | 'lang'>): Map<string, string> {
  const titles = data.scenarios.map((s) => [s.loaded.resolved.name, scenarioTitle(s.loaded.resolved, data.lang)] as const);
  const count = new Map<string, number>();
  for (const [, title] of titles) count.set(title, (count.get(title) ?? 0) + 1);
  return new Map(titles.map(([name, title]) => [name, count.get(title)! > 1 && title !== name ? `${title} (${name})` : title]));
}

/** The comparison with every scenario named by its display title (scenarios, rows, ranking, swaps, baseline). */
export function withDisplayTitles(data: ComparisonData): ComparisonData {
  const titles = displayTitles(data);
  const shown = (name: string) => titles.get(name) ?? name;
  return {
    ...data,
    baseline: shown(data.baseline),
    scenarios: data.scenarios.map((s) => ({ ...s, loaded: { ...s.loaded, resolved: { ...s.loaded.resolved, name: shown(s.loaded.resolved.name) } } })),
    rows: data.rows.map((r) => ({ ...r, scenario: shown(r.scenario) })),
    ranking: data.ranking.map((r) => ({ ...r, scenario: shown(r.scenario) })),
    swaps: data.swaps?.map((w) => ({ ...w, above: shown(w.above), below: shown(w.below) })),
  };
}
