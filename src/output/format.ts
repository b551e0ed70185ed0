// How every number is written: one place for the CSV format (and, as the writers grow, for display formats).

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
