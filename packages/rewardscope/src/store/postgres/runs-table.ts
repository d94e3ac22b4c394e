import type { Severity } from "@rewardscope/core";
import type { RunFields } from "../check-input.js";
import type { RunRecord } from "../store.js";
import type { Sql } from "./sql.js";

/** A row of `runs`. */
export interface PgRunRow {
  id: number;
  name: string;
  project: string;
  reward_functions: string;
  world_size: number;
  config: string;
  status: RunRecord["status"];
  created_at: Date;
  updated_at: Date;
  last_seq: number;
  last_step: number | null;
  step_count: number;
  alert_counts: string;
  /** Raised each time a server takes the run's lease (migration 2). */
  lease_epoch: number;
}

/** What saving a step changes in its run. */
export interface StepTally {
  lastStep: number;
  stepCount: number;
  alertCounts: Partial<Record<Severity, number>>;
}

const UPSERT = `
INSERT INTO runs (name, project, reward_functions, world_size, config, created_at, updated_at)
VALUES ($1, coalesce($3, 'null'), coalesce($4, '[]'), coalesce($5, 1), coalesce($6, '{}'), $7, $7)
ON CONFLICT (name) DO UPDATE SET
  project = CASE WHEN $2 THEN excluded.project ELSE runs.project END,
  reward_functions = coalesce($4, runs.reward_functions),
  world_size = coalesce($5, runs.world_size),
  config = coalesce($6, runs.config),
  updated_at = excluded.updated_at
RETURNING *`;

/** The `runs` table: one row a run, with the counters that saveStep and appendEvents maintain. */
export const runsTable = {
  async get(sql: Sql, name: string): Promise<PgRunRow | undefined> {
    return (await sql.query<PgRunRow>("SELECT * FROM runs WHERE name = $1", [name])).rows[0];
  },

  /** The row, locked until the transaction ends: appends and step saves of one run go one at a time. */
  async lock(sql: Sql, name: string): Promise<PgRunRow | undefined> {
    return (await sql.query<PgRunRow>("SELECT * FROM runs WHERE name = $1 FOR UPDATE", [name])).rows[0];
  },

  async list(sql: Sql): Promise<PgRunRow[]> {
    return (await sql.query<PgRunRow>("SELECT * FROM runs ORDER BY updated_at DESC, id DESC")).rows;
  },

  async upsert(sql: Sql, name: string, fields: RunFields, now: Date): Promise<PgRunRow> {
    const { rows } = await sql.query<PgRunRow>(UPSERT, [
      name,
      fields.project !== undefined,
      fields.project === undefined ? null : JSON.stringify(fields.project),
      fields.rewardFunctions ? JSON.stringify(fields.rewardFunctions) : null,
      fields.worldSize ?? null,
      fields.config ? JSON.stringify(fields.config) : null,
      now,
    ]);
    return rows[0] as PgRunRow;
  },

  /** Sets the status; false when there is no such run. */
  async setStatus(sql: Sql, name: string, status: RunRecord["status"], now: Date): Promise<boolean> {
    const result = await sql.query("UPDATE runs SET status = $1, updated_at = $2 WHERE name = $3", [
      status,
      now,
      name,
    ]);
    return result.rowCount === 1;
  },

  /** Reserves `count` sequence numbers after the run's last one (the row is locked by the caller). */
  async advanceSeq(sql: Sql, id: number, count: number, now: Date): Promise<void> {
    await sql.query("UPDATE runs SET last_seq = last_seq + $1, updated_at = $2 WHERE id = $3", [
      count,
      now,
      id,
    ]);
  },

  /** Raises the run's lease epoch (its row locked until the transaction ends); undefined when there is no such run. */
  async raiseLeaseEpoch(sql: Sql, id: number): Promise<number | undefined> {
    const { rows } = await sql.query<{ lease_epoch: number }>(
      "UPDATE runs SET lease_epoch = lease_epoch + 1 WHERE id = $1 RETURNING lease_epoch",
      [id],
    );
    return rows[0]?.lease_epoch;
  },

  async recordStep(sql: Sql, id: number, tally: StepTally, now: Date): Promise<void> {
    await sql.query(
      "UPDATE runs SET last_step = $1, step_count = $2, alert_counts = $3, updated_at = $4 WHERE id = $5",
      [tally.lastStep, tally.stepCount, JSON.stringify(tally.alertCounts), now, id],
    );
  },
};

/** The public shape of a row. */
export function toRunRecord(row: PgRunRow): RunRecord {
  return {
    name: row.name,
    project: JSON.parse(row.project) as string | null,
    rewardFunctions: JSON.parse(row.reward_functions) as string[],
    worldSize: row.world_size,
    config: JSON.parse(row.config) as Record<string, unknown>,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastStep: row.last_step,
    stepCount: row.step_count,
    alertCounts: JSON.parse(row.alert_counts) as Partial<Record<Severity, number>>,
  };
}
