// The one number format of every CSV file.
import { describe, expect, it } from 'vitest';
import { csvNumber, CSV_SIGNIFICANT_DIGITS } from '../../src/output/format.js';

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
