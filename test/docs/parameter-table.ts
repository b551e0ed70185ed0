// The table of every parameter of the committed baseline in docs/model-odd.md (§6, "Every parameter"): generated from
// the scenario file and the schema's descriptions, so that it always holds the values the baseline uses. Regenerate
// it with `npm run docs:parameters`; test/docs-parameters.test.ts fails when it is out of date.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { findFactor, numericPaths } from '../../src/experiments/paths.js';
import { loadScenarioSync } from '../../src/scenario/load.js';
import { scenarioJsonSchemaText } from '../../src/scenario/write-json-schema.js';
import type { FieldPath } from '../../src/core/errors.js';

export const ODD_FILE = new URL('../../docs/model-odd.md', import.meta.url);
export const BEGIN = '<!-- parameters:begin (npm run docs:parameters writes this table) -->';
export const END = '<!-- parameters:end -->';
const TARGETS = new URL('../../scenarios/calibration/targets.yaml', import.meta.url);

type JsonNode = { description?: string; properties?: Record<string, JsonNode>; additionalProperties?: JsonNode | boolean; items?: JsonNode; anyOf?: JsonNode[] };

/**
 * A field's description from the JSON schema: the deepest one met on the way down its path, after its parent's when
 * it is only a few words (a unit, "weight on schools").
 */
function describe(schema: JsonNode, path: FieldPath): string {
  const found: string[] = [];
  let nodes: JsonNode[] = [schema];
  for (const part of path) {
    const next: JsonNode[] = [];
    for (const node of nodes.flatMap((n) => [n, ...(n.anyOf ?? [])])) {
      if (typeof part === 'number' && node.items) next.push(node.items);
      if (typeof part === 'string' && node.properties?.[part]) next.push(node.properties[part]);
      else if (typeof part === 'string' && typeof node.additionalProperties === 'object') next.push(node.additionalProperties);
    }
    if (!next.length) break;
    nodes = next;
    const text = nodes.flatMap((n) => [n, ...(n.anyOf ?? [])]).find((n) => n.description)?.description;
    if (text && text !== found[found.length - 1]) found.push(text);
  }
  const last = found[found.length - 1] ?? '';
  return last.length < 30 && found.length > 1 ? `${found[found.length - 2]} (${last})` : last;
}

/** Escapes a cell for a Markdown table. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The parameters calibration fits (the targets file's list), if the file exists. */
function fittedParameters(): Set<string> {
  if (!existsSync(TARGETS)) return new Set();
  const parsed = parse(readFileSync(TARGETS, 'utf8')) as { parameters?: string[] };
  return new Set(parsed.parameters ?? []);
}

/** The table: one row per numeric field of the baseline (run settings aside), in file order. */
export function parameterTable(): string {
  const { scenario } = loadScenarioSync('baseline.yaml');
  const schema = JSON.parse(scenarioJsonSchemaText()) as JsonNode;
  const fitted = fittedParameters();
  const rows = numericPaths(scenario).map((label) => {
    const factor = findFactor(scenario, label);
    const range = factor.range ? `${factor.range[0]} – ${factor.range[1]}` : '—';
    const source = factor.source ?? (factor.range ? 'assumption' : '— (structural or a share; no range declared)');
    return `| \`${label}\` | ${cell(describe(schema, factor.path))} | ${factor.base} | ${range} | ${cell(source)} | ${fitted.has(label) ? 'fitted' : ''} |`;
  });
  return [
    BEGIN,
    '',
    `${rows.length} parameters; "calibration" says which \`sim calibrate\` fits (the \`parameters\` of \`scenarios/calibration/targets.yaml\`).`,
    '',
    '| parameter | meaning (unit) | value | range | source | calibration |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    END,
  ].join('\n');
}

/** The table as docs/model-odd.md holds it now. */
export function committedTable(text: string): string | undefined {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  return start >= 0 && end > start ? text.slice(start, end + END.length) : undefined;
}
