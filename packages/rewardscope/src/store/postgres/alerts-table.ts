import { type Alert, type Severity, severityRank } from "@rewardscope/core";
import { decodeJson, encodeJson } from "../json-codec.js";
import type { ResolvedAlertQuery } from "../query-options.js";
import type { Sql } from "./sql.js";

// Every filter in one statement: an absent filter is a null parameter (or an open step bound).
const WHERE = `
  run_id = $1 AND step BETWEEN $2::bigint AND $3::bigint AND severity_rank >= $4
  AND ($5::text[] IS NULL OR severity = ANY($5::text[]))
  AND ($6::text[] IS NULL OR type = ANY($6::text[]))
  AND ($7::text IS NULL OR reward_fn = $7::text)`;

/** The `alerts` table: every alert raised, newest step first when read, report order within a step. */
export const alertsTable = {
  /** Writes the alerts of one step (checked by the caller), in one statement. */
  async add(sql: Sql, runId: number, step: number, alerts: readonly Alert[]): Promise<void> {
    if (alerts.length === 0) return;
    await sql.query(
      `INSERT INTO alerts (run_id, step, ord, type, severity, severity_rank, reward_fn, body)
       SELECT $1, $2, ord - 1, type, severity, rank, reward_fn, body
       FROM unnest($3::text[], $4::text[], $5::smallint[], $6::text[], $7::text[])
         WITH ORDINALITY AS a (type, severity, rank, reward_fn, body, ord)`,
      [
        runId,
        step,
        alerts.map((a) => a.type),
        alerts.map((a) => a.severity),
        alerts.map((a) => severityRank(a.severity)),
        alerts.map((a) => a.rewardFn ?? null),
        alerts.map((a) => encodeJson(a)),
      ],
    );
  },

  /** Deletes one step's alerts; returns their severities, to take them off the run's counts. */
  async deleteStep(sql: Sql, runId: number, step: number): Promise<Severity[]> {
    const { rows } = await sql.query<{ severity: Severity }>(
      "DELETE FROM alerts WHERE run_id = $1 AND step = $2 RETURNING severity",
      [runId, step],
    );
    return rows.map((row) => row.severity);
  },

  async query(
    sql: Sql,
    runId: number,
    query: ResolvedAlertQuery,
  ): Promise<{ total: number; alerts: Alert[] }> {
    const filter = [
      runId,
      query.fromStep,
      query.toStep,
      query.minRank,
      query.severities,
      query.types,
      query.rewardFn,
    ];
    const { rows: counted } = await sql.query<{ total: number }>(
      `SELECT count(*) AS total FROM alerts WHERE ${WHERE}`,
      filter,
    );
    const total = counted[0]?.total ?? 0;
    if (query.limit === 0 || total === 0) return { total, alerts: [] };
    const { rows } = await sql.query<{ body: string }>(
      `SELECT body FROM alerts WHERE ${WHERE} ORDER BY step DESC, ord LIMIT $8 OFFSET $9`,
      [...filter, query.limit, query.offset],
    );
    return { total, alerts: rows.map((row) => decodeJson<Alert>(row.body)) };
  },
};
