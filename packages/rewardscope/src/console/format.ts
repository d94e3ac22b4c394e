/** What a number that cannot be computed (NaN, null, missing) prints as. */
export const NONE = "-";

/**
 * A number in a fixed-width-friendly form: 3 decimals, or scientific notation when very large or small.
 * @example
 * formatNumber(1.23456); // "1.235"
 * formatNumber(1e-6); // "1.00e-6"
 * formatNumber(Number.NaN); // "-"
 */
export function formatNumber(value: number | null | undefined, decimals = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  const abs = Math.abs(value);
  if (value !== 0 && (abs >= 1e6 || abs < 10 ** -decimals)) return value.toExponential(2);
  return value.toFixed(decimals);
}

/**
 * A fraction as a percentage with one decimal.
 * @example
 * formatPercent(0.125); // "12.5%"
 */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return `${(value * 100).toFixed(1)}%`;
}

/**
 * A number with an explicit sign, for correlations and changes.
 * @example
 * formatSigned(0.12); // "+0.120"
 */
export function formatSigned(value: number | null | undefined): string {
  const text = formatNumber(value);
  return text !== NONE && value !== null && value !== undefined && value >= 0 ? `+${text}` : text;
}

/**
 * Pads every cell to its column's widest cell and joins each row with two spaces. Text columns align
 * left; a column whose every cell is numeric-looking aligns right. Trailing spaces are trimmed.
 * @example
 * alignColumns([["a", "1.0"], ["bcd", "10.0"]]); // ["a     1.0", "bcd  10.0"]
 */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  const numeric: boolean[] = [];
  for (const row of rows) {
    for (let c = 0; c < row.length; c++) {
      const cell = row[c] ?? "";
      widths[c] = Math.max(widths[c] ?? 0, cell.length);
      numeric[c] = (numeric[c] ?? true) && /^[+-]?[\d.e+-]+%?$|^-$/.test(cell);
    }
  }
  return rows.map((row) =>
    row
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}
