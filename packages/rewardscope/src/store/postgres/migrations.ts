import { RewardscopeError } from "@rewardscope/core";
import type { Pool, PoolClient } from "pg";
import { LZ4_COLUMNS, SCHEMA_V1, TRIGRAM_INDEXES } from "./schema.js";

/** One schema change. Versions increase by 1; a released migration is never edited, only followed. */
export interface PgMigration {
  version: number;
  name: string;
  up(client: PoolClient): Promise<void>;
}

/** Every migration, in order. The last version is the schema this code reads and writes. */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: "initial schema",
    async up(client) {
      await client.query(SCHEMA_V1);
      // pg_trgm lets a text search use an index; without it (a server that lacks the extension, or a role that
      // may not create it) searches scan the run's completions: slower, same answers.
      await optional(client, "CREATE EXTENSION IF NOT EXISTS pg_trgm; " + TRIGRAM_INDEXES);
      await optional(client, LZ4_COLUMNS);
    },
  },
  {
    version: 2,
    name: "run lease epochs",
    async up(client) {
      // Raised by each server that takes a run's lease: a step save checks it, so an owner that lost its lease
      // without noticing yet cannot overwrite what the new owner saves.
      await client.query("ALTER TABLE runs ADD COLUMN lease_epoch integer NOT NULL DEFAULT 0");
    },
  },
];

/** Runs statements that improve the schema but are not needed by it: a server that cannot run them goes without. */
async function optional(client: PoolClient, sql: string): Promise<void> {
  await client.query("SAVEPOINT optional");
  try {
    await client.query(sql);
    await client.query("RELEASE SAVEPOINT optional");
  } catch {
    await client.query("ROLLBACK TO SAVEPOINT optional");
  }
}

/**
 * The advisory lock every rewardscope server takes to migrate: servers starting together on one database run the
 * migrations one after the other, and the later ones find nothing left to do. (A fixed key in the advisory lock
 * space of this database; "rwsc" in ASCII.)
 */
const MIGRATION_LOCK = 0x72777363;

const LEDGER = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);`;

/**
 * Brings the database's schema up to the last of `migrations`, all in one transaction under an advisory lock, each
 * with its ledger row in schema_migrations. A database written by a newer rewardscope is refused, never half-read.
 * Returns the versions applied.
 * @example
 * await migratePg(pool); // [1] on a new database, [] after
 */
export async function migratePg(
  pool: Pool,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
): Promise<number[]> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i} has version ${m.version}, expected ${i + 1}`);
  });
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(LEDGER);
    const { rows } = await client.query<{ version: number | null }>(
      "SELECT max(version) AS version FROM schema_migrations",
    );
    const current = rows[0]?.version ?? 0;
    if (current > migrations.length)
      throw new RewardscopeError(
        "invalid_state",
        `the database has schema version ${current}, newer than the ${migrations.length} this rewardscope knows: upgrade rewardscope`,
        "schema_migrations",
      );
    const applied: number[] = [];
    for (const m of migrations.slice(current)) {
      await m.up(client);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    await client.query("COMMIT");
    return applied;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
