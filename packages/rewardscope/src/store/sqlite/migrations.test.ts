import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RewardscopeError } from "@rewardscope/core";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS, type Migration, migrate, schemaVersion } from "./migrations.js";
import { openSqliteStore } from "./sqlite-store.js";

const dir = mkdtempSync(join(tmpdir(), "rewardscope-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = () => join(dir, `db-${++files}.sqlite`);

const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe("migrate", () => {
  it("builds the whole schema on an empty file, once", () => {
    const db = new Database(file());
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        "runs",
        "batches",
        "events",
        "steps",
        "series_recent",
        "series_chunks",
        "series_names",
        "alerts",
        "completions",
      ]),
    );
    expect(tables(db)).toContain("completions_fts");
    expect(migrate(db)).toEqual([]);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it("upgrades an older file by the migrations it lacks, in order", () => {
    const path = file();
    const log: string[] = [];
    const step = (version: number, sql: string): Migration => ({
      version,
      name: `v${version}`,
      up: (db) => {
        log.push(`v${version}`);
        db.exec(sql);
      },
    });
    const v1 = [step(1, "CREATE TABLE a (x INTEGER)")];
    const v3 = [...v1, step(2, "ALTER TABLE a ADD COLUMN y TEXT"), step(3, "CREATE INDEX a_y ON a (y)")];
    const old = new Database(path);
    expect(migrate(old, v1)).toEqual([1]);
    old.prepare("INSERT INTO a (x) VALUES (7)").run();
    old.close();
    const db = new Database(path);
    expect(migrate(db, v3)).toEqual([2, 3]);
    expect(log).toEqual(["v1", "v2", "v3"]);
    expect(db.prepare("SELECT x, y FROM a").all()).toEqual([{ x: 7, y: null }]);
    expect(db.prepare("SELECT version, name FROM schema_migrations ORDER BY version").all()).toEqual([
      { version: 1, name: "v1" },
      { version: 2, name: "v2" },
      { version: 3, name: "v3" },
    ]);
    db.close();
  });

  it("rolls a failed migration back whole, ledger row included", () => {
    const db = new Database(file());
    const broken: Migration[] = [
      { version: 1, name: "ok", up: (d) => d.exec("CREATE TABLE a (x)") },
      { version: 2, name: "broken", up: (d) => d.exec("CREATE TABLE b (x); CREATE TABLE a (x)") },
    ];
    expect(() => migrate(db, broken)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain("b");
    db.close();
  });

  it("refuses a file written by a newer rewardscope, naming both versions", async () => {
    const path = file();
    const db = new Database(path);
    migrate(db);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 'later')").run(
      MIGRATIONS.length + 1,
    );
    db.close();
    const error = await openSqliteStore(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RewardscopeError);
    expect((error as RewardscopeError).code).toBe("invalid_state");
    expect((error as Error).message).toContain(
      `schema version ${MIGRATIONS.length + 1}, newer than the ${MIGRATIONS.length}`,
    );
  });

  it("refuses a list of migrations with a gap", () => {
    const db = new Database(":memory:");
    expect(() => migrate(db, [{ version: 2, name: "gap", up: () => {} }])).toThrow(/expected 1/);
    db.close();
  });
});
