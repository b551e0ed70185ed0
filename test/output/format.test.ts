// The one number format of every CSV file, and the display formats of the terminal, the charts and report.html.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { counted } from '../../src/core/messages.js';
import { SUMMARY_METRIC_NAMES, SUMMARY_METRICS } from '../../src/core/rows.js';
import {
  csvNumber,
  CSV_SIGNIFICANT_DIGITS,
  displayUnit,
  formatChance,
  formatDecimal,
  formatFigure,
  formatFixed,
  formatMillions,
  formatPercent,
  formatPoints,
  formatSeconds,
  formatSignificant,
  formatSignificantShort,
  formatSigned,
  formatSobolIndex,
  formatWhole,
  metricLabel,
  metricUnit,
  unitName,
  withUnit,
} from '../../src/output/format.js';

describe('csvNumber', () => {
  it('writes whole numbers exactly, however large', () => {
    expect(csvNumber(60)).toBe('60');
    expect(csvNumber(4712345678)).toBe('4712345678');
    expect(csvNumber(-3429)).toBe('-3429');
    expect(csvNumber(-0)).toBe('0');
  });

  it(`rounds other numbers to ${CSV_SIGNIFICANT_DIGITS} significant digits, hiding floating-point noise`, () => {
    expect(csvNumber(60.00000000000001)).toBe('60');
    expect(csvNumber(112.70000000000002)).toBe('112.7');
    expect(csvNumber(0.1 + 0.2)).toBe('0.3');
    expect(csvNumber(2 / 3)).toBe('0.66666667');
    expect(csvNumber(123456789.5)).toBe('123456790');
    expect(csvNumber(-1234.56789012)).toBe('-1234.5679');
  });

  it('writes undefined figures as empty cells and infinities as Inf', () => {
    expect(csvNumber(NaN)).toBe('');
    expect(csvNumber(Infinity)).toBe('Inf');
    expect(csvNumber(-Infinity)).toBe('-Inf');
  });
});

describe('display formats', () => {
  it('formatWhole: rounded, thousands separated, never -0', () => {
    expect(formatWhole(1234567.6)).toBe('1,234,568');
    expect(formatWhole(-3429.2)).toBe('-3,429');
    expect(formatWhole(-0.4)).toBe('0');
    expect(formatWhole(NaN)).toBe('—');
    expect(formatWhole(Infinity)).toBe('∞');
    expect(formatWhole(-Infinity)).toBe('−∞');
  });

  it('formatDecimal: at most the given decimals, trailing zeros dropped', () => {
    expect(formatDecimal(1234.5678, 2)).toBe('1,234.57');
    expect(formatDecimal(2.5, 2)).toBe('2.5');
    expect(formatDecimal(-0.001, 1)).toBe('0');
  });

  it('formatSignificant: significant digits for fractions, every digit of the whole part', () => {
    expect(formatSignificant(0.0333333)).toBe('0.03333');
    expect(formatSignificant(2.5)).toBe('2.5');
    expect(formatSignificant(1234.56)).toBe('1,235');
    expect(formatSignificant(123456)).toBe('123,456');
    expect(formatSignificant(-0.01)).toBe('-0.01');
    expect(formatSignificant(0.0333333, 6)).toBe('0.0333333');
    expect(formatSignificant(-0)).toBe('0');
  });

  it('formatPercent: a share as a percentage', () => {
    expect(formatPercent(0.0251)).toBe('2.5 %');
    expect(formatPercent(0.5, 0)).toBe('50 %');
    expect(formatPercent(NaN)).toBe('—');
  });

  it('formatMillions: CNY in millions, two decimals below ten million, one from there', () => {
    expect(formatMillions(3_456_789)).toBe('3.46');
    expect(formatMillions(3_000_000)).toBe('3.0');
    expect(formatMillions(261_512_345)).toBe('261.5');
    expect(formatMillions(1_234_567_890)).toBe('1,234.6');
    expect(formatMillions(0)).toBe('0.0');
  });

  it('formatSigned and formatPoints: a sign on every difference that is not zero', () => {
    expect(formatSigned(1234.4)).toBe('+1,234');
    expect(formatSigned(-1234.4)).toBe('−1,234');
    expect(formatSigned(0.3)).toBe('0');
    expect(formatSigned(-0.04, (x) => formatDecimal(x, 1))).toBe('0');
    expect(formatSigned(-0.06, (x) => formatDecimal(x, 1))).toBe('−0.1');
    expect(formatSigned(Infinity)).toBe('+∞');
    expect(formatSigned(NaN)).toBe('—');
    expect(formatPoints(0.00123, 3)).toBe('+0.123 pp');
    expect(formatPoints(-0.00123)).toBe('−0.1 pp');
    expect(formatPoints(0)).toBe('0.0 pp');
  });

  it('formatFigure: a summary metric in the unit it is shown in', () => {
    expect(formatFigure(metricUnit('netRetention'), -3429.4)).toBe('-3,429');
    expect(formatFigure(metricUnit('topShare'), 0.0251)).toBe('2.5 %');
    expect(formatFigure(metricUnit('costCumulative'), 261_512_345)).toBe('261.5');
    expect(unitName(displayUnit(metricUnit('costCumulative')), 'zh')).toBe('百万元');
    expect(unitName(displayUnit(metricUnit('topShare')), 'en')).toBe('%');
    expect(formatSeconds(4812)).toBe('4.8 s');
    expect(formatSeconds(4812, 'zh')).toBe('4.8 秒');
  });

  it('formatFixed and formatSobolIndex: fixed decimals, never "-0.00"', () => {
    expect(formatFixed(0.4249, 2)).toBe('0.42');
    expect(formatFixed(-0.07, 2)).toBe('-0.07');
    expect(formatFixed(-0.004, 2)).toBe('0.00');
    expect(formatFixed(-0, 1)).toBe('0.0');
    expect(formatFixed(1234.5, 1)).toBe('1234.5');
    expect(formatFixed(NaN, 2)).toBe('—');
    // A Sobol' index estimate can come out slightly negative: it shows as 0.00, and so does its interval.
    expect(formatSobolIndex(-0.003, 0.041)).toBe('0.00 ± 0.04');
    expect(formatSobolIndex(-0.003, 0.041, 5)).toBe(' 0.00 ± 0.04');
    expect(formatSobolIndex(-0.25, NaN, 5)).toBe('-0.25 ± ?');
    expect(formatSobolIndex(NaN, 0.1)).toBe('—');
    expect(formatSobolIndex(NaN, 0.1, 5)).toBe('    —');
  });

  it('formatSignificantShort and formatChance', () => {
    expect(formatSignificantShort(2.5)).toBe('2.5');
    expect(formatSignificantShort(1234.5)).toBe('1230');
    expect(formatSignificantShort(0.125)).toBe('0.125');
    expect(formatSignificantShort(10)).toBe('10');
    expect(formatChance(0.354)).toBe('35 %');
    expect(formatChance(0.001)).toBe('< 1 %');
    expect(formatChance(0)).toBe('0 %');
    expect(formatChance(NaN)).toBe('–');
  });

  it("counts in the core's messages (which cannot import this module) are written as formatWhole writes them", () => {
    for (const n of [0, 1, 7, 999, 1000, 12_345, 3_300_000]) expect(counted(n, 'run')).toMatch(new RegExp(`^${formatWhole(n)} runs?$`));
  });

  it('reads every metric label and unit from SUMMARY_METRICS', () => {
    for (const metric of SUMMARY_METRIC_NAMES) {
      expect(metricLabel(metric, 'zh')).toBe(SUMMARY_METRICS[metric].zh);
      expect(metricLabel(metric, 'en')).toBe(SUMMARY_METRICS[metric].en);
      expect(['persons', 'share', 'cny']).toContain(metricUnit(metric));
    }
    expect(metricLabel('holders', 'en')).toBe('holders');
    expect(metricUnit('holders')).toBe('persons');
    expect(withUnit('有效人才（FTE）', '人', 'zh')).toBe('有效人才（FTE，人）');
    expect(withUnit('Resident talent', 'persons', 'en')).toBe('Resident talent (persons)');
  });
});

describe('one number format', () => {
  const src = fileURLToPath(new URL('../../src/', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  // src/core/messages.ts is the bottom layer and cannot import src/output: its counts use toLocaleString (see counted).
  const allowed = new Set(['output/format.ts', 'core/messages.ts']);

  it('formats figures for people only in src/output/format.ts: no toFixed, toLocaleString or Intl.NumberFormat elsewhere', () => {
    const found = files(src)
      .filter((file) => !allowed.has(relative(src, file).replaceAll('\\', '/')))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, k) => (/\.toFixed\(|\.toLocaleString\(|Intl\.NumberFormat/.test(line) ? [`${relative(src, file)}:${k + 1}: ${line.trim()}`] : [])),
      );
    expect(found).toEqual([]);
  });
});
