import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RewardscopeEvent, simulateRun } from "@rewardscope/core";
import { afterAll, describe, expect, it } from "vitest";
import { importFile } from "./import-file.js";
import { streamJsonlLog } from "./jsonl-stream.js";

const dir = mkdtempSync(join(tmpdir(), "rewardscope-jsonl-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Streams `text` from a file and reads it whole too: both readings, side by side. */
async function bothWays(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const pieces: RewardscopeEvent[][] = [];
  const streamed = await streamJsonlLog(path, async (events) => {
    pieces.push(events);
  });
  return { streamed, pieces, whole: await importFile(path) };
}

describe("streamJsonlLog", () => {
  it("gives a log of several chunks the events, problems and format of a whole reading, in pieces", async () => {
    // ~3 MB of completions with multi-byte characters (which chunk edges cut through), a byte-order mark, a bad
    // line, and a last line without its newline.
    const lines = [...simulateRun({ steps: 30, promptsPerStep: 8, groupSize: 8, seed: 4, runName: "s" })].map(
      (event) => JSON.stringify(event).replaceAll("the", "thé 🙂"),
    );
    lines.splice(40, 0, '{"type": "rewards", "step": "x"}', "not json");
    const { streamed, pieces, whole } = await bothWays("events.jsonl", `\uFEFF${lines.join("\n")}`);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.flat()).toEqual(whole.events);
    expect(streamed).toEqual({ format: "events", events: whole.events.length, problems: whole.problems });
    expect(streamed.problems.map((p) => p.split("/").pop()?.split(": ")[0])).toEqual([
      "events.jsonl:41",
      "events.jsonl:42",
    ]);
  });

  it("reads completion rows held across chunks into one event per step, as a whole reading does", async () => {
    const rows: string[] = [];
    for (let step = 0; step < 40; step++)
      for (let i = 0; i < 64; i++)
        rows.push(
          JSON.stringify({ step, input: `prompt ${i >> 2}`, output: "ü".repeat(400 + i), score: i % 3 }),
        );
    const { streamed, pieces, whole } = await bothWays("rollouts.jsonl", `${rows.join("\n")}\n`);
    expect(pieces.length).toBeGreaterThan(1);
    expect(streamed.format).toBe("completion-rows");
    expect(pieces.flat()).toEqual(whole.events);
    expect(whole.events).toHaveLength(40);
  });

  it("says which file it cannot read", async () => {
    await expect(streamJsonlLog(join(dir, "missing.jsonl"), async () => {})).rejects.toMatchObject({
      code: "invalid_argument",
      message: expect.stringContaining("missing.jsonl"),
    });
  });
});
