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
 * A duration in milliseconds with precision that suits its size.
 * @example
 * formatMs(0.0412); // "0.041"
 * formatMs(812.5); // "812"
 */
export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  const abs = Math.abs(value);
  return value.toFixed(abs < 1 ? 3 : abs < 100 ? 2 : 0);
}

/**
 * A training metric: whole numbers for large values (memory in MB, token counts), else as formatNumber.
 * @example
 * formatMetric(18096.4); // "18096"
 * formatMetric(3.5e-6); // "3.50e-6"
 */
export function formatMetric(value: number | null | undefined): string {
  if (value !== null && value !== undefined && Math.abs(value) >= 1000 && Math.abs(value) < 1e9)
    return value.toFixed(0);
  return formatNumber(value);
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
 * Pads every cell to its column's widest cell: a column whose every cell looks numeric aligns right,
 * any other column left. Rows may be shorter than others.
 * @example
 * padColumns([["a", "1.0"], ["bcd", "10.0"]]); // [["a  ", " 1.0"], ["bcd", "10.0"]]
 */
export function padColumns(rows: readonly (readonly string[])[]): string[][] {
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
    row.map((cell, c) => (numeric[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))),
  );
}
