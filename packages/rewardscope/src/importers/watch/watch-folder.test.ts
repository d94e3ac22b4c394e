import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  completionsParquet,
  put,
  pythonJson,
  tempFolder,
  tfEventBytes,
  trainerStateNewer,
  verlMetricsJsonl,
} from "../fixtures.case.js";
import { tallyRun } from "../import-into-store.js";
import { type LocalIngest, openLocalIngest } from "../local-ingest.js";
import { watchFolder } from "./watch-folder.js";

let folder: Awaited<ReturnType<typeof tempFolder>>;
let local: LocalIngest;
let out: string;
beforeEach(async () => {
  folder = await tempFolder();
  local = await openLocalIngest(join(folder.dir, "data"));
  out = join(folder.dir, "out");
  await mkdir(out);
});
afterEach(async () => {
  await local.close();
  await folder.remove();
});

/** Resolves once `check` holds, polling; fails the test after `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the watcher");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function start(run: string) {
  const stop = new AbortController();
  const { tally, stop: stopTally } = tallyRun(local.bus, run);
  const problems: string[] = [];
  const done = watchFolder(out, {
    ingest: local.sessions,
    run,
    signal: stop.signal,
    pollMs: 50,
    onProblem: (p) => problems.push(p),
  });
  return {
    tally,
    problems,
    async stop() {
      stop.abort();
      const result = await done;
      stopTally();
      return result;
    },
  };
}

describe("watchFolder", () => {
  it("follows a growing TensorBoard file and new completions files into a live run", async () => {
    const watch = start("live");
    const bytes = tfEventBytes(30);
    const path = join(out, "events.out.tfevents.1700000000.host");
    // The trainer writes in pieces that cut records in half.
    await writeFile(path, bytes.subarray(0, 1000));
    await until(() => watch.tally.steps > 0);
    const early = watch.tally.steps;
    await appendFile(path, bytes.subarray(1000, 2500));
    await until(() => watch.tally.steps > early);
    await mkdir(join(out, "completions"));
    await put(out, "completions/completions_00029.parquet", completionsParquet(29));
    await appendFile(path, bytes.subarray(2500));
    // Step 30 is the newest: held back until the trainer writes a later one, or the watch stops.
    await until(async () => (await local.store.stepReport("live", 28)) !== null);
    expect(await local.store.stepReport("live", 29)).toBeNull();
    const result = await watch.stop();

    expect(watch.problems).toEqual([]);
    expect(watch.tally.steps).toBe(30);
    expect([...result.sources.values()].sort()).toEqual(["tfevents", "trl-completions"]);
    expect(await local.store.getRun("live")).toMatchObject({ status: "finished", stepCount: 30 });
    const step29 = await local.store.stepReport("live", 29);
    expect(step29?.quality?.analysed).toBe(4);
    expect(Object.keys(step29?.rewards ?? {}).sort()).toEqual(["accuracy", "format"]);
    expect(watch.tally.alertsByType.saturation_high).toBe(1);
  });

  it("reads only the new rows of each new checkpoint's trainer_state.json", async () => {
    const watch = start("ckpt");
    for (const step of [10, 20]) {
      await mkdir(join(out, `checkpoint-${step}`));
      await put(out, `checkpoint-${step}/trainer_state.json`, pythonJson(trainerStateNewer(step)));
      await until(() => watch.tally.steps >= step - 1);
    }
    await watch.stop();
    // Rows read twice would reach steps already analysed: late events.
    expect((await local.store.loadState("ckpt"))?.state.assembler.lateEvents).toBe(0);
    expect(watch.tally.steps).toBe(20);
  });

  it("follows a growing JSONL log, waiting for a line's newline, and stops cleanly with nothing", async () => {
    const watch = start("verl");
    const path = join(out, "metrics.jsonl");
    const text = verlMetricsJsonl(4);
    await writeFile(path, text.slice(0, text.indexOf("\n") + 20));
    await until(async () => (await local.store.eventsAfter("verl", 0)).length > 0);
    expect((await local.store.eventsAfter("verl", 0)).length).toBe(2);
    await appendFile(path, text.slice(text.indexOf("\n") + 20));
    await until(() => watch.tally.steps === 3);
    await watch.stop();
    expect(watch.tally.steps).toBe(4);
    expect(watch.problems).toEqual([]);

    out = join(folder.dir, "empty");
    await mkdir(out);
    const idle = start("nothing");
    const result = await idle.stop();
    expect(result.batches).toBe(0);
    expect(await local.store.getRun("nothing")).toBeNull();
  });
});
