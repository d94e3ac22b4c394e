import { parseEventLine } from "@rewardscope/core";
import type { StoredEvent } from "../store.js";
import type { Sql } from "./sql.js";

/** The `batches` and `events` tables: the idempotency keys of every batch stored, and the events not yet analysed. */
export const eventsTable = {
  /** Records a batch id for the run; false when the run already has it. */
  async claim(sql: Sql, runId: number, batchId: string, firstSeq: number, count: number, now: Date) {
    const { rowCount } = await sql.query(
      `INSERT INTO batches (run_id, batch_id, first_seq, events, received_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [runId, JSON.stringify(batchId), firstSeq, count, now],
    );
    return rowCount === 1;
  },

  /** Stores events (their JSON texts) under consecutive sequence numbers from `firstSeq`, in one statement. */
  async add(sql: Sql, runId: number, firstSeq: number, bodies: readonly string[]): Promise<void> {
    if (bodies.length === 0) return;
    await sql.query(
      `INSERT INTO events (run_id, seq, body)
       SELECT $1, $2 + ord - 1, body FROM unnest($3::text[]) WITH ORDINALITY AS e (body, ord)`,
      [runId, firstSeq, bodies],
    );
  },

  async listAfter(sql: Sql, runId: number, afterSeq: number): Promise<StoredEvent[]> {
    const { rows } = await sql.query<{ seq: number; body: string }>(
      "SELECT seq, body FROM events WHERE run_id = $1 AND seq > $2 ORDER BY seq",
      [runId, afterSeq],
    );
    // Parsed as on arrival: a received line may carry what parseEvent leaves out.
    return rows.map((row) => ({ seq: row.seq, event: parseEventLine(row.body) }));
  },

  /** Deletes the events up to `seq`: analysed, their content lives in the step tables. */
  async deleteThrough(sql: Sql, runId: number, seq: number): Promise<void> {
    await sql.query("DELETE FROM events WHERE run_id = $1 AND seq <= $2", [runId, seq]);
  },
};
