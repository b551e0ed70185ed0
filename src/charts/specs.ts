// Vega-Lite specs for a run or a comparison, built from tidy rows: pure functions, no I/O, data inlined in each spec.
import type { TopLevelSpec } from 'vega-lite';
import { counted } from '../core/messages.js';
import { formatSigned, formatDecimal, formatSignificantShort, metricLabel, metricUnit, unitName, withUnit, type Lang } from '../output/format.js';
import type { Labelled } from '../core/scenario.js';

/*
 * Conventions shared by every chart:
 *  - Language: `zh` (default) or `en`. Place names stay in Chinese in both ("巴中" / "巴中 Bazhong").
 *  - Colours: a scenario's colour is fixed by its position in the run or comparison (PALETTE, in order, skipping the
 *    baseline), and the baseline is always grey, so one scenario has one colour in every chart.
 *  - Units on every axis: persons (人), CNY (元, in millions), %.
 *  - Bands are the 5th–95th percentiles over replications; differences against the baseline are paired by run.
 *  - Every spec has an explicit width and height, so its SVG and PNG have a known size.
 */

export type { Lang };

/**
 * Scenario colours in order of position: Tableau 20 without its greys, the nine strong colours first and their light
 * partners after, so that up to 18 scenarios (and the grey baseline) each have a colour of their own.
 */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#499894',
  '#b6992d',
  '#b07aa1',
  '#d37295',
  '#9d7660',
  '#a0cbe8',
  '#ffbe7d',
  '#8cd17d',
  '#ff9d9a',
  '#86bcb6',
  '#f1ce63',
  '#d4a6c8',
  '#fabfd2',
  '#d7b5a6',
] as const;
/** The baseline's colour in every chart. */
export const BASELINE_COLOR = '#8c8c8c';
/** Tiers, top first: a ramp of its own, so that tier colours are not mistaken for scenarios. */
const TIER_COLORS = ['#3b0f70', '#8c2981', '#de4968', '#fe9f6d', '#fcfdbf', '#1d1147'];
/** Policies in a run's spending chart. */
const POLICY_COLORS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666'];

/** The font stack written into every spec (Chinese first, so that 巴中 has real glyphs). */
export const CHART_FONT = 'Noto Sans CJK SC, Noto Sans SC, WenQuanYi Micro Hei, sans-serif';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Colours of scenarios in the given order: the baseline grey, the others PALETTE[0], PALETTE[1], … in turn. */
export function scenarioColors(scenarios: readonly string[], baseline?: string): string[] {
  let k = 0;
  return scenarios.map((name) => (name === baseline ? BASELINE_COLOR : PALETTE[k++ % PALETTE.length]));
}

/** What every chart needs to know besides its rows. */
export interface ChartContext {
  lang: Lang;
  /** Scenario names in order (the baseline first in a comparison). */
  scenarios: string[];
  /** The baseline's name in a comparison; undefined for a single run. */
  baseline?: string;
  /** The home city (its label and labelEn). */
  home: Labelled;
  locations: Labelled[];
  tiers: Labelled[];
  /** Replications behind each mean and band (for subtitles). */
  runs: number;
}

/** A place's name: Chinese, with the English name after it in `en` ("巴中 Bazhong"). */
export function placeName(place: Labelled, lang: Lang): string {
  if (lang === 'zh' || !place.labelEn || place.labelEn === place.label) return place.label;
  return `${place.label} ${place.labelEn}`;
}

/** A tier's name in the language (its Chinese label in `zh`, its English one in `en` when it has one). */
export function tierName(tier: Labelled, lang: Lang): string {
  return lang === 'en' ? (tier.labelEn ?? tier.label) : tier.label;
}

/** The words of the charts. */
function words(lang: Lang) {
  return lang === 'zh'
    ? {
        year: '年份',
        scenario: '情景',
        baseline: '基线',
        band: (runs: number) => `实线为${runs}次重复的均值，阴影为5–95%区间`,
        mean: '均值',
        p5: '5%分位',
        p95: '95%分位',
      }
    : {
        year: 'Year',
        scenario: 'Scenario',
        baseline: 'baseline',
        band: (runs: number) => `Line: mean over ${counted(runs, 'run')}; shaded: 5–95 % band`,
        mean: 'mean',
        p5: '5th percentile',
        p95: '95th percentile',
      };
}

/** Look and feel shared by all charts. */
function config(): Record<string, unknown> {
  return {
    font: CHART_FONT,
    background: 'white',
    title: { anchor: 'start', fontSize: 15, fontWeight: 'bold', subtitleFontSize: 11, subtitleColor: '#555555', offset: 12, subtitlePadding: 4 },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6', domainColor: '#888888', tickColor: '#888888' },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 320, titleLimit: 320 },
    header: { labelFontSize: 12, titleFontSize: 12 },
    view: { stroke: '#dddddd' },
  };
}

function topLevel(spec: Record<string, unknown>, description: string): TopLevelSpec {
  return { $schema: SCHEMA, description, ...spec, config: config() } as unknown as TopLevelSpec;
}

/*
 * A nominal field is put in a given order by an explicit scale domain (axes, colours) or by an index field the rows
 * carry (facets), never by a sort list (`sort: [...]`): vega-lite compiles a sort list into one nested
 * `a ? 0 : b ? 1 : …` expression, and vega's parser overflows the stack on it past about 700 values (a scenario with
 * 1,000 policies did, after its whole simulation). A domain or an index field has no such limit.
 */

/** The rows with `<field>Order`, the position of their `field` in `order` (unknown values last), and the facet sort by it. */
export function withOrder<T extends Record<string, unknown>>(rows: readonly T[], field: keyof T & string, order: readonly string[]) {
  const index = new Map(order.map((value, k) => [value, k]));
  const orderField = `${field}Order`;
  return {
    rows: rows.map((r) => ({ ...r, [orderField]: index.get(String(r[field])) ?? order.length })),
    sort: { field: orderField, op: 'min' },
  };
}

/**
 * The colour encoding of scenarios: fixed colours by position, whatever subset a chart draws (`only`); the legend
 * shows lines (or points) and is left out for a single run.
 */
function scenarioColor(ctx: ChartContext, options: { only?: readonly string[]; symbol?: 'stroke' | 'circle' | 'square' } = {}): Record<string, unknown> {
  const colors = scenarioColors(ctx.scenarios, ctx.baseline);
  const keep = ctx.scenarios.map((s, k) => ({ s, c: colors[k] })).filter(({ s }) => !options.only || options.only.includes(s));
  const legend =
    ctx.scenarios.length > 1
      ? {
          title: words(ctx.lang).scenario,
          symbolType: options.symbol ?? 'stroke',
          symbolStrokeWidth: options.symbol === 'stroke' || !options.symbol ? 3 : 1.5,
          symbolOpacity: 1,
        }
      : null;
  return { field: 'scenario', type: 'nominal', scale: { domain: keep.map((k) => k.s), range: keep.map((k) => k.c) }, legend };
}

const yearAxis = (lang: Lang) => ({
  field: 'year',
  type: 'quantitative',
  title: words(lang).year,
  scale: { zero: false, nice: false },
  axis: { format: 'd', tickMinStep: 1, labelOverlap: true },
});

// ---- rows the charts draw -----------------------------------------------------------------------------------------

/** A figure with its band, per scenario and year. */
export interface BandRow {
  scenario: string;
  year: number;
  mean: number;
  p5: number;
  p95: number;
}

/**
 * Net retention over time with 5–95 % bands. A single run: one line and band. A comparison: one panel per scenario
 * (the baseline first), each with the scenario's line and band and the baseline's mean as a grey dashed reference
 * line. Marks: `line` (one path per scenario), `band` (one per scenario), `reference` (one per non-baseline scenario).
 */
export function retentionSpec(rows: readonly BandRow[], ctx: ChartContext): TopLevelSpec {
  const w = words(ctx.lang);
  const home = placeName(ctx.home, ctx.lang);
  const comparing = ctx.scenarios.length > 1;
  const ref = comparing
    ? ctx.lang === 'zh'
      ? `；灰色虚线为基线（${ctx.baseline ?? ctx.scenarios[0]}）的均值`
      : `; grey dashes: the baseline (${ctx.baseline ?? ctx.scenarios[0]}) mean`
    : '';
  const title =
    ctx.lang === 'zh'
      ? { text: `${home}人才净流入（迁入减迁出）逐年变化`, subtitle: `${w.band(ctx.runs)}${ref}；低于0表示流出多于流入` }
      : {
          text: `Net retention of talent in ${home} (movers in − movers out), year by year`,
          subtitle: `${w.band(ctx.runs)}${ref}; below 0, more leave than arrive`,
        };
  const yTitle = withUnit(ctx.lang === 'zh' ? '净流入' : 'Net retention', unitName('persons', ctx.lang), ctx.lang);
  const tooltip = bandTooltip(ctx.lang);
  const own = finiteRows(rows).map((r) => ({ ...r, panel: r.scenario, ref: false }));
  const baseline = ctx.baseline ?? ctx.scenarios[0];
  const refs = comparing
    ? ctx.scenarios.filter((s) => s !== baseline).flatMap((panel) => own.filter((r) => r.scenario === baseline).map((r) => ({ ...r, panel, ref: true })))
    : [];
  const layer = [
    {
      name: 'band',
      transform: [{ filter: '!datum.ref' }],
      mark: { type: 'area', opacity: 0.2 },
      encoding: { y: { field: 'p5', type: 'quantitative', title: yTitle, axis: { format: ',d' } }, y2: { field: 'p95' }, color: scenarioColor(ctx) },
    },
    { name: 'zero', mark: { type: 'rule', color: '#444444', strokeDash: [2, 2] }, encoding: { y: { datum: 0 } } },
    ...(comparing
      ? [
          {
            name: 'reference',
            transform: [{ filter: 'datum.ref' }],
            mark: { type: 'line', strokeWidth: 1.5, strokeDash: [5, 3], color: BASELINE_COLOR },
            encoding: { y: { field: 'mean', type: 'quantitative' } },
          },
        ]
      : []),
    {
      name: 'line',
      transform: [{ filter: '!datum.ref' }],
      mark: { type: 'line', strokeWidth: 2.2 },
      encoding: { y: { field: 'mean', type: 'quantitative' }, color: scenarioColor(ctx) },
    },
    {
      name: 'points',
      transform: [{ filter: '!datum.ref' }],
      mark: { type: 'point', filled: true, size: 26, opacity: 1 },
      encoding: { y: { field: 'mean', type: 'quantitative' }, color: scenarioColor(ctx), tooltip },
    },
  ];
  const panels = withOrder([...own, ...refs], 'panel', ctx.scenarios);
  const data = { values: panels.rows };
  if (!comparing) return topLevel({ title, width: 560, height: 300, data, encoding: { x: yearAxis(ctx.lang) }, layer }, title.text);
  return topLevel(
    {
      title,
      data,
      facet: { field: 'panel', type: 'nominal', sort: panels.sort, title: null, header: { labelFontSize: 12, labelFontWeight: 'bold' } },
      columns: Math.min(3, ctx.scenarios.length),
      spec: { width: 250, height: 160, encoding: { x: yearAxis(ctx.lang) }, layer },
    },
    title.text,
  );
}

function bandTooltip(lang: Lang) {
  const w = words(lang);
  return [
    { field: 'scenario', type: 'nominal', title: w.scenario },
    { field: 'year', type: 'quantitative', title: w.year, format: 'd' },
    { field: 'mean', type: 'quantitative', title: w.mean, format: ',.0f' },
    { field: 'p5', type: 'quantitative', title: w.p5, format: ',.0f' },
    { field: 'p95', type: 'quantitative', title: w.p95, format: ',.0f' },
  ];
}

/** Rows without NaN figures (vega would draw them as gaps or zero). */
function finiteRows<T extends { mean: number }>(rows: readonly T[]): T[] {
  return rows.filter((r) => Number.isFinite(r.mean));
}

/** Effective talent, the talent index (effective talent weighted by tier wages) or residents of the home city, per scenario and year. */
export interface TalentRow extends BandRow {
  measure: 'effectiveTalent' | 'talentIndex' | 'residents';
}

/** One part of the talent working for the home city from elsewhere in a year (FTE, mean over runs). */
export interface FteRow {
  year: number;
  component: 'flexibleFte' | 'enclaveFte' | 'remoteFte';
  mean: number;
}

function measureNames(lang: Lang): Record<TalentRow['measure'], string> {
  return { effectiveTalent: metricLabel('effectiveTalent', lang), talentIndex: metricLabel('talentIndex', lang), residents: metricLabel('residents', lang) };
}

function effectiveSubtitle(ctx: ChartContext): string {
  const home = placeName(ctx.home, ctx.lang);
  return ctx.lang === 'zh'
    ? `有效人才 = 为${home}工作的常住人才 + 柔性引才、飞地中心和远程协作的全职当量；没有这些政策时两者相等`
    : `Effective talent = residents working for ${home} + full-time equivalents of flexible hiring, enclave centres and remote work; equal without such policies`;
}

function indexSubtitle(ctx: ChartContext): string {
  const home = placeName(ctx.home, ctx.lang);
  return ctx.lang === 'zh'
    ? `人才质量指数 = 各层级有效人才 × 该层级在${home}的起始工资 ÷ 最低一级的起始工资`
    : `Talent index = effective talent of each tier × its starting wage in ${home} ÷ the lowest tier's starting wage`;
}

/**
 * A single run: the home city's effective talent, its resident talent and its talent index over time, mean lines
 * (solid: effective, dashed: residents, dotted: the index) with 5–95 % bands (marks `talent_line`, three paths). When policies add talent working from
 * elsewhere, a second panel stacks its parts per year (`fte_bars`, one bar segment per year and part), since the gap
 * is small beside the totals.
 */
export function effectiveOverTimeSpec(rows: readonly TalentRow[], ctx: ChartContext, fte: readonly FteRow[] = []): TopLevelSpec {
  const w = words(ctx.lang);
  const names = measureNames(ctx.lang);
  const home = placeName(ctx.home, ctx.lang);
  const data = finiteRows(rows).map((r) => ({ ...r, measureName: names[r.measure] }));
  const title =
    ctx.lang === 'zh'
      ? { text: `${home}有效人才、常住人才与人才质量指数（年末）`, subtitle: [effectiveSubtitle(ctx), indexSubtitle(ctx), w.band(ctx.runs)] }
      : {
          text: `Effective talent, resident talent and talent index in ${home} (year end)`,
          subtitle: [effectiveSubtitle(ctx), indexSubtitle(ctx), w.band(ctx.runs)],
        };
  const dash = {
    field: 'measureName',
    type: 'nominal',
    title: null,
    scale: {
      domain: [names.effectiveTalent, names.residents, names.talentIndex],
      range: [
        [1, 0],
        [6, 4],
        [1, 3],
      ],
    },
    legend: { orient: 'top', direction: 'horizontal', symbolStrokeColor: '#333333', symbolStrokeWidth: 2 },
  };
  const tooltip = [{ field: 'measureName', type: 'nominal', title: ' ' }, ...bandTooltip(ctx.lang).slice(1)];
  const color = { value: scenarioColors(ctx.scenarios, ctx.baseline)[0] };
  const levels = {
    width: 560,
    height: 260,
    data: { values: data },
    encoding: { x: yearAxis(ctx.lang), color, detail: { field: 'measureName', type: 'nominal' } },
    layer: [
      {
        name: 'talent_band',
        mark: { type: 'area', opacity: 0.14 },
        encoding: {
          y: {
            field: 'p5',
            type: 'quantitative',
            title: withUnit(ctx.lang === 'zh' ? '人才' : 'Talent', unitName('persons', ctx.lang), ctx.lang),
            scale: { zero: false },
            axis: { format: ',d' },
          },
          y2: { field: 'p95' },
        },
      },
      { name: 'talent_line', mark: { type: 'line', strokeWidth: 2.2 }, encoding: { y: { field: 'mean', type: 'quantitative' }, strokeDash: dash } },
      { name: 'talent_points', mark: { type: 'point', filled: true, size: 24, opacity: 1 }, encoding: { y: { field: 'mean', type: 'quantitative' }, tooltip } },
    ],
  };
  const components = (['flexibleFte', 'enclaveFte', 'remoteFte'] as const).filter((c) => fte.some((r) => r.component === c && r.mean > 0));
  if (!components.length) return topLevel({ title, ...levels }, title.text);
  const componentNames = components.map((c) => metricLabel(c, ctx.lang));
  const parts = fte
    .filter((r) => components.includes(r.component) && Number.isFinite(r.mean))
    .map((r) => ({ ...r, componentName: metricLabel(r.component, ctx.lang), order: components.indexOf(r.component) }));
  const gap = {
    name: 'fte_bars',
    width: 560,
    height: 130,
    data: { values: parts },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: w.year, axis: { labelAngle: 0 } },
      y: {
        field: 'mean',
        type: 'quantitative',
        stack: 'zero',
        title: withUnit(
          ctx.lang === 'zh' ? '其中在外为巴中工作' : 'Working from elsewhere',
          unitName('persons', ctx.lang) + (ctx.lang === 'zh' ? '，FTE' : ', FTE'),
          ctx.lang,
        ),
        axis: { format: ',d' },
      },
      color: {
        field: 'componentName',
        type: 'nominal',
        sort: componentNames,
        title: null,
        scale: { domain: componentNames, range: ['#6f4e7c', '#ca472f', '#0b84a5'].slice(0, componentNames.length) },
        legend: { orient: 'right' },
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'componentName', type: 'nominal', title: ' ' },
        { field: 'year', type: 'ordinal', title: w.year },
        { field: 'mean', type: 'quantitative', title: w.mean, format: ',.1f' },
      ],
    },
  };
  return topLevel({ title, vconcat: [levels, gap], spacing: 18, resolve: { scale: { color: 'independent' } } }, title.text);
}

/**
 * A comparison at one year: each scenario's resident talent (open circle) and effective talent (filled dot), joined
 * by a line — the gap is the talent working for the home city from elsewhere; a dot inside its circle means the two
 * are equal. Marks: `gap` (one rule per scenario), `residents` and `effective` (one point per scenario each).
 */
export function effectiveDumbbellSpec(rows: readonly TalentRow[], ctx: ChartContext, year: number): TopLevelSpec {
  const names = measureNames(ctx.lang);
  const home = placeName(ctx.home, ctx.lang);
  const at = finiteRows(rows).filter((r) => r.year === year);
  const points = at.map((r) => ({ ...r, measureName: names[r.measure] }));
  const pairs = ctx.scenarios.flatMap((scenario) => {
    const e = at.find((r) => r.scenario === scenario && r.measure === 'effectiveTalent');
    const r = at.find((x) => x.scenario === scenario && x.measure === 'residents');
    return e && r ? [{ scenario, effective: e.mean, residents: r.mean, gap: e.mean - r.mean }] : [];
  });
  const title =
    ctx.lang === 'zh'
      ? {
          text: `${year}年末${home}的有效人才与常住人才`,
          subtitle: [
            effectiveSubtitle(ctx),
            `${ctx.runs}次重复的均值；空心圆：常住人才，实心点：有效人才（点下黑线为其5–95%区间），点在圈内表示两者相等；灰色虚线：基线的有效人才`,
          ],
        }
      : {
          text: `Effective talent and resident talent in ${home}, end of ${year}`,
          subtitle: [
            effectiveSubtitle(ctx),
            `Mean over ${counted(ctx.runs, 'run')}; open circle: residents, dot: effective talent (black line below: its 5–95 % band; a dot inside its circle: the two are equal); grey dashes: the baseline's effective talent`,
          ],
        };
  const y = { field: 'scenario', type: 'nominal', scale: { domain: ctx.scenarios }, title: null, axis: { labelLimit: 220 } };
  const xTitle = withUnit(ctx.lang === 'zh' ? '人才' : 'Talent', unitName('persons', ctx.lang), ctx.lang);
  const baseEffective = ctx.baseline ? at.find((r) => r.scenario === ctx.baseline && r.measure === 'effectiveTalent') : undefined;
  const tooltip = [{ field: 'measureName', type: 'nominal', title: ' ' }, ...bandTooltip(ctx.lang)];
  return topLevel(
    {
      title,
      width: 520,
      height: Math.max(120, 34 * ctx.scenarios.length),
      layer: [
        {
          name: 'gap',
          data: { values: pairs },
          mark: { type: 'rule', strokeWidth: 3, opacity: 0.6 },
          encoding: {
            y,
            x: { field: 'residents', type: 'quantitative', title: xTitle, scale: { zero: false, padding: 12 }, axis: { format: ',d' } },
            x2: { field: 'effective' },
            color: scenarioColor(ctx, { symbol: 'circle' }),
            tooltip: [
              { field: 'scenario', type: 'nominal', title: words(ctx.lang).scenario },
              {
                field: 'gap',
                type: 'quantitative',
                title: withUnit(ctx.lang === 'zh' ? '差值' : 'gap', unitName('persons', ctx.lang), ctx.lang),
                format: ',.0f',
              },
            ],
          },
        },
        ...(baseEffective
          ? [
              {
                name: 'reference',
                data: { values: [{ x: baseEffective.mean }] },
                mark: { type: 'rule', color: BASELINE_COLOR, strokeDash: [5, 3], strokeWidth: 1.5 },
                encoding: { x: { field: 'x', type: 'quantitative' } },
              },
            ]
          : []),
        {
          name: 'band',
          data: { values: points.filter((p) => p.measure === 'effectiveTalent' && p.p5 !== p.p95) },
          mark: { type: 'rule', strokeWidth: 1.5, color: '#222222', opacity: 0.8, yOffset: 8 },
          encoding: { y, x: { field: 'p5', type: 'quantitative' }, x2: { field: 'p95' }, tooltip },
        },
        {
          name: 'residents',
          data: { values: points.filter((p) => p.measure === 'residents') },
          mark: { type: 'point', size: 150, strokeWidth: 2, fill: 'white', filled: false, opacity: 1 },
          encoding: { y, x: { field: 'mean', type: 'quantitative' }, color: scenarioColor(ctx, { symbol: 'circle' }), tooltip },
        },
        {
          name: 'effective',
          data: { values: points.filter((p) => p.measure === 'effectiveTalent') },
          mark: { type: 'point', size: 50, filled: true, opacity: 1 },
          encoding: { y, x: { field: 'mean', type: 'quantitative' }, color: scenarioColor(ctx, { symbol: 'circle' }), tooltip },
        },
      ],
    },
    title.text,
  );
}

/** A paired difference against the baseline at one year. */
export interface DiffRow {
  scenario: string;
  metric: string;
  mean: number;
  p5: number;
  p95: number;
}

/**
 * The difference of each scenario against the baseline at one year, one panel per metric: a bar (mean paired
 * difference) with an error bar (5–95 % of the paired differences). Marks: `bars` (one per scenario and metric),
 * `errors` (likewise).
 */
export function differenceSpec(rows: readonly DiffRow[], ctx: ChartContext, year: number): TopLevelSpec {
  const metrics = [...new Set(rows.map((r) => r.metric))];
  const scenarios = ctx.scenarios.filter((s) => s !== ctx.baseline);
  const data = rows
    .filter((r) => scenarios.includes(r.scenario) && Number.isFinite(r.mean))
    .map((r) => {
      // A difference of shares reads best in percentage points.
      const share = metricUnit(r.metric) === 'share';
      const scaled = share ? { mean: r.mean * 100, p5: r.p5 * 100, p95: r.p95 * 100 } : {};
      return { ...r, ...scaled, metricName: withUnit(metricLabel(r.metric, ctx.lang), unitName(share ? 'points' : 'persons', ctx.lang), ctx.lang) };
    });
  const metricOrder = metrics.map((m) => data.find((r) => r.metric === m)?.metricName).filter((x): x is string => x !== undefined);
  const baseline = ctx.baseline ?? words(ctx.lang).baseline;
  const title =
    ctx.lang === 'zh'
      ? {
          text: `${year}年各情景与基线（${baseline}）的差异`,
          subtitle: `条形：${ctx.runs}次配对重复的差值均值；误差线：配对差值的5–95%区间；大于0表示比基线多；横轴为对称对数刻度，小的差值也看得见`,
        }
      : {
          text: `Difference of each scenario from the baseline (${baseline}) in ${year}`,
          subtitle: `Bar: mean of ${counted(ctx.runs, 'paired difference')}; error bar: 5–95 % of the paired differences; above 0, more than the baseline; symmetric log scale, so small differences show`,
        };
  const y = { field: 'scenario', type: 'nominal', scale: { domain: scenarios }, title: null, axis: { labelLimit: 200 } };
  const w = words(ctx.lang);
  return topLevel(
    {
      title,
      data: { values: data },
      facet: { column: { field: 'metricName', type: 'nominal', sort: metricOrder, title: null, header: { labelFontSize: 12, labelFontWeight: 'bold' } } },
      spec: {
        width: 220,
        height: Math.max(60, 30 * scenarios.length),
        layer: [
          {
            name: 'bars',
            mark: { type: 'bar', height: { band: 0.6 } },
            encoding: {
              y,
              x: {
                field: 'mean',
                type: 'quantitative',
                title: ctx.lang === 'zh' ? '与基线之差（对称对数刻度）' : 'Difference from the baseline (symmetric log scale)',
                // Symmetric log: +57 next to +8,700 is still a bar you can see; within ±1 the scale is linear.
                scale: { type: 'symlog', constant: 1 },
                // A symlog scale's own ticks are evenly spaced, so few fall where the bars are: ticks at 0 and ±
                // each power of ten instead (Vega draws only those within a panel's domain).
                axis: { format: ',~s', labelOverlap: 'greedy', values: symlogTicks(data.flatMap((r) => [r.mean, r.p5, r.p95])) },
              },
              color: scenarioColor(ctx, { only: scenarios, symbol: 'square' }),
              tooltip: [
                { field: 'scenario', type: 'nominal', title: w.scenario },
                { field: 'metricName', type: 'nominal', title: ' ' },
                { field: 'mean', type: 'quantitative', title: w.mean, format: ',.1f' },
                { field: 'p5', type: 'quantitative', title: w.p5, format: ',.1f' },
                { field: 'p95', type: 'quantitative', title: w.p95, format: ',.1f' },
              ],
            },
          },
          {
            name: 'errors',
            mark: { type: 'rule', strokeWidth: 1.5, color: '#222222' },
            encoding: { y, x: { field: 'p5', type: 'quantitative' }, x2: { field: 'p95' } },
          },
          { name: 'zero', mark: { type: 'rule', color: '#444444' }, encoding: { x: { datum: 0 } } },
        ],
      },
      resolve: { scale: { x: 'independent' } },
    },
    title.text,
  );
}

/** Ticks for a symmetric log axis: 0 and ± each power of ten from 1 up to the first beyond the largest magnitude. */
export function symlogTicks(values: readonly number[]): number[] {
  const largest = Math.max(1, ...values.filter(Number.isFinite).map(Math.abs));
  const powers: number[] = [];
  for (let p = 1; powers.length === 0 || powers[powers.length - 1] < largest; p *= 10) powers.push(p);
  return [...powers.map((p) => -p).reverse(), 0, ...powers];
}

/** One scenario's cumulative cost and its effect at one year. */
export interface CostEffectRow {
  scenario: string;
  /** Cumulative policy spending through the year, CNY. */
  cost: number;
  /** Paired difference of the effect metric against the baseline in the year, and its band (for the tooltip). */
  effect: number;
  effectP5: number;
  effectP95: number;
  /** Additional effective talent-years through the year against the baseline (mean of the paired runs) and its band. */
  talentYears: number;
  talentYearsP5: number;
  talentYearsP95: number;
  /** CNY per additional effective talent-year; NaN when undefined. */
  costPerTalentYear: number;
}

/** Size of the cost–effect chart's plot, px. */
const COST_EFFECT_SIZE = { width: 560, height: 380 };
/** The symmetric-log constant of its effect axis (talent-years): linear within ±10. */
const SYMLOG_CONSTANT = 10;
/** Costs per extra talent-year that reference lines may mark, CNY. */
const REFERENCE_COSTS = [1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6, 3e6, 1e7, 3e7, 1e8];

const symlog = (y: number) => Math.sign(y) * Math.log1p(Math.abs(y) / SYMLOG_CONSTANT);

/** Width of a label in px at 11 px: CJK characters count as one em, others as about 0.6. */
export function labelWidth(text: string, fontSize = 11): number {
  let w = 0;
  for (const char of text) w += /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(char) ? fontSize : fontSize * 0.62;
  return w;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two boxes overlap or come closer than 2 px. */
const overlaps = (a: Box, b: Box, gap = 2) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/**
 * Labels placed next to their points without overlapping one another, the points, or the plot's edges: each tries
 * right, left, above and below its point in turn, in the order given (the most important first); a label with no
 * room is left out (its point keeps its colour and tooltip). Returns the placed labels' anchors (px: left end, middle
 * of the line) and boxes.
 */
export function placeLabels(
  points: readonly { text: string; x: number; y: number }[],
  size: { width: number; height: number },
  fontSize = 11,
  obstacles: readonly Box[] = [],
): { text: string; x: number; y: number; box: Box }[] {
  const h = Math.ceil(fontSize * 1.45);
  const taken: Box[] = [...obstacles, ...points.map((p) => ({ x: p.x - 6, y: p.y - 6, width: 12, height: 12 }))];
  const out: { text: string; x: number; y: number; box: Box }[] = [];
  for (const p of points) {
    const w = labelWidth(p.text, fontSize);
    const boxes: Box[] = [
      { x: p.x + 8, y: p.y - h / 2, width: w, height: h },
      { x: p.x - 8 - w, y: p.y - h / 2, width: w, height: h },
      { x: p.x - w / 2, y: p.y - 8 - h, width: w, height: h },
      { x: p.x - w / 2, y: p.y + 8, width: w, height: h },
    ];
    const fits = boxes.find(
      (box) => box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height && !taken.some((t) => overlaps(t, box)),
    );
    if (!fits) continue;
    taken.push(fits);
    out.push({ text: p.text, x: fits.x, y: fits.y + h / 2, box: fits });
  }
  return out;
}

/**
 * Cost against effect at one year: cumulative policy cost (million CNY, log axis) against the additional effective
 * talent-years through the year (symmetric log axis, so that a loss shows too), with the 5–95 % band of the
 * talent-years as a vertical bar and grey reference lines of equal cost per extra talent-year (a point on a line
 * costs that much per talent-year; lines further up and left are cheaper). Scenarios without cost (the baseline) are
 * left out. Labels are placed where they have room (`placeLabels`), the most effective first; the legend names every
 * colour. Marks: `points` and `errors` (one per scenario with a cost), `labels` (those placed), `references`.
 */
export function costEffectSpec(rows: readonly CostEffectRow[], ctx: ChartContext, year: number): TopLevelSpec {
  const w = words(ctx.lang);
  const zh = ctx.lang === 'zh';
  const data = rows
    .filter((r) => Number.isFinite(r.talentYears) && Number.isFinite(r.cost) && r.cost > 0)
    .map((r) => ({
      ...r,
      costM: r.cost / 1e6,
      perTalentYear: Number.isFinite(r.costPerTalentYear) ? r.costPerTalentYear : null,
      p5: Number.isFinite(r.talentYearsP5) ? r.talentYearsP5 : r.talentYears,
      p95: Number.isFinite(r.talentYearsP95) ? r.talentYearsP95 : r.talentYears,
    }));
  const costs = data.map((r) => r.costM);
  const lo = costs.length ? Math.min(...costs) : 0.1;
  const hi = costs.length ? Math.max(...costs) : 1;
  const xDomain = [lo / 1.6, hi * 1.6];
  const ys = data.flatMap((r) => [r.p5, r.p95, r.talentYears]);
  const yMin = Math.min(0, ...ys);
  const yMax = Math.max(1, ...ys);
  const yDomain = [yMin < 0 ? yMin * 1.3 : 0, yMax * 1.3];
  const { width, height } = COST_EFFECT_SIZE;
  const px = (costM: number) => ((Math.log10(costM) - Math.log10(xDomain[0])) / (Math.log10(xDomain[1]) - Math.log10(xDomain[0]))) * width;
  const py = (ty: number) => height - ((symlog(ty) - symlog(yDomain[0])) / (symlog(yDomain[1]) - symlog(yDomain[0]))) * height;
  // Labels, the largest effect first.
  const byEffect = [...data].sort((a, b) => b.talentYears - a.talentYears);
  const placed = placeLabels(
    byEffect.map((r) => ({ text: r.scenario, x: px(r.costM), y: py(r.talentYears) })),
    { width, height },
  );
  const labels = placed.map(({ text, x, y }) => ({ text, x, y, scenario: text }));
  // Reference lines: talent-years = cost / (CNY per talent-year), sampled along the log cost axis, kept inside the plot.
  const samples = 48;
  const references = REFERENCE_COSTS.flatMap((perYear) => {
    const line = Array.from({ length: samples + 1 }, (_, k) => {
      const costM = xDomain[0] * (xDomain[1] / xDomain[0]) ** (k / samples);
      return { perYear, costM, talentYears: (costM * 1e6) / perYear };
    }).filter((p) => p.talentYears >= Math.max(yDomain[0], SYMLOG_CONSTANT) && p.talentYears <= yDomain[1]);
    return line.length >= 2 ? line : [];
  });
  // Each line's label near its upper end, where it has room (scenario labels and points come first).
  const obstacles = [
    ...placed.map((l) => l.box),
    ...data.map((r) => ({ x: px(r.costM) - 6, y: py(r.p95) - 2, width: 12, height: Math.max(4, py(r.p5) - py(r.p95) + 4) })),
  ];
  const referenceText = (perYear: number) =>
    zh
      ? perYear >= 1e8
        ? `${formatSignificantShort(perYear / 1e8)}亿元/人才年`
        : perYear >= 1e4
          ? `${formatSignificantShort(perYear / 1e4)}万元/人才年`
          : `${perYear}元/人才年`
      : `${formatSignificantShort(perYear / 1e3)}k CNY/talent-yr`;
  // Each line's label where it has room, tried from the line's upper end down along it.
  const referenceLabels: { text: string; x: number; y: number }[] = [];
  const taken = [...obstacles];
  for (const perYear of new Set(references.map((r) => r.perYear))) {
    const line = references.filter((r) => r.perYear === perYear);
    for (let k = line.length - 1; k >= 0; k -= 3) {
      const [fit] = placeLabels([{ text: referenceText(perYear), x: px(line[k].costM), y: py(line[k].talentYears) }], { width, height }, 10, taken);
      if (!fit) continue;
      taken.push(fit.box);
      referenceLabels.push({ text: fit.text, x: fit.x, y: fit.y });
      break;
    }
  }
  const yTicks = [0, ...[1, 2, 5].flatMap((m) => [1, 2, 3, 4, 5, 6, 7].map((p) => m * 10 ** p))]
    .flatMap((v) => (v === 0 ? [0] : [v, -v]))
    .filter((v) => v >= yDomain[0] && v <= yDomain[1])
    .sort((a, b) => a - b);
  const title = zh
    ? {
        text: `成本与效果：到${year}年的累计政策成本与新增有效人才年`,
        subtitle: [
          `点：${ctx.runs}次配对重复的均值；竖线：新增人才年的5–95%区间；两轴均为对数刻度（纵轴为对称对数，可显示负值）`,
          '灰色细线：每增加一个有效人才年的成本相同的点（越靠左上越便宜）；无成本的基线不画；标签放不下的情景见图例与结果表',
        ],
      }
    : {
        text: `Cost against effect: cumulative policy cost to ${year} and extra effective talent-years`,
        subtitle: [
          `Point: mean of ${counted(ctx.runs, 'paired run')}; vertical bar: 5–95 % band of the extra talent-years; both axes logarithmic (the vertical one symmetric, so losses show)`,
          'Grey lines: equal cost per extra talent-year (further up and left is cheaper); the baseline, which costs nothing, is not drawn; scenarios without room for a label: see the legend and the table',
        ],
      };
  const x = {
    field: 'costM',
    type: 'quantitative',
    title: withUnit(zh ? `到${year}年的累计成本（对数刻度）` : `Cumulative cost to ${year} (log scale)`, unitName('mcny', ctx.lang), ctx.lang),
    scale: { type: 'log', domain: xDomain, nice: false },
    axis: { format: ',~r', labelOverlap: 'greedy', grid: true },
  };
  const y = {
    field: 'talentYears',
    type: 'quantitative',
    title: withUnit(
      zh ? `到${year}年新增的有效人才年（相对基线）` : `Extra effective talent-years to ${year} vs the baseline`,
      zh ? '人·年' : 'person-years',
      ctx.lang,
    ),
    scale: { type: 'symlog', constant: SYMLOG_CONSTANT, domain: yDomain, nice: false },
    axis: { format: ',~r', labelOverlap: 'greedy', values: yTicks },
  };
  const tooltip = [
    { field: 'scenario', type: 'nominal', title: w.scenario },
    { field: 'costM', type: 'quantitative', title: withUnit(zh ? '累计成本' : 'cumulative cost', unitName('mcny', ctx.lang), ctx.lang), format: ',.1f' },
    { field: 'talentYears', type: 'quantitative', title: zh ? '新增有效人才年' : 'extra effective talent-years', format: ',.0f' },
    { field: 'p5', type: 'quantitative', title: w.p5, format: ',.0f' },
    { field: 'p95', type: 'quantitative', title: w.p95, format: ',.0f' },
    { field: 'effect', type: 'quantitative', title: zh ? `${year}年的增量（人）` : `gain in ${year} (persons)`, format: ',.0f' },
    { field: 'perTalentYear', type: 'quantitative', title: zh ? '每增加一个有效人才年的成本（元）' : 'CNY per extra effective talent-year', format: ',.0f' },
  ];
  const color = scenarioColor(ctx, { symbol: 'circle', only: data.map((r) => r.scenario) });
  return topLevel(
    {
      title,
      width,
      height,
      layer: [
        {
          name: 'references',
          data: { values: references },
          mark: { type: 'line', color: '#b0b0b0', strokeWidth: 1, strokeDash: [4, 3], clip: true },
          encoding: { x, y, detail: { field: 'perYear', type: 'quantitative' } },
        },
        {
          name: 'reference_labels',
          data: { values: referenceLabels },
          mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 10, color: '#8a8a8a' },
          encoding: { x: { field: 'x', type: 'quantitative', scale: null }, y: { field: 'y', type: 'quantitative', scale: null }, text: { field: 'text' } },
        },
        { name: 'zero', data: { values: [{}] }, mark: { type: 'rule', color: '#444444', strokeDash: [2, 2] }, encoding: { y: { datum: 0 } } },
        {
          name: 'errors',
          data: { values: data },
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: { x, y: { field: 'p5', type: 'quantitative' }, y2: { field: 'p95' }, color },
        },
        {
          name: 'points',
          data: { values: data },
          mark: { type: 'point', filled: true, size: 90, opacity: 1, stroke: 'white', strokeWidth: 0.8 },
          encoding: { x, y, color, tooltip },
        },
        {
          name: 'labels',
          data: { values: labels },
          mark: { type: 'text', baseline: 'middle', align: 'left', fontSize: 11 },
          encoding: {
            x: { field: 'x', type: 'quantitative', scale: null },
            y: { field: 'y', type: 'quantitative', scale: null },
            text: { field: 'text' },
            color,
          },
        },
      ],
    },
    title.text,
  );
}

/** Moves between two places a year (mean over runs and years), for one scenario. */
export interface FlowCell {
  scenario: string;
  origin: string;
  destination: string;
  moves: number;
}

/** Legend values for a log colour scale: 1, 2, 5 × powers of ten within [min, max]. */
function logLegendValues(min: number, max: number): number[] {
  const out: number[] = [];
  for (let p = Math.floor(Math.log10(Math.max(min, 1e-9))); p <= Math.ceil(Math.log10(Math.max(max, 1))); p++)
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** p;
      if (v >= min && v <= max) out.push(v);
    }
  return out.length >= 2 ? out : [min, max];
}

/**
 * Origin-destination matrix. A single run: one cell per pair of places with moves (`cells`; colour: persons a year
 * on a log scale, the number written in the cell). A comparison: the baseline's matrix (`base_cells`), then for each
 * other scenario its difference from the baseline per pair (`diff_cells`, diverging colours: blue more moves, red
 * fewer).
 */
export function flowsSpec(cells: readonly FlowCell[], ctx: ChartContext, years: { first: number; last: number }): TopLevelSpec {
  const ids = ctx.locations.map((l) => l.id);
  const names = ctx.locations.map((l) => placeName(l, ctx.lang));
  const nameOf = (id: string) => names[ids.indexOf(id)] ?? id;
  const span = years.first === years.last ? `${years.first}` : `${years.first}–${years.last}`;
  const baseline = ctx.baseline ?? ctx.scenarios[0];
  const comparing = ctx.scenarios.length > 1;
  const unit = ctx.lang === 'zh' ? '人/年' : 'persons a year';
  const zh = ctx.lang === 'zh';
  const title = zh
    ? {
        text: `地区间人才流动：每年从起点迁往终点的人数（${span}年平均）`,
        subtitle: comparing
          ? `上：基线（${baseline}），${ctx.runs}次重复与各年的均值，所有层次合计，颜色为对数刻度；下：各情景与基线之差（蓝：更多，红：更少）`
          : `${ctx.runs}次重复与各年的均值，所有层次合计；颜色为对数刻度`,
      }
    : {
        text: `Talent moving between places: persons a year from origin to destination (mean ${span})`,
        subtitle: comparing
          ? `Top: the baseline (${baseline}), mean over ${counted(ctx.runs, 'run')} and the years, all tiers, colour on a log scale; below: each scenario minus the baseline (blue: more moves, red: fewer)`
          : `Mean over ${counted(ctx.runs, 'run')} and the years, all tiers; colour on a log scale`,
      };
  // English names run longer ("Elsewhere in China"): wider cells.
  const cell = (comparing ? 62 : 86) + (zh ? 0 : 18);
  const axes = (size: number, showTitles = true) => ({
    x: {
      field: 'destination',
      type: 'nominal',
      sort: names,
      title: showTitles ? (zh ? '终点' : 'Destination') : null,
      // "巴中 Bazhong" on two lines, so that the names fit under their columns.
      axis: {
        labelAngle: 0,
        orient: 'bottom',
        labelLimit: size * 2,
        labelExpr:
          "indexof(datum.label, ' ') < 0 ? datum.label : [substring(datum.label, 0, indexof(datum.label, ' ')), substring(datum.label, indexof(datum.label, ' ') + 1)]",
      },
    },
    y: { field: 'origin', type: 'nominal', sort: names, title: showTitles ? (zh ? '起点' : 'Origin') : null, axis: { labelLimit: 220 } },
  });
  const tooltipBase = [
    { field: 'origin', type: 'nominal', title: zh ? '起点' : 'origin' },
    { field: 'destination', type: 'nominal', title: zh ? '终点' : 'destination' },
  ];
  const baseCells = cells.filter((c) => c.scenario === baseline && c.moves > 0 && Number.isFinite(c.moves));
  const max = Math.max(1, ...baseCells.map((c) => c.moves));
  const min = Math.min(max, ...baseCells.map((c) => c.moves));
  const absolute = baseCells.map((c) => ({
    scenario: c.scenario,
    origin: nameOf(c.origin),
    destination: nameOf(c.destination),
    moves: c.moves,
    // Light text on dark cells: the upper part of the log colour scale.
    dark: max > min && Math.log(c.moves / min) / Math.log(max / min) > 0.55,
  }));
  const prefix = comparing ? 'base_' : '';
  const matrix = {
    width: cell * names.length,
    height: (cell * names.length * 2) / 3,
    data: { values: absolute },
    encoding: axes(cell),
    layer: [
      {
        name: `${prefix}cells`,
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            field: 'moves',
            type: 'quantitative',
            title: withUnit(zh ? '迁移' : 'Moves', unit, ctx.lang),
            scale: { type: 'log', scheme: 'blues' },
            legend: { format: ',~r', values: logLegendValues(min, max), gradientLength: 150 },
          },
          tooltip: [...tooltipBase, { field: 'moves', type: 'quantitative', title: unit, format: ',.0f' }],
        },
      },
      {
        name: `${prefix}values`,
        mark: { type: 'text', fontSize: comparing ? 10 : 11 },
        encoding: {
          text: { field: 'moves', type: 'quantitative', format: ',.0f' },
          color: { condition: { test: 'datum.dark', value: 'white' }, value: '#222222' },
        },
      },
    ],
  };
  if (!comparing) return topLevel({ title, ...matrix }, title.text);

  // Differences from the baseline per pair of places, for every other scenario.
  const key = (c: FlowCell) => `${c.origin}\u0000${c.destination}`;
  const baseBy = new Map(baseCells.map((c) => [key(c), c.moves]));
  const others = ctx.scenarios.filter((s) => s !== baseline);
  const diffs = others.flatMap((scenario) => {
    const own = new Map(cells.filter((c) => c.scenario === scenario && Number.isFinite(c.moves)).map((c) => [key(c), c.moves]));
    return [...new Set([...baseBy.keys(), ...own.keys()])].map((k) => {
      const [origin, destination] = k.split('\u0000');
      return { scenario, origin: nameOf(origin), destination: nameOf(destination), diff: (own.get(k) ?? 0) - (baseBy.get(k) ?? 0) };
    });
  });
  const m = Math.max(1, ...diffs.map((d) => Math.abs(d.diff)));
  // Labels: "0" for no change, one decimal while the changes are small, whole persons otherwise.
  const digits = m < 20 ? 1 : 0;
  const diffValues = withOrder(
    diffs.map((d) => ({ ...d, label: formatSigned(d.diff, (x) => formatDecimal(x, digits)), dark: Math.abs(d.diff) / m > 0.6 })),
    'scenario',
    others,
  );
  const difference = {
    data: { values: diffValues.rows },
    facet: { field: 'scenario', type: 'nominal', sort: diffValues.sort, title: null, header: { labelFontSize: 12, labelFontWeight: 'bold' } },
    columns: Math.min(3, others.length),
    spec: {
      width: cell * names.length,
      height: (cell * names.length * 2) / 3,
      encoding: axes(cell, false),
      layer: [
        {
          name: 'diff_cells',
          mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
          encoding: {
            color: {
              field: 'diff',
              type: 'quantitative',
              title: withUnit(zh ? '与基线之差' : 'Minus the baseline', unit, ctx.lang),
              scale: { scheme: 'redblue', domain: [-m, m] },
              legend: { format: '+,~r', gradientLength: 150 },
            },
            tooltip: [
              { field: 'scenario', type: 'nominal', title: words(ctx.lang).scenario },
              ...tooltipBase,
              { field: 'diff', type: 'quantitative', title: withUnit(zh ? '与基线之差' : 'minus the baseline', unit, ctx.lang), format: '+,.1f' },
            ],
          },
        },
        {
          name: 'diff_values',
          mark: { type: 'text', fontSize: 10 },
          encoding: { text: { field: 'label', type: 'nominal' }, color: { condition: { test: 'datum.dark', value: 'white' }, value: '#222222' } },
        },
      ],
    },
  };
  return topLevel({ title, vconcat: [matrix, difference], spacing: 24, resolve: { scale: { color: 'independent' } } }, title.text);
}

/** The home city's stock of one tier at a year end, per scenario. */
export interface TierStockRow extends BandRow {
  tier: string;
}

/** A single run: the home city's talent by tier at each year end, as stacked bars (`bars`: one segment per year and tier). */
export function stockByTierSpec(rows: readonly TierStockRow[], ctx: ChartContext): TopLevelSpec {
  const tierNames = ctx.tiers.map((t) => tierName(t, ctx.lang));
  const nameOf = (id: string) => tierNames[ctx.tiers.findIndex((t) => t.id === id)] ?? id;
  const data = finiteRows(rows).map((r) => ({ ...r, tierName: nameOf(r.tier), order: ctx.tiers.findIndex((t) => t.id === r.tier) }));
  const home = placeName(ctx.home, ctx.lang);
  const w = words(ctx.lang);
  const title =
    ctx.lang === 'zh'
      ? { text: `${home}各层次人才存量（年末）`, subtitle: `${ctx.runs}次重复的均值；各层次堆叠，合计为常住人才` }
      : { text: `Talent living in ${home} by tier (year end)`, subtitle: `Mean over ${counted(ctx.runs, 'run')}; tiers stacked, adding up to resident talent` };
  return topLevel(
    {
      title,
      name: 'bars',
      width: 560,
      height: 300,
      data: { values: data },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'year', type: 'ordinal', title: w.year, axis: { labelAngle: 0 } },
        y: {
          field: 'mean',
          type: 'quantitative',
          stack: 'zero',
          title: withUnit(ctx.lang === 'zh' ? '人才存量' : 'Talent', unitName('persons', ctx.lang), ctx.lang),
          axis: { format: ',d' },
        },
        color: {
          field: 'tierName',
          type: 'nominal',
          sort: tierNames,
          title: ctx.lang === 'zh' ? '人才层次' : 'Tier',
          scale: { domain: tierNames, range: TIER_COLORS.slice(0, tierNames.length) },
        },
        order: { field: 'order', type: 'quantitative' },
        tooltip: [{ field: 'tierName', type: 'nominal', title: ctx.lang === 'zh' ? '人才层次' : 'tier' }, ...bandTooltip(ctx.lang).slice(1)],
      },
    },
    title.text,
  );
}

/**
 * A comparison at one year: the home city's talent by tier, one panel per tier with its own scale; per scenario a
 * point (mean; `points`, one per scenario and tier) and an error bar (5–95 %; `errors`).
 */
export function stockByTierCompareSpec(rows: readonly TierStockRow[], ctx: ChartContext, year: number): TopLevelSpec {
  const tierNames = ctx.tiers.map((t) => tierName(t, ctx.lang));
  const nameOf = (id: string) => tierNames[ctx.tiers.findIndex((t) => t.id === id)] ?? id;
  const data = finiteRows(rows)
    .filter((r) => r.year === year)
    .map((r) => ({ ...r, tierName: nameOf(r.tier) }));
  const home = placeName(ctx.home, ctx.lang);
  const title =
    ctx.lang === 'zh'
      ? {
          text: `${year}年末${home}各层次人才存量`,
          subtitle: `点：${ctx.runs}次重复的均值；线：5–95%区间（各次重复之间）；各层次刻度不同。情景之间的差异以配对差值衡量更准，见差异图与表格`,
        }
      : {
          text: `Talent living in ${home} by tier, end of ${year}`,
          subtitle: `Point: mean over ${counted(ctx.runs, 'run')}; line: 5–95 % band across runs; each tier on its own scale. Paired differences (difference chart, table) measure scenario effects more precisely`,
        };
  const y = { field: 'scenario', type: 'nominal', scale: { domain: ctx.scenarios }, title: null, axis: { labelLimit: 200 } };
  return topLevel(
    {
      title,
      data: { values: data },
      facet: { field: 'tierName', type: 'nominal', sort: tierNames, title: null, header: { labelFontSize: 12, labelFontWeight: 'bold' } },
      columns: 2,
      spec: {
        width: 260,
        height: Math.max(60, 24 * ctx.scenarios.length),
        encoding: { y, color: scenarioColor(ctx, { symbol: 'circle' }) },
        layer: [
          {
            name: 'errors',
            mark: { type: 'rule', strokeWidth: 1.5 },
            encoding: {
              x: {
                field: 'p5',
                type: 'quantitative',
                title: withUnit(ctx.lang === 'zh' ? '人才存量' : 'Talent', unitName('persons', ctx.lang), ctx.lang),
                scale: { zero: false },
                axis: { format: ',~r' },
              },
              x2: { field: 'p95' },
            },
          },
          {
            name: 'points',
            mark: { type: 'point', filled: true, size: 70, opacity: 1 },
            encoding: { x: { field: 'mean', type: 'quantitative' }, tooltip: [{ field: 'tierName', type: 'nominal', title: ' ' }, ...bandTooltip(ctx.lang)] },
          },
        ],
      },
      resolve: { scale: { x: 'independent' } },
    },
    title.text,
  );
}

/** A policy's spending in a year (CNY, mean over runs). */
export interface SpendingRow {
  policy: string;
  year: number;
  spending: number;
}

/** A single run with policies: what each policy spent each year (million CNY), stacked bars (`bars`: one segment per year and policy). */
export function spendingSpec(rows: readonly SpendingRow[], ctx: ChartContext): TopLevelSpec {
  const policies = [...new Set(rows.map((r) => r.policy))];
  const data = rows.filter((r) => Number.isFinite(r.spending)).map((r) => ({ ...r, spendingM: r.spending / 1e6, order: policies.indexOf(r.policy) }));
  const w = words(ctx.lang);
  const title =
    ctx.lang === 'zh'
      ? { text: '各项政策的年度支出', subtitle: `${ctx.runs}次重复的均值；堆叠为当年总支出` }
      : { text: 'Spending of each policy by year', subtitle: `Mean over ${counted(ctx.runs, 'run')}; stacked to the year's total` };
  return topLevel(
    {
      title,
      name: 'bars',
      width: 560,
      height: 280,
      data: { values: data },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'year', type: 'ordinal', title: w.year, axis: { labelAngle: 0 } },
        y: {
          field: 'spendingM',
          type: 'quantitative',
          stack: 'zero',
          title: withUnit(ctx.lang === 'zh' ? '支出' : 'Spending', unitName('mcny', ctx.lang), ctx.lang),
          axis: { format: ',~r' },
        },
        color: {
          field: 'policy',
          type: 'nominal',
          title: ctx.lang === 'zh' ? '政策' : 'Policy',
          // The domain orders the legend; past 40 policies it ends with "…" rather than running off the page.
          scale: { domain: policies, range: POLICY_COLORS },
          legend: { symbolLimit: 40 },
        },
        order: { field: 'order', type: 'quantitative' },
        tooltip: [
          { field: 'policy', type: 'nominal', title: ctx.lang === 'zh' ? '政策' : 'policy' },
          { field: 'year', type: 'ordinal', title: w.year },
          { field: 'spendingM', type: 'quantitative', title: unitName('mcny', ctx.lang), format: ',.2f' },
        ],
      },
    },
    title.text,
  );
}

/** A metric's paired difference (with the policies − without them) in a year: mean and 5–95 % band. */
export interface EffectRow {
  metric: string;
  year: number;
  mean: number;
  p5: number;
  p95: number;
}

/**
 * A single run with its counterfactual: what the policies did year by year from the first policy's year, one panel per
 * metric (each with its own scale, so +96 effective talent is not flattened by 345,000 residents): the mean paired
 * difference (`effect_line`, one path per panel) with the 5–95 % band of the paired differences (`effect_band`) and
 * zero (`zero`). `title` is the scenario's display name.
 */
export function policyEffectSpec(rows: readonly EffectRow[], ctx: ChartContext, title: string): TopLevelSpec {
  const w = words(ctx.lang);
  const home = placeName(ctx.home, ctx.lang);
  const metrics = [...new Set(rows.map((r) => r.metric))];
  const data = finiteRows(rows).map((r) => ({
    ...r,
    metricName: withUnit(metricLabel(r.metric, ctx.lang), unitName('persons', ctx.lang), ctx.lang),
    order: metrics.indexOf(r.metric),
  }));
  const years = data.map((r) => r.year);
  const span = years.length ? `${Math.min(...years)}–${Math.max(...years)}` : '';
  const heading =
    ctx.lang === 'zh'
      ? {
          text: `${title}的效果：有政策与无政策之差（${home}，${span}）`,
          subtitle: `同一情景去掉政策、用相同随机种子配对运行；实线为${ctx.runs}次配对差值的均值，阴影为配对差值的5–95%区间；大于0表示政策使其增加`,
        }
      : {
          text: `What ${title} did in ${home}, ${span}: with its policies − without them`,
          subtitle: `The same scenario without its policies, run with the same seeds; line: mean of ${counted(ctx.runs, 'paired difference')}; shaded: their 5–95 % band; above 0, the policies added`,
        };
  const color = scenarioColors(ctx.scenarios, ctx.baseline)[0];
  const y = (field: string) => ({ field, type: 'quantitative', title: null, axis: { format: ',~r' } });
  const panels = withOrder(data, 'metric', metrics);
  return topLevel(
    {
      title: heading,
      data: { values: panels.rows },
      facet: { field: 'metricName', type: 'nominal', sort: panels.sort, title: null, header: { labelFontSize: 12, labelFontWeight: 'bold' } },
      columns: 2,
      spec: {
        width: 270,
        height: 150,
        encoding: { x: yearAxis(ctx.lang) },
        layer: [
          { name: 'effect_band', mark: { type: 'area', opacity: 0.22, color }, encoding: { y: y('p5'), y2: { field: 'p95' } } },
          { name: 'zero', mark: { type: 'rule', color: '#444444', strokeDash: [2, 2] }, encoding: { y: { datum: 0 } } },
          { name: 'effect_line', mark: { type: 'line', strokeWidth: 2.2, color }, encoding: { y: y('mean') } },
          {
            name: 'effect_points',
            mark: { type: 'point', filled: true, size: 24, opacity: 1, color },
            encoding: {
              y: y('mean'),
              tooltip: [
                { field: 'metricName', type: 'nominal', title: ' ' },
                { field: 'year', type: 'quantitative', title: w.year, format: 'd' },
                { field: 'mean', type: 'quantitative', title: w.mean, format: '+,.1f' },
                { field: 'p5', type: 'quantitative', title: w.p5, format: '+,.1f' },
                { field: 'p95', type: 'quantitative', title: w.p95, format: '+,.1f' },
              ],
            },
          },
        ],
      },
      resolve: { scale: { y: 'independent' } },
    },
    heading.text,
  );
}

// ---- tidy rows → chart rows -----------------------------------------------------------------------------------------

/** Mean moves a year per origin and destination (summed over tiers; mean over runs and years) from flow rows. */
export function flowCells(
  rows: Iterable<{ run: number; year: number; origin: string; destination: string; moves: number }>,
  scenario: string,
  runs: number,
  years: number,
): FlowCell[] {
  const totals = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.origin}\u0000${r.destination}`;
    totals.set(key, (totals.get(key) ?? 0) + r.moves);
  }
  const n = Math.max(1, runs * years);
  return [...totals].map(([key, total]) => {
    const [origin, destination] = key.split('\u0000');
    return { scenario, origin, destination, moves: total / n };
  });
}

/** Band rows of one summary metric (summary rows: year, metric, mean, p5, p95). */
export function metricBandRows(
  rows: readonly { year: number; metric: string; mean: number; p5: number; p95: number }[],
  scenario: string,
  metric: string,
): BandRow[] {
  return rows.filter((r) => r.metric === metric).map(({ year, mean, p5, p95 }) => ({ scenario, year, mean, p5, p95 }));
}
