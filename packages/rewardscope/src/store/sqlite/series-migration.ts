import type Database from "better-sqlite3";
import { encodeChunk, type SeriesChunk } from "./series-codec.js";
import { CHUNK_STEPS } from "./series-table.js";

type Row = { run_id: number; name_id: number; step: number; value: number };

/** Rows read at a time: the version 1 table of a long run holds millions. */
const PAGE = 50_000;

/** Schema version 2: the values of version 1's `series` table (one row a value) become chunks per series. */
export function moveSeriesIntoChunks(db: Database.Database): void {
  const put = db.prepare(
    "INSERT OR REPLACE INTO series_chunks (run_id, name_id, chunk, points) VALUES (?, ?, ?, ?)",
  );
  // Keyset pages, since better-sqlite3 cannot write while a read is open.
  const page = db.prepare<[number, number, number], Row>(`
    SELECT run_id, name_id, step, value FROM series WHERE (run_id, name_id, step) > (?, ?, ?)
    ORDER BY run_id, name_id, step LIMIT ${PAGE}`);
  let at: [number, number, number] = [-1, -1, -1];
  let current: { run: number; name: number; chunk: number } | null = null;
  let points: SeriesChunk = { steps: [], values: [] };
  const flush = (): void => {
    if (current && points.steps.length > 0)
      put.run(current.run, current.name, current.chunk, encodeChunk(points));
    points = { steps: [], values: [] };
  };
  for (;;) {
    const rows = page.all(...at);
    for (const row of rows) {
      const chunk = Math.floor(row.step / CHUNK_STEPS);
      if (!current || current.run !== row.run_id || current.name !== row.name_id || current.chunk !== chunk) {
        flush();
        current = { run: row.run_id, name: row.name_id, chunk };
      }
      points.steps.push(row.step);
      points.values.push(row.value);
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    at = [last.run_id, last.name_id, last.step];
  }
  flush();
}
