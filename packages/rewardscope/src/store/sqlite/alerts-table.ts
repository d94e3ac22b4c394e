import { type Alert, type Severity, severityRank } from "@rewardscope/core";
import type Database from "better-sqlite3";
import { decodeJson, encodeJson } from "../json-codec.js";
import type { ResolvedAlertQuery } from "../query-options.js";

export const ALERTS_SCHEMA = `
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  type TEXT NOT NULL,
  severity TEXT NOT NULL,
  severity_rank INTEGER NOT NULL,
  reward_fn TEXT,
  body TEXT NOT NULL
);
CREATE INDEX alerts_by_step ON alerts (run_id, step);`;

// Every filter in one statement: an absent filter is a null parameter (or an open step bound), and the list
// filters arrive as JSON arrays, so one prepared statement serves every query.
const WHERE = `
  run_id = :run AND step BETWEEN :fromStep AND :toStep AND severity_rank >= :minRank
  AND (:severities IS NULL OR severity IN (SELECT value FROM json_each(:severities)))
  AND (:types IS NULL OR type IN (SELECT value FROM json_each(:types)))
  AND (:rewardFn IS NULL OR reward_fn = :rewardFn)`;

type Filter = {
  run: number;
  fromStep: number;
  toStep: number;
  minRank: number;
  severities: string | null;
  types: string | null;
  rewardFn: string | null;
};

/** The `alerts` table: every alert raised, newest step first when read. */
export class AlertsTable {
  private readonly insert: Database.Statement<
    [number, number, string, string, number, string | null, string]
  >;
  private readonly removeStep: Database.Statement<[number, number], { severity: Severity }>;
  private readonly page: Database.Statement<Filter & { limit: number; offset: number }, { body: string }>;
  private readonly count: Database.Statement<Filter, { total: number }>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      "INSERT INTO alerts (run_id, step, type, severity, severity_rank, reward_fn, body) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    this.removeStep = db.prepare("DELETE FROM alerts WHERE run_id = ? AND step = ? RETURNING severity");
    this.page = db.prepare(
      `SELECT body FROM alerts WHERE ${WHERE} ORDER BY step DESC, id LIMIT :limit OFFSET :offset`,
    );
    this.count = db.prepare(`SELECT count(*) AS total FROM alerts WHERE ${WHERE}`);
  }

  /** Writes the alerts of one step (severities checked by the caller). */
  add(runId: number, step: number, alerts: readonly Alert[]): void {
    for (const alert of alerts)
      this.insert.run(
        runId,
        step,
        alert.type,
        alert.severity,
        severityRank(alert.severity),
        alert.rewardFn ?? null,
        encodeJson(alert),
      );
  }

  /** Deletes one step's alerts; returns their severities, to take them off the run's counts. */
  deleteStep(runId: number, step: number): Severity[] {
    return this.removeStep.all(runId, step).map((row) => row.severity);
  }

  query(runId: number, query: ResolvedAlertQuery): { total: number; alerts: Alert[] } {
    const filter: Filter = {
      run: runId,
      fromStep: query.fromStep,
      toStep: query.toStep,
      minRank: query.minRank,
      severities: query.severities && JSON.stringify(query.severities),
      types: query.types && JSON.stringify(query.types),
      rewardFn: query.rewardFn,
    };
    const total = this.count.get(filter)?.total ?? 0;
    const rows =
      query.limit === 0 ? [] : this.page.all({ ...filter, limit: query.limit, offset: query.offset });
    return { total, alerts: rows.map((row) => decodeJson<Alert>(row.body)) };
  }
}
