// How an experiment names what it varies and what it measures, in Chinese or English: parameters in words
// (fieldLabel), the outcome as its metric's name, year and unit. Shared by the charts, the report and the CLI summary.
import { fieldLabel } from '../output/labels.js';
import { metricLabel, metricUnit, unitName, withUnit, type Lang } from '../output/format.js';
import type { ChartFactor } from './charts.js';
import type { Factor } from './paths.js';
import type { Scenario } from '../scenario/schema.js';
import type { Outcome } from './plan.js';

/**
 * A factor as charts and tables name it: in words, with its canonical path for a tooltip or small print; `scenario`
 * names its list items (a city by its label).
 */
export function chartFactor(factor: Pick<Factor, 'label'>, lang: Lang, scenario?: Scenario): ChartFactor {
  return { name: fieldLabel(factor.label, lang, scenario), path: factor.label };
}

/** The outcome with its year and unit: "2028年净流入（迁入−迁出，人）", "Net retention (movers in − out, persons) in 2028". */
export function outcomeTitle(outcome: Outcome, lang: Lang): string {
  const label = withUnit(metricLabel(outcome.metric, lang), unitName(metricUnit(outcome.metric), lang), lang);
  return lang === 'zh' ? `${outcome.year}年${label}` : `${label} in ${outcome.year}`;
}

/** The outcome without its unit, for a sentence: "2028年净流入（迁入−迁出）", "net retention (movers in − out) in 2028". */
export function outcomeName(outcome: Outcome, lang: Lang): string {
  const label = metricLabel(outcome.metric, lang);
  return lang === 'zh' ? `${outcome.year}年${label}` : `${label.charAt(0).toLowerCase()}${label.slice(1)} in ${outcome.year}`;
}
