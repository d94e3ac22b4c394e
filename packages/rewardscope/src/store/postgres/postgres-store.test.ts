import { existsSync } from "node:fs";
import { join } from "node:path";
import { simulateRun } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { LiveBus } from "../../ingest/live-bus.js";
import { SessionManager } from "../../ingest/session-manager.js";
import { batchesByStep, tempDir } from "../../report/report-fixture.case.js";
import { writeReportInWorker } from "../../report/report-job.js";
import { cachedRun, completionRecord, writeAt } from "../step-writes.case.js";
import { describeStoreContract } from "../store.case.js";
import { migratePg, PG_MIGRATIONS } from "./migrations.js";
import { openPgStore } from "./pg-store.js";
import { clusterFixture } from "./test-cluster.case.js";

const cluster = clusterFixture();
const url = () => cluster.url();

describeStoreContract("postgres", () => openPgStore(url()));

describe("postgres store", () => {
  it("gives a report worker, through its own connection, the run a server stored", async () => {
    const store = await openPgStore(url());
    const run = `report-${Date.now()}`;
    const sessions = new SessionManager({ store, bus: new LiveBus() });
    const events = simulateRun({ runName: run, steps: 20, promptsPerStep: 2, groupSize: 4, seed: 5 });
    for (const [i, batch] of batchesByStep(events).entries()) await sessions.ingest(run, `b${i}`, batch);
    await sessions.finish(run);
    await sessions.close();
    const dir = join(tempDir(), "report");
    const { written } = await writeReportInWorker(url(), run, dir);
    expect(written).toMatchObject({ dir, steps: 20 });
    for (const file of ["report.html", "dashboard.png", "monitoring_data.json"])
      expect(existsSync(join(dir, file)), file).toBe(true);
    await store.close();
  }, 60_000);

  it("migrates once, however many servers open the database together", async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPgStore(url())));
    const { rows } = await stores[0]!.sql.query<{ version: number }>(
      "SELECT version FROM schema_migrations ORDER BY version",
    );
    expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    await Promise.all(stores.map((s) => s.close()));
  });

  it("refuses a database of a newer schema", async () => {
    const store = await openPgStore(url());
    await store.sql.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')");
    await expect(openPgStore(url())).rejects.toMatchObject({
      code: "invalid_state",
      field: "schema_migrations",
    });
    await store.sql.query("DELETE FROM schema_migrations WHERE version = 99");
    await store.close();
  });

  it("keeps completions holding NUL and lone surrogates exactly, and finds them", async () => {
    const store = await openPgStore(url());
    const name = `nul-${Date.now()}`;
    await store.upsertRun({ name, project: "a\u0000b" });
    expect((await store.getRun(name))?.project).toBe("a\u0000b");
    const event = { type: "metrics", step: 0, values: { loss: 1 } } as const;
    expect((await store.appendEvents(name, "id\u0000with nul", [event])).duplicate).toBe(false);
    expect((await store.appendEvents(name, "id\u0000with nul", [event])).duplicate).toBe(true);
    const texts = ["before\u0000after NUL", "lone \ud800 surrogate", "plain text"];
    const write = writeAt(cachedRun({ steps: 5 }).writes[0]!, 3, {
      completions: texts.map((text, i) => completionRecord(i, text, { prompt: i === 2 ? "p\u0000" : null })),
    });
    await store.saveStep(name, { ...write, appliedSeq: 0 });
    const back = await store.completions(name, { step: 3 });
    expect(back.completions.map((c) => [c.completion, c.prompt])).toEqual([
      [texts[0], null],
      [texts[1], null],
      [texts[2], "p\u0000"],
    ]);
    const found = async (search: string) =>
      (await store.completions(name, { search })).completions.map((c) => c.index);
    expect(await found("E\u0000AF")).toEqual([0]);
    expect(await found("LONE")).toEqual([1]);
    expect(await found("p\u0000")).toEqual([2]);
    await expect(
      store.saveStep(name, { ...write, appliedSeq: 0, series: { "bad\u0000name": 1 } }),
    ).rejects.toMatchObject({ code: "invalid_argument", field: "series.bad\u0000name" });
    await store.close();
  });

  it("runs no migration twice", async () => {
    const store = await openPgStore(url());
    expect(await migratePg((store as unknown as { pool: Parameters<typeof migratePg>[0] }).pool)).toEqual([]);
    await store.close();
  });
});
