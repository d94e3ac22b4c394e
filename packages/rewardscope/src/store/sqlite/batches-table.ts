import type Database from "better-sqlite3";

// Kept after the batch's events are deleted: a retry of an analysed batch must still be recognised.
export const BATCHES_SCHEMA = `
CREATE TABLE batches (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  batch_id TEXT NOT NULL,
  first_seq INTEGER NOT NULL,
  events INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (run_id, batch_id)
) WITHOUT ROWID;`;

/** The `batches` table: the idempotency keys of every batch stored, per run. */
export class BatchesTable {
  private readonly insert: Database.Statement<[number, string, number, number, string]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      "INSERT OR IGNORE INTO batches (run_id, batch_id, first_seq, events, received_at) VALUES (?, ?, ?, ?, ?)",
    );
  }

  /** Records a batch id; false when the run already has it. */
  claim(runId: number, batchId: string, firstSeq: number, events: number, now: string): boolean {
    return this.insert.run(runId, batchId, firstSeq, events, now).changes === 1;
  }
}
