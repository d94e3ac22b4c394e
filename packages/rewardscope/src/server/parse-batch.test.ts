import { describe, expect, it } from "vitest";
import { BatchError, parseArrayBatch, parseNdjsonBatch } from "./parse-batch.js";

const rewards = (step: number, extra: object = {}) => ({
  type: "rewards",
  step,
  rewards: { a: [1, 0] },
  ...extra,
});
const lines = (...events: unknown[]) =>
  events.map((e) => (typeof e === "string" ? e : JSON.stringify(e))).join("\n");

function failure(parse: () => unknown): BatchError {
  try {
    parse();
  } catch (error) {
    if (error instanceof BatchError) return error;
    throw error;
  }
  throw new Error("expected a BatchError");
}

describe("parseNdjsonBatch", () => {
  it("parses every line, skips blank ones, and strips a BOM and CRs", () => {
    const text = `\ufeff${lines(rewards(1), "", rewards(2))}\r\n\n`;
    const batch = parseNdjsonBatch("r", text);
    expect(batch.events.map((e) => e.type === "rewards" && e.step)).toEqual([1, 2]);
    expect(batch.batchId).toBeNull();
  });

  it("names the first bad event by index, field path and line, counting blank lines", () => {
    const text = lines(rewards(1), "", rewards(2), rewards(3), rewards(4, { rewards: { a: [1, 0, "x"] } }));
    const error = failure(() => parseNdjsonBatch("r", text));
    expect(error.code).toBe("invalid_event");
    expect(error.field).toBe("events[3].rewards.a[2]");
    expect(error.line).toBe(5);
    expect(error.message).toContain("must be a finite number or null");
  });

  it("reports invalid JSON with its line", () => {
    const error = failure(() => parseNdjsonBatch("r", lines(rewards(1), "{not json")));
    expect([error.field, error.line]).toEqual(["events[1]", 2]);
    expect(error.message).toMatch(/^events\[1\]: invalid JSON/);
  });

  it("refuses an empty batch, a run event for another run, and mixed batchIds", () => {
    expect(failure(() => parseNdjsonBatch("r", "\n \n")).field).toBe("events");
    const other = failure(() => parseNdjsonBatch("r", lines({ type: "run", name: "other" })));
    expect([other.field, other.line]).toEqual(["events[0].name", 1]);
    const mixed = failure(() =>
      parseNdjsonBatch("r", lines(rewards(1, { batchId: "x" }), rewards(1, { batchId: "y" }))),
    );
    expect([mixed.field, mixed.line]).toEqual(["events[1].batchId", 2]);
  });

  it("takes the batchId its events share", () => {
    const text = lines({ type: "run", name: "r" }, rewards(1, { batchId: "b1" }), {
      type: "step_end",
      step: 1,
    });
    expect(parseNdjsonBatch("r", text).batchId).toBe("b1");
  });
});

describe("parseArrayBatch", () => {
  it("names the bad element by index, without a line", () => {
    const error = failure(() =>
      parseArrayBatch("r", [rewards(1), { type: "metrics", step: -1, values: {} }]),
    );
    expect(error.field).toBe("events[1].step");
    expect(error.line).toBeUndefined();
  });

  it("takes a single event object as a batch of one, and refuses an empty array", () => {
    expect(parseArrayBatch("r", rewards(7)).events).toHaveLength(1);
    expect(failure(() => parseArrayBatch("r", [])).field).toBe("events");
    expect(failure(() => parseArrayBatch("r", [42])).field).toBe("events[0]");
  });
});
