import { RewardscopeError } from "@rewardscope/core";
import type Database from "better-sqlite3";
import { ALERTS_SCHEMA } from "./alerts-table.js";
import { BATCHES_SCHEMA } from "./batches-table.js";
import { COMPLETIONS_SCHEMA } from "./completions-table.js";
import { EVENTS_SCHEMA } from "./events-table.js";
import { RUNS_SCHEMA } from "./runs-table.js";
import { hasTrigram, SEARCH_INDEX_SCHEMA } from "./search-index.js";
import { moveSeriesIntoChunks } from "./series-migration.js";
import { SERIES_CHUNKS_SCHEMA } from "./series-table.js";
import { STATE_SCHEMA } from "./state-table.js";
import { STEPS_SCHEMA } from "./steps-table.js";

// The series tables as version 1 made them (series-table.ts has today's).
const SERIES_V1_SCHEMA = `
CREATE TABLE series_names (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE run_series (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name_id INTEGER NOT NULL REFERENCES series_names (id),
  PRIMARY KEY (run_id, name_id)
) WITHOUT ROWID;
CREATE TABLE series (
  run_id INTEGER NOT NULL,
  name_id INTEGER NOT NULL,
  step INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (run_id, name_id, step)
) WITHOUT ROWID;`;

/** One schema change. Versions increase by 1; a released migration is never edited, only followed. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Every migration, in order. The last version is the schema this code reads and writes. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    up(db) {
      db.exec(RUNS_SCHEMA + BATCHES_SCHEMA + EVENTS_SCHEMA + STEPS_SCHEMA + SERIES_V1_SCHEMA);
      db.exec(ALERTS_SCHEMA + COMPLETIONS_SCHEMA + STATE_SCHEMA);
      // Without trigrams the search scans (completion-search.ts): slower, same answers.
      if (hasTrigram(db)) db.exec(SEARCH_INDEX_SCHEMA);
    },
  },
  {
    version: 2,
    name: "series by step, then in chunks per series",
    up(db) {
      db.exec(SERIES_CHUNKS_SCHEMA);
      moveSeriesIntoChunks(db);
      db.exec("DROP TABLE series");
    },
  },
];

const LEDGER = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
);`;

/** The highest migration applied to the file, 0 for a new file. */
export function schemaVersion(db: Database.Database): number {
  db.exec(LEDGER);
  const row = db.prepare("SELECT max(version) AS version FROM schema_migrations").get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/**
 * Brings the file's schema up to the last of `migrations`: each one not yet applied runs once, in its own
 * transaction with its ledger row. A file written by a newer rewardscope is refused, never half-read.
 * Returns the versions applied.
 * @example
 * migrate(new Database("rewardscope.db")); // [1] on a new file, [] after
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i} has version ${m.version}, expected ${i + 1}`);
  });
  const known = migrations.length;
  const refuseNewer = (version: number): void => {
    if (version > known)
      throw new RewardscopeError(
        "invalid_state",
        `the database has schema version ${version}, newer than the ${known} this rewardscope knows: upgrade rewardscope`,
        "schema_migrations",
      );
  };
  refuseNewer(schemaVersion(db));
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  const applied: number[] = [];
  for (const m of migrations) {
    // Read again inside the write lock: another process may have migrated the file meanwhile.
    const ran = db
      .transaction(() => {
        const current = schemaVersion(db);
        refuseNewer(current);
        if (current >= m.version) return false;
        m.up(db);
        record.run(m.version, m.name, new Date().toISOString());
        return true;
      })
      .immediate();
    if (ran) applied.push(m.version);
  }
  return applied;
}
