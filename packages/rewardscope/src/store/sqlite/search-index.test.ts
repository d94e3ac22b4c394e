import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { cachedRun, completionRecord, writeAt } from "../step-writes.case.js";
import { openSqliteStore, type SqliteStore } from "./sqlite-store.js";

const dir = mkdtempSync(join(tmpdir(), "rewardscope-search-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

const template = () => cachedRun({ steps: 20 }).writes[0]!;
const records = (texts: string[]) => texts.map((text, i) => completionRecord(i, text));
const backlog = (db: Database.Database) =>
  (
    db
      .prepare(
        "SELECT count(*) AS n FROM completions WHERE id > (SELECT indexed_through FROM completions_fts_progress)",
      )
      .get() as { n: number }
  ).n;
/** FTS5's check that the index matches the table's content, row for row (so only with no backlog); throws if not. */
const checkIndex = (db: Database.Database) =>
  db.prepare("INSERT INTO completions_fts (completions_fts, rank) VALUES ('integrity-check', 1)").run();

async function open(backgroundIndexing: boolean): Promise<SqliteStore> {
  const store = await openSqliteStore(join(dir, `search-${++files}.db`), { backgroundIndexing });
  await store.upsertRun({ name: "r" });
  return store;
}

describe("the deferred search index", () => {
  it("indexes after the write, and a search catches up first", async () => {
    const store = await open(false);
    await store.saveStep(
      "r",
      writeAt(template(), 1, { completions: records(["alpha beta", "gamma delta"]) }),
    );
    expect(backlog(store.database)).toBe(2);
    expect((await store.completions("r", { search: "delta" })).completions.map((c) => c.index)).toEqual([1]);
    expect(backlog(store.database)).toBe(0);
    checkIndex(store.database);
    await store.close();
  });

  it("works off the backlog in the background", async () => {
    const store = await open(true);
    const texts = Array.from({ length: 150 }, (_, i) => `completion number ${i}`);
    await store.saveStep("r", writeAt(template(), 1, { completions: records(texts) }));
    for (let turn = 0; turn < 500 && backlog(store.database) > 0; turn++)
      await new Promise((r) => setTimeout(r, 5));
    expect(backlog(store.database)).toBe(0);
    checkIndex(store.database);
    await store.close();
  });

  it("stays exact when indexed and unindexed steps are replaced", async () => {
    const store = await open(false);
    await store.saveStep("r", writeAt(template(), 1, { completions: records(["old one", "old two"]) }));
    await store.completions("r", { search: "old" });
    await store.saveStep("r", writeAt(template(), 2, { completions: records(["pending three"]) }));
    await store.saveStep("r", writeAt(template(), 1, { completions: records(["new one"]) }));
    await store.saveStep("r", writeAt(template(), 2, { completions: records(["new three"]) }));
    expect((await store.completions("r", { search: "old" })).total).toBe(0);
    expect((await store.completions("r", { search: "pending" })).total).toBe(0);
    expect((await store.completions("r", { search: "new" })).completions.map((c) => c.step)).toEqual([2, 1]);
    checkIndex(store.database);
    await store.close();
  });
});
