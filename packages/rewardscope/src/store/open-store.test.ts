import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { isPostgresUrl, openStore, redactUrl } from "./open-store.js";
import { SqliteStore } from "./sqlite/sqlite-store.js";

const dir = mkdtempSync(join(tmpdir(), "rewardscope-open-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("opens a SQLite file for a path, with no leases (one server owns every run)", async () => {
  const opened = await openStore(join(dir, "sub", "team.db"));
  expect(opened.store).toBeInstanceOf(SqliteStore);
  expect(opened.leases).toBeNull();
  await opened.store.upsertRun({ name: "r" });
  await opened.close();
  const again = await openStore(join(dir, "sub", "team.db"));
  expect(await again.store.getRun("r")).not.toBeNull();
  await again.close();
});

it("tells PostgreSQL URLs from paths and never prints a password", () => {
  expect(isPostgresUrl("postgres://db/rs")).toBe(true);
  expect(isPostgresUrl("POSTGRESQL://db/rs")).toBe(true);
  expect(isPostgresUrl("./postgres://x")).toBe(false);
  expect(isPostgresUrl("/srv/rewardscope.db")).toBe(false);
  expect(redactUrl("postgres://rs:s3cr%40t@db.internal:5432/rs?sslmode=require")).toBe(
    "postgres://rs:***@db.internal:5432/rs?sslmode=require",
  );
  expect(redactUrl("postgres://rs@db/rs")).toBe("postgres://rs@db/rs");
  expect(redactUrl("/srv/rewardscope.db")).toBe("/srv/rewardscope.db");
});

it("fails clearly when the PostgreSQL server cannot be reached", async () => {
  await expect(openStore("postgres://nobody:pw@127.0.0.1:1/none")).rejects.toMatchObject({
    code: "invalid_argument",
    field: "--store",
    message: expect.stringMatching(
      /^--store: cannot open postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: .*ECONNREFUSED/,
    ),
  });
});
