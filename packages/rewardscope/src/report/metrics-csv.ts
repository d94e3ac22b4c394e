import type { Store } from "../store/store.js";
import { csvField, csvLine, csvNumber } from "./csv.js";
import { type HistoryRow, scanHistory } from "./history-scan.js";

/** Text buffered before each write: large writes, not one promise per row. */
const CHUNK_CHARS = 1 << 20;

/**
 * Writes a run's full history as CSV: a `step` column, then one column per series (`names`, in that order),
 * one row per step, an empty cell where a series has no value at that step. `onRow` sees every row as it goes
 * by (the report accumulates correlations and totals in the same pass). Returns the number of rows.
 * @example
 * const sink = await openFileSink("metrics_history.csv");
 * await writeMetricsCsv(store, "qwen-1", await store.seriesNames("qwen-1"), (t) => sink.write(t));
 */
export async function writeMetricsCsv(
  store: Store,
  run: string,
  names: readonly string[],
  write: (text: string) => Promise<void>,
  onRow?: (row: HistoryRow) => void,
): Promise<number> {
  let buffer = csvLine(["step", ...names.map(csvField)]);
  let rows = 0;
  for await (const row of scanHistory(store, run, names)) {
    onRow?.(row);
    // Built cell by cell: 100,000 steps x 100 series is 10 million cells, so no array per row.
    let line = String(row.step);
    for (let i = 0; i < names.length; i++) line += `,${csvNumber(row.values[i] as number)}`;
    buffer += `${line}\r\n`;
    rows++;
    if (buffer.length >= CHUNK_CHARS) {
      await write(buffer);
      buffer = "";
    }
  }
  await write(buffer);
  return rows;
}
