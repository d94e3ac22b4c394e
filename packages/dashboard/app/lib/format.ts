/**
 * A number as a person reads it on a chart or in a table: 3 significant digits, thousands separated, "–" for none.
 * @example
 * formatNumber(0.123456); // "0.123"
 * formatNumber(12345.6); // "12,346"
 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString("en-US");
  if (abs < 0.001) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}

/** A fraction as a percentage: 0.1234 -> "12.3%". */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return `${Number((value * 100).toPrecision(3))}%`;
}

/** How long ago an ISO time was: "12 s ago", "3 min ago". */
export function formatAgo(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}
