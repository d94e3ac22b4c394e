/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or leading/trailing space,
 * with quotes doubled.
 * @example
 * csvField('say "hi", then go'); // '"say ""hi"", then go"'
 */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A numeric CSV cell: the shortest text that reads back as the same double; empty for a missing value.
 * @example
 * csvNumber(0.1); // "0.1"
 * csvNumber(Number.NaN); // ""
 */
export function csvNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : "";
}

/** One CSV line (with its CRLF terminator, as RFC 4180 writes it). */
export function csvLine(fields: readonly string[]): string {
  return `${fields.join(",")}\r\n`;
}
