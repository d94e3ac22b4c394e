import { parseEventLine } from "@rewardscope/core";
import type Database from "better-sqlite3";
import type { StoredEvent } from "../store.js";

export const EVENTS_SCHEMA = `
CREATE TABLE events (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);`;

/** The `events` table: events not yet analysed, numbered per run. */
export class EventsTable {
  private readonly insert: Database.Statement<[number, number, string]>;
  private readonly after: Database.Statement<[number, number], { seq: number; body: string }>;
  private readonly prune: Database.Statement<[number, number]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare("INSERT INTO events (run_id, seq, body) VALUES (?, ?, ?)");
    this.after = db.prepare("SELECT seq, body FROM events WHERE run_id = ? AND seq > ? ORDER BY seq");
    this.prune = db.prepare("DELETE FROM events WHERE run_id = ? AND seq <= ?");
  }

  /** `body`: the event's JSON text (as received, or encoded). */
  add(runId: number, seq: number, body: string): void {
    this.insert.run(runId, seq, body);
  }

  listAfter(runId: number, afterSeq: number): StoredEvent[] {
    return this.after.all(runId, afterSeq).map((row) => ({
      seq: row.seq,
      // Parsed as on arrival: a received line may carry what parseEvent leaves out.
      event: parseEventLine(row.body),
    }));
  }

  /** Deletes the events up to `seq`: analysed, their content lives in the step tables. */
  deleteThrough(runId: number, seq: number): void {
    this.prune.run(runId, seq);
  }
}
