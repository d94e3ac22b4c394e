import { describe, expect, it } from "vitest";
import { readTfEventRecords } from "../formats/tfevents/index.js";
import { tfEventBytes, tfEvents } from "./fixtures.case.js";
import { tfEventsToEvents } from "./tfevents-log.js";

describe("tfEventsToEvents", () => {
  it("gathers TRL's one-scalar records into one row a step, prefixes mapped", () => {
    const { events: records } = readTfEventRecords(tfEventBytes(5));
    const { format, events, problems } = tfEventsToEvents(records, "events.out.tfevents.1");
    expect(format).toBe("tfevents");
    expect(problems).toEqual([]);
    const step5 = events.filter((e) => e.type !== "run" && e.step === 5);
    expect(step5).toEqual([
      {
        type: "reward_stats",
        step: 5,
        fn: "accuracy",
        mean: expect.closeTo(0.55, 6),
        std: expect.any(Number),
      },
      {
        type: "metrics",
        step: 5,
        values: {
          kl: expect.closeTo(0.01, 6),
          frac_reward_zero_std: expect.closeTo(0.2, 6),
          eval_reward: expect.closeTo(0.4, 6),
        },
      },
    ]);
  });

  it("puts rows in step order and keeps the last value of a tag logged twice", () => {
    const records = [...tfEvents(2)].reverse();
    records.push({ step: 1, wallTime: 0, scalars: [{ tag: "train/kl", value: 0.5 }], histograms: [] });
    const { events } = tfEventsToEvents(records, "f");
    expect(events.map((e) => e.type !== "run" && e.step)).toEqual([1, 1, 2, 2]);
    expect(events[1]).toMatchObject({ type: "metrics", values: { kl: 0.5 } });
  });

  it("reports the reader's problems against the file", () => {
    expect(tfEventsToEvents([], "f", ["byte 12: data CRC mismatch"]).problems).toEqual([
      "f: byte 12: data CRC mismatch",
    ]);
  });
});
