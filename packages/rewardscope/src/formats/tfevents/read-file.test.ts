import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTfEventFile } from "./read-file.js";
import { writeTfEvents } from "./write.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rewardscope-tfevents-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const events = [1, 2].map((step) => ({
  step,
  wallTime: 10 + step,
  scalars: [{ tag: "train/reward", value: step }],
  histograms: [],
}));

describe("readTfEventFile", () => {
  it("reads a whole event file", async () => {
    const path = join(dir, "events.out.tfevents.1.host");
    await writeFile(path, writeTfEvents(events));
    expect(await readTfEventFile(path)).toEqual({ events, errors: [] });
  });

  it("says so when the file ends inside a record, keeping the events before it", async () => {
    const bytes = writeTfEvents(events);
    const path = join(dir, "events.out.tfevents.2.host");
    await writeFile(path, bytes.subarray(0, bytes.length - 5));
    const read = await readTfEventFile(path);
    expect(read.events).toEqual([events[0]]);
    expect(read.errors).toEqual([
      expect.stringMatching(/^byte \d+: the file ends inside a record \(\d+ bytes\)/),
    ]);
  });

  it("fails with a clear message on a missing file or a directory", async () => {
    await expect(readTfEventFile(join(dir, "nope"))).rejects.toThrow(/cannot read .*nope: no such file/);
    await expect(readTfEventFile(dir)).rejects.toThrow(/is a directory/);
  });
});
