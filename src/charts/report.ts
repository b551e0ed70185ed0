// report.html: one self-contained page (vega, vega-lite and vega-embed inlined, no network) with the interactive
// charts, the table of results, each scenario's description and parameters, and what produced it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { formatDecimal, formatMillions, formatSignificant, type Lang } from '../output/format.js';
import { fieldLabel, idsInWords } from '../output/labels.js';
import { embedScript, NARROW } from './embed.js';

export interface ReportChart {
  /** File stem, also the id of its container: `chart-<name>`. */
  name: string;
  title: string;
  spec: TopLevelSpec;
  /** Files of this chart beside report.html (linked from the page). */
  files: string[];
}

/** A table of formatted cells; columns from `numeric` on are right-aligned. */
export interface ReportTable {
  caption: string;
  head: string[];
  rows: string[][];
  /** Index of the first numeric column. */
  numeric?: number;
  note?: string;
  /** Class of a cell's second line, in small print (default `band`, a result's band). */
  small?: string;
}

/** A parameter or field: where it is in the scenario, its value, and for an assumption its range and source. */
export interface ParamRow {
  path: string;
  /** The field's name in words (fieldLabel); the path is then shown beside it in small print. */
  label?: string;
  value: string;
  range?: string;
  source?: string;
  /** The baseline's value, for a field the scenario changes. */
  baseline?: string;
}

export interface PolicyInfo {
  name: string;
  type: string;
  description?: string;
  /** When it is in force, e.g. "2025–2033". */
  schedule: string;
  /** Yearly budget, formatted; "uncapped" without one. */
  budget: string;
  params: ParamRow[];
}

export interface ScenarioInfo {
  name: string;
  color: string;
  description: string;
  file?: string;
  policies: PolicyInfo[];
  /** Fields the scenario changes against the baseline (comparisons); undefined for a single run. */
  changes?: ParamRow[];
  /** Every assumption with its range (single run). */
  assumptions?: ParamRow[];
}

export interface ReportInput {
  lang: Lang;
  title: string;
  lead: string;
  charts: ReportChart[];
  table: ReportTable;
  scenarios: ScenarioInfo[];
  /** What produced the results: label, value. */
  provenance: [string, string][];
  /** The answer the page opens with, right under the title (a comparison): sentences and a small table. */
  answer?: { sentences: string[]; table: ReportTable };
  /** Each scenario folded (<details>) behind a one-line summary of what it changes (a comparison). */
  foldScenarios?: boolean;
  /** Further sections after the results table (e.g. a robustness analysis's scenario discovery): a heading, paragraphs, tables. */
  sections?: ReportSection[];
}

/** A section of its own in a report: its anchor, heading, paragraphs and tables. */
export interface ReportSection {
  id: string;
  heading: string;
  paragraphs: string[];
  tables: ReportTable[];
}

const TEXT = {
  zh: {
    charts: '图表',
    table: '结果表',
    scenarios: '情景与参数',
    provenance: '来源与可重复性',
    files: '文件',
    policies: '政策',
    noPolicies: '没有政策（现行政策）。',
    changes: '相对基线改变的设定',
    noChanges: '除政策外，与基线的设定相同。',
    assumptions: '带不确定区间的假设',
    field: '字段',
    value: '取值',
    baselineValue: '基线取值',
    range: '区间',
    source: '来源',
    inForce: '实施期',
    budget: '年度预算',
    type: '模块',
    file: '文件',
    noScript: '图表需要 JavaScript；静态图见同一文件夹中的 SVG 和 PNG 文件。',
    chartFailed: '图表无法绘制：',
    offline: '本页离线可用：vega、vega-lite 与 vega-embed 已内嵌。',
    answer: '结论',
    unfold: '点击情景展开其政策与参数。',
    more: (n: number) => `等${n}项`,
  },
  en: {
    charts: 'Charts',
    table: 'Results',
    scenarios: 'Scenarios and parameters',
    provenance: 'What produced these results',
    files: 'files',
    policies: 'Policies',
    noPolicies: "No policies (today's policies).",
    changes: 'Settings changed against the baseline',
    noChanges: 'Apart from its policies, the same settings as the baseline.',
    assumptions: 'Assumptions with uncertainty ranges',
    field: 'field',
    value: 'value',
    baselineValue: 'baseline',
    range: 'range',
    source: 'source',
    inForce: 'in force',
    budget: 'budget a year',
    type: 'module',
    file: 'file',
    noScript: 'The charts need JavaScript; the same charts are in this folder as SVG and PNG files.',
    chartFailed: 'Chart could not be drawn: ',
    offline: 'This page works offline: vega, vega-lite and vega-embed are included in it.',
    answer: 'The answer',
    unfold: 'Open a scenario to see its policies and parameters.',
    more: (n: number) => `and ${n} more`,
  },
} as const;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Text safe inside an inline <script>: no "</script" or "<!--" can end or confuse it. */
function scriptSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

let cachedLibraries: string | undefined;

/** The minified builds of vega, vega-lite and vega-embed from node_modules, as inline scripts. */
export function vegaLibraries(): string {
  if (cachedLibraries === undefined) {
    const require = createRequire(import.meta.url);
    const build = (pkg: string, file: string) => readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
    cachedLibraries = [build('vega', 'vega.min.js'), build('vega-lite', 'vega-lite.min.js'), build('vega-embed', 'vega-embed.min.js')]
      .map((js) => `<script>${scriptSafe(js)}</script>`)
      .join('\n');
  }
  return cachedLibraries;
}

const CSS = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f6f8fa; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); font: 15px/1.55 "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; background: white; }
main { max-width: 1320px; margin: 0 auto; padding: 24px 28px 48px; }
/* Long words, file paths and field paths wrap rather than widen the page. */
h1, h2, h3, h4, p, li, dd, dt, summary, figcaption, .note { overflow-wrap: anywhere; }
/* In a table, a long word breaks only when it must: cells keep the width of their words, the table scrolls. */
td, th { overflow-wrap: break-word; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 17px; margin: 24px 0 6px; }
h4 { font-size: 15px; margin: 14px 0 6px; }
p.lead { color: var(--muted); margin: 4px 0 16px; }
nav { display: flex; flex-wrap: wrap; gap: 4px 14px; }
figure { margin: 20px 0 28px; min-width: 0; }
figcaption.chart-head { margin-bottom: 6px; }
.chart-title { display: block; font-size: 15px; font-weight: bold; }
.chart-subtitle { display: block; color: var(--muted); font-size: 12.5px; line-height: 1.45; }
/* A chart is as wide as its figure; one that cannot be made to fit scrolls inside its own box, never the page. */
figure .chart { display: block; width: 100%; max-width: 100%; overflow-x: auto; overflow-y: hidden; min-height: 60px; }
figure .chart svg { display: block; }
p.chart-files { color: var(--muted); font-size: 13px; margin: 4px 0 0; }
p.chart-files a { margin-right: 8px; }
table { border-collapse: collapse; margin: 8px 0 4px; font-size: 13.5px; }
caption { text-align: left; font-weight: bold; padding: 4px 0 8px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 10px; text-align: left; vertical-align: top; }
thead th { background: var(--soft); border-bottom: 2px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
thead th { max-width: 150px; }
#results-table td:first-child { min-width: 170px; }
/* Tables scroll sideways inside their own box. */
.table-wrap { overflow-x: auto; max-width: 100%; }
.note { color: var(--muted); font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
details { margin: 8px 0; }
#answer { margin: 10px 0 14px; padding: 12px 16px; background: var(--soft); border-left: 4px solid #4e79a7; }
#answer p.answer { margin: 0 0 8px; font-size: 16px; }
#answer table { background: white; }
details.scenario > summary { color: var(--ink); padding: 4px 0; }
details.scenario[open] { padding-bottom: 8px; border-bottom: 1px solid var(--line); }
summary { cursor: pointer; color: var(--muted); }
dl.prov { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 16px; font-size: 14px; }
dl.prov dt { color: var(--muted); }
dl.prov dd { margin: 0; word-break: break-all; }
.failed { color: #b42318; }
.band { color: var(--muted); font-size: 12px; white-space: nowrap; }
.path { color: var(--muted); font-size: 11.5px; font-family: ui-monospace, monospace; overflow-wrap: break-word; }
@media (max-width: ${NARROW}px) {
  main { padding: 14px 12px 36px; }
  h1 { font-size: 22px; }
  h2 { font-size: 18px; margin-top: 28px; }
  #answer { padding: 10px 10px; }
  #answer p.answer { font-size: 15px; }
  th, td { padding: 4px 6px; }
  td:first-child { min-width: 7em; }
  dl.prov { grid-template-columns: minmax(0, 1fr); gap: 0; }
  dl.prov dd { margin-bottom: 6px; }
}
`;

/** The page. */
export function reportHtml(input: ReportInput): string {
  const t = TEXT[input.lang];
  const charts = input.charts
    .map((c) => {
      const name = escapeHtml(c.name);
      return (
        `<figure id="figure-${name}">\n${chartHeading(c)}\n` +
        `<div class="chart" id="chart-${name}" role="img" aria-label="${escapeHtml(c.title)}"></div>\n` +
        `<noscript><img src="${name}.svg" alt="${escapeHtml(c.title)}" style="max-width:100%;height:auto"></noscript>\n` +
        `<p class="chart-files">${t.files}: ${c.files.map((f) => `<a href="${escapeHtml(f)}">${escapeHtml(f)}</a>`).join(' ')}</p>\n</figure>`
      );
    })
    .join('\n');
  const specs = JSON.stringify(input.charts.map((c) => ({ id: c.name, spec: c.spec }))).replace(/</g, '\\u003c');
  const i18n: Record<string, string> =
    input.lang === 'zh'
      ? {
          CLICK_TO_VIEW_ACTIONS: '点击查看操作',
          PNG_ACTION: '保存为 PNG',
          SVG_ACTION: '保存为 SVG',
          SOURCE_ACTION: '查看源码',
          COMPILED_ACTION: '查看 Vega',
          EDITOR_ACTION: '在 Vega 编辑器中打开',
        }
      : {};
  const embed = embedScript({ i18n, chartFailed: t.chartFailed });
  return `<!DOCTYPE html>
<html lang="${input.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>${CSS}</style>
${vegaLibraries()}
</head>
<body>
<main>
<h1>${escapeHtml(input.title)}</h1>
${input.answer ? answerHtml(input.answer, input.lang) + '\n' : ''}<p class="lead">${escapeHtml(input.lead)}</p>
<nav><a href="#charts">${t.charts}</a><a href="#results">${t.table}</a>${(input.sections ?? []).map((section) => `<a href="#${escapeHtml(section.id)}">${escapeHtml(section.heading)}</a>`).join('')}<a href="#scenarios">${t.scenarios}</a><a href="#provenance">${t.provenance}</a></nav>
<noscript><p class="note">${t.noScript}</p></noscript>
<h2 id="charts">${t.charts}</h2>
${charts}
<h2 id="results">${t.table}</h2>
${tableHtml(input.table, 'results-table')}
${(input.sections ?? []).map(sectionHtml).join('')}<h2 id="scenarios">${t.scenarios}</h2>
${input.foldScenarios ? `<p class="note">${t.unfold}</p>\n` : ''}${input.scenarios.map((s) => scenarioHtml(s, input.lang, input.foldScenarios)).join('\n')}
<h2 id="provenance">${t.provenance}</h2>
<dl class="prov">
${input.provenance.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}
</dl>
<p class="note">${t.offline}</p>
</main>
<script type="application/json" id="chart-specs">${specs}</script>
<script>${scriptSafe(embed)}</script>
</body>
</html>
`;
}

/**
 * A chart's heading, from its spec's title and subtitle: HTML wraps to any width, a title drawn by vega does not (the
 * page draws its charts without their titles; the SVG and PNG files keep them).
 */
function chartHeading(chart: ReportChart): string {
  const title = (chart.spec as { title?: string | string[] | { text?: string | string[]; subtitle?: string | string[] } }).title;
  const lines = (x: string | string[] | undefined) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
  const text = typeof title === 'object' && !Array.isArray(title) ? lines(title.text) : lines(title);
  const subtitle = typeof title === 'object' && !Array.isArray(title) ? lines(title.subtitle) : [];
  const head = text.length ? text.join(' ') : chart.title;
  return (
    `<figcaption class="chart-head"><span class="chart-title">${escapeHtml(head)}</span>` +
    subtitle.map((line) => `<span class="chart-subtitle">${escapeHtml(line)}</span>`).join('') +
    '</figcaption>'
  );
}

/** A further section: its heading, paragraphs and tables, ending in a line break. */
function sectionHtml(section: ReportSection): string {
  const id = escapeHtml(section.id);
  return (
    `<h2 id="${id}">${escapeHtml(section.heading)}</h2>\n` +
    section.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>\n`).join('') +
    section.tables.map((t, k) => tableHtml(t, `${id}-table-${k}`) + '\n').join('')
  );
}

export function tableHtml(table: ReportTable, id?: string): string {
  const numeric = table.numeric ?? Infinity;
  const cls = (k: number) => (k >= numeric ? ' class="num"' : '');
  return (
    `<div class="table-wrap"><table${id ? ` id="${id}"` : ''}>\n<caption>${escapeHtml(table.caption)}</caption>\n` +
    `<thead><tr>${table.head.map((h, k) => `<th${cls(k)}>${escapeHtml(h)}</th>`).join('')}</tr></thead>\n<tbody>\n` +
    table.rows.map((row) => `<tr>${row.map((c, k) => `<td${cls(k)}>${cellHtml(c, table.small)}</td>`).join('')}</tr>`).join('\n') +
    `\n</tbody></table></div>` +
    (table.note ? `\n<p class="note">${escapeHtml(table.note)}</p>` : '')
  );
}

/** A cell: a second line (after a newline) is the band (or what `small` names), in small print. */
function cellHtml(text: string, small = 'band'): string {
  const [first, ...rest] = text.split('\n');
  return escapeHtml(first) + (rest.length ? `<br><span class="${small}">${escapeHtml(rest.join(' '))}</span>` : '');
}

/** A parameter's field: its name in words, and its path in small print below (the path alone when it has no words). */
const fieldCell = (r: ParamRow) => (r.label && r.label !== r.path ? `${r.label}\n${r.path}` : r.path);

function paramTable(rows: ParamRow[], lang: Lang, withBaseline = false): string {
  const t = TEXT[lang];
  const head = withBaseline ? [t.field, t.value, t.baselineValue, t.range, t.source] : [t.field, t.value, t.range, t.source];
  return tableHtml({
    caption: '',
    head,
    small: 'path',
    rows: rows.map((r) =>
      withBaseline ? [fieldCell(r), r.value, r.baseline ?? '', r.range ?? '', r.source ?? ''] : [fieldCell(r), r.value, r.range ?? '', r.source ?? ''],
    ),
  }).replace('<caption></caption>\n', '');
}

/** The answer: its sentences, then its small table. */
function answerHtml(answer: NonNullable<ReportInput['answer']>, lang: Lang): string {
  return (
    `<section id="answer" aria-label="${TEXT[lang].answer}">\n` +
    answer.sentences.map((s) => `<p class="answer">${escapeHtml(s)}</p>`).join('\n') +
    (answer.table.rows.length ? '\n' + tableHtml(answer.table, 'answer-table') : '') +
    '\n</section>'
  );
}

/** What a scenario changes from the baseline, in one line: its policies, then the settings it changes (baseline → its value). */
export function changeSummary(s: ScenarioInfo, lang: Lang): string {
  const t = TEXT[lang];
  const zh = lang === 'zh';
  const policies = s.policies.map((p) => (zh ? `${p.name}（${p.schedule}，${t.budget}${p.budget}）` : `${p.name} (${p.schedule}, ${p.budget} a year)`));
  const shown = (s.changes ?? []).slice(0, 4).map((c) => `${c.label ?? c.path}: ${c.baseline ?? '—'} → ${c.value}`);
  const rest = (s.changes?.length ?? 0) - shown.length;
  const changes = shown.length ? shown.join(zh ? '；' : '; ') + (rest > 0 ? (zh ? `${t.more(rest)}` : ` ${t.more(rest)}`) : '') : '';
  const parts = [policies.length ? `${t.policies}${zh ? '：' : ': '}${policies.join(zh ? '、' : ', ')}` : t.noPolicies, changes];
  return parts.filter(Boolean).join(zh ? '；' : '; ');
}

function scenarioHtml(s: ScenarioInfo, lang: Lang, fold = false): string {
  const t = TEXT[lang];
  const policies = s.policies.length
    ? s.policies
        .map(
          (p) =>
            `<h4>${escapeHtml(p.name)} <span class="note">${
              lang === 'zh'
                ? `（${t.type}：${escapeHtml(p.type)}；${t.inForce}：${escapeHtml(p.schedule)}；${t.budget}：${escapeHtml(p.budget)}）`
                : `(${t.type}: ${escapeHtml(p.type)}; ${t.inForce}: ${escapeHtml(p.schedule)}; ${t.budget}: ${escapeHtml(p.budget)})`
            }</span></h4>\n` +
            (p.description ? `<p>${escapeHtml(p.description)}</p>\n` : '') +
            (p.params.length ? paramTable(p.params, lang) : ''),
        )
        .join('\n')
    : `<p>${t.noPolicies}</p>`;
  const changes =
    s.changes === undefined ? '' : `<h4>${t.changes}</h4>\n` + (s.changes.length ? paramTable(s.changes, lang, true) : `<p class="note">${t.noChanges}</p>`);
  const assumptions = s.assumptions?.length
    ? `<details><summary>${t.assumptions} (${s.assumptions.length})</summary>\n${paramTable(s.assumptions, lang)}\n</details>`
    : '';
  if (fold)
    return (
      `<details class="scenario" id="scenario-${escapeHtml(s.name)}">\n<summary><span class="swatch" style="background:${escapeHtml(s.color)}"></span>` +
      `<b>${escapeHtml(s.name)}</b> — ${escapeHtml(changeSummary(s, lang))}</summary>\n` +
      `<p>${escapeHtml(s.description)}</p>\n` +
      (s.file ? `<p class="note">${t.file}: ${escapeHtml(s.file)}</p>\n` : '') +
      `<h4>${t.policies}</h4>\n${policies}\n${changes}\n${assumptions}\n</details>`
    );
  return (
    `<section class="scenario" id="scenario-${escapeHtml(s.name)}">\n<h3><span class="swatch" style="background:${escapeHtml(s.color)}"></span>${escapeHtml(s.name)}</h3>\n` +
    `<p>${escapeHtml(s.description)}</p>\n` +
    (s.file ? `<p class="note">${t.file}: ${escapeHtml(s.file)}</p>\n` : '') +
    `<h4>${t.policies}</h4>\n${policies}\n${changes}\n${assumptions}\n</section>`
  );
}

// ---- scenario descriptions ------------------------------------------------------------------------------------------

type Param = { value: number; range?: [number, number]; source?: string };
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isParam = (v: unknown): v is Param =>
  isObject(v) && typeof v.value === 'number' && Object.keys(v).every((k) => k === 'value' || k === 'range' || k === 'source');
const isPrimitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const itemKey = (v: unknown) => (isObject(v) ? ((v.id ?? v.name) as string | undefined) : undefined);

function describeValue(v: unknown): string {
  if (v === undefined) return '—';
  if (isParam(v)) return formatSignificant(v.value, 6);
  if (typeof v === 'number') return formatSignificant(v, 6);
  if (Array.isArray(v) && v.every(isPrimitive)) return v.map((x) => (typeof x === 'number' ? formatSignificant(x, 6) : String(x))).join(', ');
  if (isPrimitive(v)) return String(v);
  return JSON.stringify(v);
}

/** Calendar years are written without a thousands separator. */
const YEAR_FIELDS = /(^|\.)(start|end|year|startYear)$/;

function paramRow(path: string, v: unknown): ParamRow {
  const row: ParamRow = { path, value: YEAR_FIELDS.test(path) && typeof v === 'number' ? String(v) : describeValue(v) };
  if (isParam(v)) {
    if (v.range) row.range = `${formatSignificant(v.range[0], 6)} – ${formatSignificant(v.range[1], 6)}`;
    if (v.source) row.source = v.source;
  }
  return row;
}

/** Every leaf of a value (parameters with range and source count as one leaf), with its path. */
export function flattenParams(value: unknown, path = '', out: ParamRow[] = []): ParamRow[] {
  if (isParam(value) || isPrimitive(value) || (Array.isArray(value) && value.every(isPrimitive))) out.push(paramRow(path, value));
  else if (Array.isArray(value)) value.forEach((v, i) => flattenParams(v, `${path}[${itemKey(v) ?? i}]`, out));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) flattenParams(v, path ? `${path}.${k}` : k, out);
  return out;
}

/** The fields whose values differ between a baseline and a scenario (lists of items with ids matched by id). */
export function changedFields(base: unknown, over: unknown, path = '', out: ParamRow[] = []): ParamRow[] {
  if (JSON.stringify(base) === JSON.stringify(over)) return out;
  const leaf = (v: unknown) => v === undefined || isParam(v) || isPrimitive(v) || (Array.isArray(v) && v.every(isPrimitive));
  if (leaf(base) || leaf(over) || Array.isArray(base) !== Array.isArray(over)) {
    out.push({ ...paramRow(path, over), baseline: describeValue(base) });
  } else if (Array.isArray(base) && Array.isArray(over)) {
    const keyed = [...base, ...over].every((v) => itemKey(v) !== undefined);
    const keys = keyed ? [...new Set([...base, ...over].map((v) => itemKey(v)!))] : Array.from({ length: Math.max(base.length, over.length) }, (_, i) => i);
    for (const key of keys) {
      const find = (list: unknown[]) => (keyed ? list.find((v) => itemKey(v) === key) : list[key as number]);
      changedFields(find(base), find(over), `${path}[${key}]`, out);
    }
  } else if (isObject(base) && isObject(over)) {
    for (const key of new Set([...Object.keys(base), ...Object.keys(over)])) changedFields(base[key], over[key], path ? `${path}.${key}` : key, out);
  }
  return out;
}

/** A field path with list items named by their id or name where they have one: locations[bazhong].wage.top. */
function readablePath(root: unknown, path: readonly (string | number)[]): string {
  let out = '';
  let at: unknown = root;
  for (const part of path) {
    const next: unknown = Array.isArray(at) ? at[part as number] : isObject(at) ? at[part as string] : undefined;
    if (typeof part === 'number') out += `[${itemKey(next) ?? part}]`;
    else out += out ? `.${part}` : part;
    at = next;
  }
  return out;
}

/** Fields of a scenario that are not compared as "settings changed": its identity, its policies and its run block. */
const NOT_SETTINGS = new Set(['name', 'title', 'summary', 'description', 'policies', 'levers', 'run', 'extends', '$schema']);

/** A CNY amount a year: "40 M CNY" / "4000万元". */
function money(cny: number, lang: Lang): string {
  return lang === 'zh' ? `${formatDecimal(cny / 1e4, 1)}万元` : `${formatMillions(cny)} M CNY`;
}

/**
 * A scenario for the report: description, policies (schedule, budget and every parameter as written, ranges and
 * sources included) and either the fields it changes against a baseline or its assumptions.
 */
export function scenarioInfo(
  resolved: ResolvedScenario,
  options: { lang: Lang; color: string; file?: string; years: number; baseline?: ResolvedScenario },
): ScenarioInfo {
  const { lang } = options;
  const { startYear, ticksPerYear } = resolved.run;
  const inputPolicies = (resolved.input.policies ?? []) as unknown as Record<string, unknown>[];
  const policies: PolicyInfo[] = resolved.policies.map(({ spec }, k) => {
    const first = startYear + Math.floor(spec.startTick / ticksPerYear);
    const endTick = Math.min(spec.endTick, options.years * ticksPerYear);
    const last = startYear + Math.floor((endTick - 1) / ticksPerYear);
    const written = inputPolicies[k] ?? {};
    const params = Object.fromEntries(Object.entries(written).filter(([key]) => !['type', 'name', 'description'].includes(key)));
    return {
      name: spec.name,
      type: spec.type,
      description: typeof written.description === 'string' ? written.description : undefined,
      schedule: last >= first ? (first === last ? `${first}` : `${first}–${last}`) : '—',
      budget: Number.isFinite(spec.budget) ? money(spec.budget, lang) : lang === 'zh' ? '不设上限' : 'uncapped',
      // Each parameter named in words as a field of this policy (its name is the heading above the table).
      params: flattenParams(params).map((row) => ({
        ...row,
        label: fieldLabel(row.path, lang, resolved.input, { within: `policies[${k}]` }),
        value: idsInWords(row.value, lang, resolved.input),
      })),
    };
  });
  const info: ScenarioInfo = { name: resolved.name, color: options.color, description: resolved.description, file: options.file, policies };
  if (options.baseline && options.baseline !== resolved) {
    const strip = (input: unknown) => Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([k]) => !NOT_SETTINGS.has(k)));
    info.changes = changedFields(strip(options.baseline.input), strip(resolved.input)).map((row) => ({
      ...row,
      label: fieldLabel(row.path, lang, resolved.input),
      value: idsInWords(row.value, lang, resolved.input),
      baseline: row.baseline === undefined ? undefined : idsInWords(row.baseline, lang, options.baseline!.input),
    }));
  } else {
    info.assumptions = resolved.assumptions.map((a) => ({
      path: readablePath(resolved.input, a.path),
      label: fieldLabel(readablePath(resolved.input, a.path), lang, resolved.input),
      value: formatSignificant(a.value, 6),
      range: a.range ? `${formatSignificant(a.range[0], 6)} – ${formatSignificant(a.range[1], 6)}` : undefined,
      source: a.source,
    }));
  }
  return info;
}
