import type { MonitorState, StepReport } from "@rewardscope/core";
import { decodeJson } from "../json-codec.js";
import type { Sql } from "./sql.js";

/** A step's report, rewards and the Monitor state after it, serialised before the transaction starts. */
export interface EncodedStep {
  step: number;
  report: string;
  rewards: string;
  state: string;
  appliedSeq: number;
}

/** The `steps` and `monitor_state` tables: each analysed step's report (NaN kept), its raw rewards, the state. */
export const stepsTable = {
  /** Writes the step, replacing one saved before under the same number; true when it was new. */
  async put(sql: Sql, runId: number, step: EncodedStep, now: Date): Promise<boolean> {
    // xmax is 0 on a row this statement inserted, the updating transaction's id on one it replaced.
    const { rows } = await sql.query<{ inserted: boolean }>(
      `INSERT INTO steps (run_id, step, report, rewards, saved_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (run_id, step) DO UPDATE SET report = excluded.report, rewards = excluded.rewards,
         saved_at = excluded.saved_at
       RETURNING (xmax = 0) AS inserted`,
      [runId, step.step, step.report, step.rewards, now],
    );
    return rows[0]?.inserted === true;
  },

  async getReport(sql: Sql, runId: number, step: number): Promise<StepReport | null> {
    const { rows } = await sql.query<{ report: string }>(
      "SELECT report FROM steps WHERE run_id = $1 AND step = $2",
      [runId, step],
    );
    return rows[0] ? decodeJson<StepReport>(rows[0].report) : null;
  },

  async getRewards(sql: Sql, runId: number, step: number): Promise<Record<string, (number | null)[]> | null> {
    const { rows } = await sql.query<{ rewards: string }>(
      "SELECT rewards FROM steps WHERE run_id = $1 AND step = $2",
      [runId, step],
    );
    return rows[0] ? (JSON.parse(rows[0].rewards) as Record<string, (number | null)[]>) : null;
  },

  /**
   * Saves the state unless a newer one is saved: the events up to the newest applied_seq may be deleted already, so
   * an older state could not be replayed forward again.
   */
  async putState(sql: Sql, runId: number, step: EncodedStep): Promise<void> {
    await sql.query(
      `INSERT INTO monitor_state (run_id, state, applied_seq) VALUES ($1, $2, $3)
       ON CONFLICT (run_id) DO UPDATE SET state = excluded.state, applied_seq = excluded.applied_seq
       WHERE excluded.applied_seq >= monitor_state.applied_seq`,
      [runId, step.state, step.appliedSeq],
    );
  },

  async getState(sql: Sql, runId: number): Promise<{ state: MonitorState; appliedSeq: number } | null> {
    const { rows } = await sql.query<{ state: string; applied_seq: number }>(
      "SELECT state, applied_seq FROM monitor_state WHERE run_id = $1",
      [runId],
    );
    const row = rows[0];
    return row ? { state: JSON.parse(row.state) as MonitorState, appliedSeq: row.applied_seq } : null;
  },
};
