import type { StepReport } from "@rewardscope/core";
import type Database from "better-sqlite3";
import { decodeJson, encodeJson } from "../json-codec.js";

export const STEPS_SCHEMA = `
CREATE TABLE steps (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  report TEXT NOT NULL,
  rewards TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (run_id, step)
);`;

/** The `steps` table: each analysed step's report (NaN kept) and its raw reward values. */
export class StepsTable {
  private readonly exists: Database.Statement<[number, number], { found: number }>;
  private readonly upsert: Database.Statement<[number, number, string, string, string]>;
  private readonly report: Database.Statement<[number, number], { report: string }>;
  private readonly rewards: Database.Statement<[number, number], { rewards: string }>;

  constructor(db: Database.Database) {
    this.exists = db.prepare("SELECT 1 AS found FROM steps WHERE run_id = ? AND step = ?");
    this.upsert = db.prepare(
      "INSERT OR REPLACE INTO steps (run_id, step, report, rewards, saved_at) VALUES (?, ?, ?, ?, ?)",
    );
    this.report = db.prepare("SELECT report FROM steps WHERE run_id = ? AND step = ?");
    this.rewards = db.prepare("SELECT rewards FROM steps WHERE run_id = ? AND step = ?");
  }

  has(runId: number, step: number): boolean {
    return this.exists.get(runId, step) !== undefined;
  }

  /** Writes the step, replacing a step saved before under the same number. */
  put(runId: number, report: StepReport, rewards: Record<string, (number | null)[]>, now: string): void {
    this.upsert.run(runId, report.step, encodeJson(report), JSON.stringify(rewards), now);
  }

  getReport(runId: number, step: number): StepReport | null {
    const row = this.report.get(runId, step);
    return row ? decodeJson<StepReport>(row.report) : null;
  }

  getRewards(runId: number, step: number): Record<string, (number | null)[]> | null {
    const row = this.rewards.get(runId, step);
    return row ? (JSON.parse(row.rewards) as Record<string, (number | null)[]>) : null;
  }
}
