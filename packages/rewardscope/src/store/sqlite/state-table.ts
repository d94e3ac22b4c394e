import type { MonitorState } from "@rewardscope/core";
import type Database from "better-sqlite3";

export const STATE_SCHEMA = `
CREATE TABLE monitor_state (
  run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  state TEXT NOT NULL,
  applied_seq INTEGER NOT NULL
);`;

/** The `monitor_state` table: the Monitor state of each run and the last event it consumed. */
export class StateTable {
  private readonly upsert: Database.Statement<[number, string, number]>;
  private readonly select: Database.Statement<[number], { state: string; applied_seq: number }>;

  constructor(db: Database.Database) {
    // Never backwards: the events up to the newest applied_seq may be deleted already, so an older state could
    // not be replayed forward again.
    this.upsert = db.prepare(`
      INSERT INTO monitor_state (run_id, state, applied_seq) VALUES (?, ?, ?)
      ON CONFLICT (run_id) DO UPDATE SET state = excluded.state, applied_seq = excluded.applied_seq
      WHERE excluded.applied_seq >= monitor_state.applied_seq`);
    this.select = db.prepare("SELECT state, applied_seq FROM monitor_state WHERE run_id = ?");
  }

  /** Saves the state (serialised now: the caller may pass the Monitor's live state) unless a newer one is saved. */
  put(runId: number, state: Readonly<MonitorState> | string, appliedSeq: number): void {
    this.upsert.run(runId, typeof state === "string" ? state : JSON.stringify(state), appliedSeq);
  }

  get(runId: number): { state: MonitorState; appliedSeq: number } | null {
    const row = this.select.get(runId);
    return row ? { state: JSON.parse(row.state) as MonitorState, appliedSeq: row.applied_seq } : null;
  }
}
