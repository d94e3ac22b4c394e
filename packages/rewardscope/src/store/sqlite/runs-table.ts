import type { Severity } from "@rewardscope/core";
import type Database from "better-sqlite3";
import type { RunFields } from "../check-input.js";
import type { RunRecord } from "../store.js";

export const RUNS_SCHEMA = `
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  project TEXT,
  reward_functions TEXT NOT NULL DEFAULT '[]',
  world_size INTEGER NOT NULL DEFAULT 1,
  config TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished', 'stale')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- The last event sequence number given: events are deleted once analysed, so max(seq) cannot tell.
  last_seq INTEGER NOT NULL DEFAULT 0,
  last_step INTEGER,
  step_count INTEGER NOT NULL DEFAULT 0,
  alert_counts TEXT NOT NULL DEFAULT '{}'
);`;

/** A row of `runs`. */
export interface RunRow {
  id: number;
  name: string;
  project: string | null;
  reward_functions: string;
  world_size: number;
  config: string;
  status: RunRecord["status"];
  created_at: string;
  updated_at: string;
  last_seq: number;
  last_step: number | null;
  step_count: number;
  alert_counts: string;
}

/** What saving a step changes in its run. */
export interface StepTally {
  lastStep: number;
  stepCount: number;
  alertCounts: Partial<Record<Severity, number>>;
}

/** The `runs` table: one row a run, with the counters that saveStep and appendEvents maintain. */
export class RunsTable {
  private readonly byName: Database.Statement<[string], RunRow>;
  private readonly all: Database.Statement<[], RunRow>;
  private readonly upsertRow: Database.Statement<Record<string, unknown>, RunRow>;
  private readonly status: Database.Statement<[string, string, number]>;
  private readonly seq: Database.Statement<[number, string, number]>;
  private readonly tally: Database.Statement<[number | null, number, string, string, number]>;

  constructor(db: Database.Database) {
    this.byName = db.prepare("SELECT * FROM runs WHERE name = ?");
    this.all = db.prepare("SELECT * FROM runs ORDER BY updated_at DESC, id DESC");
    this.upsertRow = db.prepare(`
      INSERT INTO runs (name, project, reward_functions, world_size, config, created_at, updated_at)
      VALUES (:name, :project, coalesce(:rewardFunctions, '[]'), coalesce(:worldSize, 1), coalesce(:config, '{}'),
        :now, :now)
      ON CONFLICT (name) DO UPDATE SET
        project = iif(:hasProject, excluded.project, project),
        reward_functions = coalesce(:rewardFunctions, reward_functions),
        world_size = coalesce(:worldSize, world_size),
        config = coalesce(:config, config),
        updated_at = excluded.updated_at
      RETURNING *`);
    this.status = db.prepare("UPDATE runs SET status = ?, updated_at = ? WHERE id = ?");
    this.seq = db.prepare("UPDATE runs SET last_seq = last_seq + ?, updated_at = ? WHERE id = ?");
    this.tally = db.prepare(
      "UPDATE runs SET last_step = ?, step_count = ?, alert_counts = ?, updated_at = ? WHERE id = ?",
    );
  }

  get(name: string): RunRow | undefined {
    return this.byName.get(name);
  }

  list(): RunRow[] {
    return this.all.all();
  }

  upsert(name: string, fields: RunFields, now: string): RunRow {
    return this.upsertRow.get({
      name,
      now,
      hasProject: fields.project === undefined ? 0 : 1,
      project: fields.project ?? null,
      rewardFunctions: fields.rewardFunctions ? JSON.stringify(fields.rewardFunctions) : null,
      worldSize: fields.worldSize ?? null,
      config: fields.config ? JSON.stringify(fields.config) : null,
    }) as RunRow;
  }

  setStatus(id: number, status: RunRecord["status"], now: string): void {
    this.status.run(status, now, id);
  }

  /** Reserves `count` sequence numbers after the run's last one. */
  advanceSeq(id: number, count: number, now: string): void {
    this.seq.run(count, now, id);
  }

  recordStep(id: number, tally: StepTally, now: string): void {
    this.tally.run(tally.lastStep, tally.stepCount, JSON.stringify(tally.alertCounts), now, id);
  }
}

/**
 * The public shape of a row.
 * @example
 * toRunRecord(row).alertCounts; // { high: 2 }
 */
export function toRunRecord(row: RunRow): RunRecord {
  return {
    name: row.name,
    project: row.project,
    rewardFunctions: JSON.parse(row.reward_functions) as string[],
    worldSize: row.world_size,
    config: JSON.parse(row.config) as Record<string, unknown>,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastStep: row.last_step,
    stepCount: row.step_count,
    alertCounts: JSON.parse(row.alert_counts) as Partial<Record<Severity, number>>,
  };
}
