// How every number is written: the CSV format, and the display formats of the terminal, the charts and report.html.
// Browser-safe: the explorer's page (src/explore/page.ts) bundles it, so it imports only src/core (the rule
// formats-are-browser-safe in .dependency-cruiser.cjs).
import { SUMMARY_METRICS, type SummaryMetric } from '../core/rows.js';

/** Significant digits of a number that is not a whole number, in every CSV file. */
export const CSV_SIGNIFICANT_DIGITS = 8;

/**
 * A number as a CSV cell. Whole numbers (counts, and any figure that happens to be whole) are written exactly;
 * other numbers are rounded to CSV_SIGNIFICANT_DIGITS significant digits, which hides the last-digit noise of
 * floating-point sums (112.70000000000002 is written 112.7); NaN (an undefined figure) is an empty cell; ±Infinity
 * is Inf / -Inf, as R and pandas read them; −0 is 0.
 */
export function csvNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  if (Number.isInteger(x)) return String(x + 0);
  return String(Number(x.toPrecision(CSV_SIGNIFICANT_DIGITS)) + 0);
}

/** The cast every CSV writer gives csv-stringify: numbers by csvNumber, booleans as true / false. */
export const csvCast = {
  number: csvNumber,
  boolean: (value: boolean) => (value ? 'true' : 'false'),
};

/**
 * A number as a CSV cell at full precision: the shortest text that reads back as the same double (JavaScript's
 * String), so that a table made from the cells again (`sim report`) is the table made from the runs, byte for byte.
 * For the files that hold every run's raw figures; NaN, ±Infinity and −0 as in csvNumber.
 */
export function csvExactNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  return String(x + 0);
}

/** csvCast with numbers at full precision (csvExactNumber). */
export const csvExactCast = { ...csvCast, number: csvExactNumber };

/*
 * Display formats, for people rather than programs: thousands separated by commas, an undefined figure (NaN) as
 * "—", infinities as ∞ and −∞, and never "-0". Plain negative numbers keep the ASCII hyphen, so that a figure copied
 * from the terminal pastes into a spreadsheet as a number; signed differences use "+" and the minus sign "−".
 */

export type Lang = 'zh' | 'en';

/** The unit of a summary metric, from its definition in SUMMARY_METRICS. */
export type MetricUnit = (typeof SUMMARY_METRICS)[SummaryMetric]['unit'];

function notFinite(x: number): string {
  return Number.isNaN(x) ? '—' : x > 0 ? '∞' : '−∞';
}

function grouped(x: number, options: Intl.NumberFormatOptions): string {
  const text = x.toLocaleString('en-US', options);
  // A negative number that rounds to zero would read "-0".
  return /^-[0.]+$/.test(text) ? text.slice(1) : text;
}

/** A whole number of persons, CNY …: rounded, thousands separated (12,345). */
export function formatWhole(x: number): string {
  return Number.isFinite(x) ? grouped(Math.round(x), { maximumFractionDigits: 0 }) : notFinite(x);
}

/** A number with at most `decimals` decimals, trailing zeros dropped (1,234.5 with 2 decimals). */
export function formatDecimal(x: number, decimals: number): string {
  return Number.isFinite(x) ? grouped(x, { maximumFractionDigits: decimals }) : notFinite(x);
}

/**
 * A number to `digits` significant digits, for a parameter value or a setting: 0.03333, 2.5, 1,235 — but the digits
 * before the decimal point are never dropped (123,456 stays 123,456).
 */
export function formatSignificant(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return notFinite(x);
  const whole = Math.abs(x) >= 1 ? Math.floor(Math.log10(Math.abs(x))) + 1 : 0;
  return grouped(x, { maximumSignificantDigits: Math.min(21, Math.max(digits, whole)) });
}

/** A share (0–1) as a percentage with `decimals` decimals: 0.0251 → "2.5 %". */
export function formatPercent(share: number, decimals = 1): string {
  return Number.isFinite(share) ? `${grouped(share * 100, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })} %` : notFinite(share);
}

/** CNY in millions, without the unit: two decimals below ten million (3.46), one from there (261.5). */
export function formatMillions(cny: number): string {
  if (!Number.isFinite(cny)) return notFinite(cny);
  const decimals = Math.abs(cny) < 1e7 ? 2 : 1;
  return grouped(cny / 1e6, { minimumFractionDigits: 1, maximumFractionDigits: decimals });
}

/** A difference with its sign, the magnitude written by `format`: +1,234, −1,234, and 0 when it shows as zero. */
export function formatSigned(x: number, format: (magnitude: number) => string = formatWhole): string {
  if (Number.isNaN(x)) return notFinite(x);
  const text = format(Math.abs(x));
  if (Number.isFinite(x) && !/[1-9]/.test(text)) return text;
  return `${x < 0 ? '−' : '+'}${text}`;
}

/** A difference of shares in percentage points: +0.123 pp. */
export function formatPoints(shareDifference: number, decimals = 1): string {
  if (Number.isNaN(shareDifference)) return notFinite(shareDifference);
  return `${formatSigned(shareDifference * 100, (m) => grouped(m, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }))} pp`;
}

/** A figure in the unit it is shown in (displayUnit): persons whole, shares in %, CNY in millions. */
export function formatFigure(unit: MetricUnit, x: number): string {
  if (unit === 'share') return formatPercent(x);
  if (unit === 'cny') return formatMillions(x);
  return formatWhole(x);
}

/** A wall time in seconds with one decimal: "4.8 s", in Chinese "4.8 秒". */
export function formatSeconds(ms: number, lang: Lang = 'en'): string {
  return `${(ms / 1000).toFixed(1)} ${lang === 'zh' ? '秒' : 's'}`;
}

/**
 * A number with exactly `decimals` decimals and no thousands separators, for an index or a correlation: 0.42, -0.07,
 * 1.00. Never "-0.00": a small negative estimate that rounds to zero is written 0.00.
 */
export function formatFixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return notFinite(x);
  const text = x.toFixed(decimals);
  return /^-[0.]+$/.test(text) ? text.slice(1) : text;
}

/**
 * A Sobol' index with half the width of its bootstrap interval, two decimals each: "0.42 ± 0.05"; "?" for an
 * undefined interval, "—" for an undefined index. `width` pads the index (or the "—") on the left, to line a column up.
 */
export function formatSobolIndex(index: number, halfWidth: number, width = 0): string {
  if (!Number.isFinite(index)) return '—'.padStart(width);
  return `${formatFixed(index, 2).padStart(width)} ± ${Number.isFinite(halfWidth) ? formatFixed(halfWidth, 2) : '?'}`;
}

/** A number to three significant digits, short: no separators, no trailing zeros (1, 2.5, 0.125, 1230). */
export function formatSignificantShort(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/** A probability or share of runs as a whole percentage, "35 %"; "< 1 %" for a share above 0 that rounds to 0, "–" for NaN. */
export function formatChance(share: number): string {
  return Number.isNaN(share) ? '–' : share > 0 && share < 0.005 ? '< 1 %' : `${Math.round(share * 100)} %`;
}

/** Names of the units figures are shown in, in both languages. */
export const UNIT_NAMES = {
  persons: { zh: '人', en: 'persons' },
  percent: { zh: '%', en: '%' },
  points: { zh: '百分点', en: 'percentage points' },
  share: { zh: '比例，0–1', en: 'share, 0–1' },
  cny: { zh: '元', en: 'CNY' },
  mcny: { zh: '百万元', en: 'million CNY' },
} as const;
export type DisplayUnit = keyof typeof UNIT_NAMES;

export function unitName(unit: DisplayUnit, lang: Lang): string {
  return UNIT_NAMES[unit][lang];
}

/** The unit formatFigure shows a metric's figures in: persons, % for a share, million CNY for money. */
export function displayUnit(unit: MetricUnit): DisplayUnit {
  return unit === 'share' ? 'percent' : unit === 'cny' ? 'mcny' : 'persons';
}

const isSummaryMetric = (metric: string): metric is SummaryMetric => Object.hasOwn(SUMMARY_METRICS, metric);

/** A summary metric's unit; persons for any other name (a policy's own metrics count persons). */
export function metricUnit(metric: string): MetricUnit {
  return isSummaryMetric(metric) ? SUMMARY_METRICS[metric].unit : 'persons';
}

/** A summary metric's name in charts, reports and the terminal; any other name as it is. */
export function metricLabel(metric: string, lang: Lang): string {
  return isSummaryMetric(metric) ? SUMMARY_METRICS[metric][lang] : metric;
}

/** "Label (unit)" in either language; a label already ending in brackets takes the unit inside them. */
export function withUnit(label: string, unit: string, lang: Lang): string {
  if (lang === 'zh') return label.endsWith('）') ? `${label.slice(0, -1)}，${unit}）` : `${label}（${unit}）`;
  return label.endsWith(')') ? `${label.slice(0, -1)}, ${unit})` : `${label} (${unit})`;
}
