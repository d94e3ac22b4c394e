import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RewardscopeError } from "@rewardscope/core";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { cachedRun, completionRecord, writeAt } from "../step-writes.case.js";
import { openSqliteStore } from "./sqlite-store.js";

const dir = mkdtempSync(join(tmpdir(), "rewardscope-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the SQLite file", () => {
  it("is created with its folders, in WAL mode, synchronous NORMAL (WalSync syncs), foreign keys on", async () => {
    const store = await openSqliteStore(join(dir, "a", "b", "rewardscope.db"), { busyTimeoutMs: 1234 });
    const db = store.database;
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(1234);
    await store.close();
  });

  it("works in memory", async () => {
    const store = await openSqliteStore(":memory:");
    await store.upsertRun({ name: "m" });
    expect((await store.appendEvents("m", "b", [{ type: "step_end", step: 0 }])).seqs).toEqual([1]);
    await store.close();
  });

  it("refuses a file that is not a database, and a closed store", async () => {
    const path = join(dir, "not-a-db.db");
    writeFileSync(path, "this is a text file, long enough to have a header of sixteen bytes and more");
    const error = await openSqliteStore(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RewardscopeError);
    expect(error).toMatchObject({ code: "invalid_argument", field: "path" });
    const store = await openSqliteStore(":memory:");
    await store.close();
    await store.close();
    await expect(store.listRuns()).rejects.toMatchObject({ code: "invalid_state" });
    await expect(store.getRun("x")).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("stamps times with the clock it is given", async () => {
    const store = await openSqliteStore(":memory:", { now: () => new Date("2025-01-02T03:04:05.000Z") });
    expect((await store.upsertRun({ name: "t" })).createdAt).toBe("2025-01-02T03:04:05.000Z");
    await store.close();
  });

  it("searches by scanning when the file has no text index, with the same answers", async () => {
    const path = join(dir, "no-fts.db");
    const template = cachedRun({ steps: 20 }).writes[0]!;
    const texts = ["Alpha BETA gamma", "ÉCOLE 日本語", 'quote " here', "beta"];
    const completions = texts.map((text, i) => completionRecord(i, text));
    const store = await openSqliteStore(path);
    await store.upsertRun({ name: "r" });
    await store.saveStep("r", writeAt(template, 1, { completions }));
    const searches = ["beta", "école", "日本", '" h', "ETA G", "zzz"];
    const indexed = await Promise.all(searches.map((search) => store.completions("r", { search })));
    await store.close();
    const db = new Database(path);
    db.exec(
      "DROP TRIGGER completions_fts_delete; DROP TABLE completions_fts; DROP TABLE completions_fts_progress;",
    );
    db.close();
    const scanning = await openSqliteStore(path);
    const scanned = await Promise.all(searches.map((search) => scanning.completions("r", { search })));
    expect(scanned).toEqual(indexed);
    expect(indexed.map((r) => r.completions.map((c) => c.index))).toEqual([[0, 3], [1], [1], [2], [0], []]);
    await scanning.saveStep("r", writeAt(template, 2, { completions }));
    expect((await scanning.completions("r", { search: "gamma" })).total).toBe(2);
    await scanning.close();
  });
});
