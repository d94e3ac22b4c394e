import { describe, expect, it } from "vitest";
import { completionsParquet } from "./fixtures.case.js";
import { trlParquetToEvents } from "./trl-parquet.js";

describe("trlParquetToEvents", () => {
  it("turns a completions parquet file into a rewards event with groups, nulls and advantages", async () => {
    const { format, events, problems } = await trlParquetToEvents(
      completionsParquet(12),
      "completions_00012.parquet",
    );
    expect(format).toBe("trl-completions");
    expect(problems).toEqual([]);
    expect(events).toEqual([
      {
        type: "rewards",
        step: 12,
        rewards: { accuracy: [1, 0, 0, 1], format: [1, 1, null, 1] },
        completions: ["<answer>1</answer>", "<answer>2</answer>", "no", "<answer>4</answer>"],
        prompts: ["p1", "p1", "p2", "p2"],
        groups: [0, 0, 1, 1],
        advantages: [0.7, -0.7, -0.7, 0.7],
      },
    ]);
  });

  it("names the file when the bytes are not parquet", async () => {
    await expect(
      trlParquetToEvents(new TextEncoder().encode("PAR1 not really"), "c.parquet"),
    ).rejects.toThrow(/^c\.parquet: /);
  });
});
