// Shared by the chart tests: the Vega-Lite schema validator, SVG parsing and mark counting, and small runs to chart.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { Ajv, type ValidateFunction } from 'ajv';
import { Scenario } from '../../src/scenario/schema.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { runScenario, type RunOutcome } from '../../src/runner/run.js';
import { comparison } from '../../src/compare/compare.js';
import type { ComparisonData } from '../../src/compare/types.js';
import { comparedScenario } from '../../src/charts/compare-extras.js';
import type { LoadedScenario } from '../../src/scenario/load.js';
import { tinyPolicyScenarioInput, tinyScenarioInput } from '../fixtures.js';

let validator: ValidateFunction | undefined;

/** The JSON Schema shipped with the installed vega-lite (draft-07), compiled with ajv. */
export function vegaLiteValidator(): ValidateFunction {
  if (!validator) {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(join(dirname(require.resolve('vega-lite')), 'vega-lite-schema.json'), 'utf8'));
    const ajv = new Ajv({
      strict: false,
      allErrors: true,
      // The formats the schema uses: hex colours are checked, URIs accepted as written.
      formats: { uri: true, 'uri-reference': true, 'color-hex': /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i },
    });
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Parses an SVG document; throws on XML errors. */
export function parseSvg(svg: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(svg, 'image/svg+xml');
  if (errors.length) throw new Error(`SVG does not parse: ${errors.join('; ')}`);
  return doc;
}

function elements(doc: Document | Element, tag: string): Element[] {
  return Array.from(doc.getElementsByTagName(tag)) as Element[];
}

/** The mark groups vega drew for the Vega-Lite layer named `name` (class "… role-mark <name>_marks"). */
export function markGroups(doc: Document, name: string): Element[] {
  return elements(doc, 'g').filter((g) => {
    const cls = (g.getAttribute('class') ?? '').split(/\s+/);
    return cls.includes('role-mark') && cls.includes(`${name}_marks`);
  });
}

/** The items drawn by a named layer: one element (path, line, text …) per line, bar, point or label. */
export function markItems(doc: Document, name: string): Element[] {
  return markGroups(doc, name).flatMap((g) => Array.from(g.childNodes).filter((n): n is Element => n.nodeType === 1));
}

/** The text of every <text> element. */
export function svgTexts(doc: Document): string[] {
  return elements(doc, 'text').map((t) => t.textContent ?? '');
}

/** The SVG's size from its root element. */
export function svgSize(doc: Document): { width: number; height: number } {
  const root = doc.documentElement!;
  return { width: Number(root.getAttribute('width')), height: Number(root.getAttribute('height')) };
}

/** A tiny scenario, validated and resolved, under a name of its own. */
export function tinyLoaded(name: string, policies: boolean | 'subsidy'): LoadedScenario {
  const base = policies ? tinyPolicyScenarioInput() : tinyScenarioInput();
  if (policies === 'subsidy') base.policies = [{ type: 'subsidy', lumpSum: 50000, perYear: 12000, budget: 20_000_000 }];
  const scenario = Scenario.parse({ ...base, name });
  return { file: `/scenarios/${name}.yaml`, scenario, resolved: resolveScenario(scenario) };
}

export const SMALL = { runs: 3, years: 3, threads: 1, seed: 11 };

/** Runs a tiny scenario with small settings. */
export async function tinyRun(name: string, policies: boolean | 'subsidy'): Promise<{ loaded: LoadedScenario; outcome: RunOutcome }> {
  const loaded = tinyLoaded(name, policies);
  return { loaded, outcome: await runScenario(loaded, SMALL) };
}

/**
 * A comparison of three tiny scenarios (a baseline without policies, one with three policies, one with a subsidy),
 * with the runs it was made from beside it (`runs`, for the tests to count what the charts should show).
 */
export async function tinyComparison(
  dir: string,
  lang: 'zh' | 'en' = 'zh',
): Promise<ComparisonData & { runs: { loaded: LoadedScenario; outcome: RunOutcome }[] }> {
  const runs = [await tinyRun('tiny', false), await tinyRun('tiny-policies', true), await tinyRun('tiny-subsidy', 'subsidy')];
  const { rows, ranking } = comparison(
    runs.map(({ loaded, outcome }) => ({ resolved: loaded.resolved, results: outcome.results })),
    'tiny',
    { seed: SMALL.seed },
  );
  const settings = runs[0].outcome.settings;
  return { dir, lang, baseline: 'tiny', runs, scenarios: runs.map(comparedScenario), settings, rows, ranking, seed: SMALL.seed, version: '0.0.0-test' };
}
