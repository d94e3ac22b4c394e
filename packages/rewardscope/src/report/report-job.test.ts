import { readFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { RewardscopeError } from "@rewardscope/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqliteStore } from "../store/sqlite/sqlite-store.js";
import { storeWithSimulatedRun, tempDir } from "./report-fixture.case.js";
import { writeReportInWorker } from "./report-job.js";
import { writeReport } from "./write-report.js";

const RUN = "worker-report";
let store: SqliteStore;
let location: string;

beforeAll(async () => {
  const made = await storeWithSimulatedRun({
    runName: RUN,
    steps: 60,
    scenario: "length_hacking",
    seed: 3,
    promptsPerStep: 4,
    groupSize: 4,
  });
  store = made.store;
  location = join(made.dir, "rewardscope.db");
}, 120_000);

afterAll(async () => {
  await store?.close();
});

describe("writeReportInWorker", () => {
  it("writes in another thread, through its own connection, the report this thread would write", async () => {
    const inWorker = join(tempDir(), "worker");
    const inline = join(tempDir(), "inline");
    const { written, threadId: writer } = await writeReportInWorker(location, RUN, inWorker);
    const here = await writeReport(store, RUN, inline);
    expect(writer).not.toBe(threadId);
    expect(written).toMatchObject({ dir: inWorker, steps: here.steps, alerts: here.alerts });
    expect(written.files.sort()).toEqual(here.files.sort());
    // The files differ only where they say when they were written.
    const read = (dir: string, file: string) =>
      readFileSync(join(dir, file), "utf8").replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "TIME");
    for (const file of ["monitoring_data.json", "metrics_history.csv", "report.html"])
      expect(read(inWorker, file), file).toBe(read(inline, file));
  }, 120_000);

  it("rejects with the store's error, code and field kept, for a run the store does not have", async () => {
    const error = await writeReportInWorker(location, "no-such-run", join(tempDir(), "none")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RewardscopeError);
    expect(error).toMatchObject({ code: "not_found", field: "run" });
  }, 60_000);
});
