import { RewardscopeError } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { ProtoWriter } from "./proto-writer.js";
import { readTfEventRecords } from "./read.js";
import { eventBytes, fileOf, littleEndian } from "./tfevents-fixtures.case.js";
import { FILE_VERSION } from "./write.js";

const header = new ProtoWriter().double(1, 100).string(3, FILE_VERSION).toBytes();
const steps = [1, 2, 3].map((step) => eventBytes(step, 100 + step, [{ tag: "loss", simple: step / 4 }]));
const bytes = fileOf(header, ...steps);
/** Byte offsets of the records: 16 bytes of framing around each payload. */
const offsets: number[] = [];
for (let i = 0, at = 0; i < 4; i++) {
  offsets.push(at);
  at += 16 + [header, ...steps][i]!.length;
}

const lossAt = (step: number) => ({
  step,
  wallTime: 100 + step,
  scalars: [{ tag: "loss", value: step / 4 }],
  histograms: [],
});

function corrupt(at: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

describe("readTfEventRecords: framing", () => {
  it("reads every event that carries values; the file_version header carries none", () => {
    expect(readTfEventRecords(bytes)).toEqual({
      events: [lossAt(1), lossAt(2), lossAt(3)],
      nextOffset: bytes.length,
      errors: [],
    });
  });

  it("stops before an incomplete last record without an error, wherever the file is cut", () => {
    const last = offsets[3]!;
    for (const cut of [last + 1, last + 11, last + 12, last + 20, bytes.length - 1]) {
      const read = readTfEventRecords(bytes.subarray(0, cut));
      expect(read).toEqual({ events: [lossAt(1), lossAt(2)], nextOffset: last, errors: [] });
    }
  });

  it("continues a growing file from nextOffset", () => {
    const first = readTfEventRecords(bytes.subarray(0, bytes.length - 3));
    const rest = readTfEventRecords(bytes, first.nextOffset);
    expect(rest).toEqual({ events: [lossAt(3)], nextOffset: bytes.length, errors: [] });
    expect(readTfEventRecords(bytes, bytes.length)).toEqual({
      events: [],
      nextOffset: bytes.length,
      errors: [],
    });
  });

  it("skips a record whose data CRC is wrong, naming its offset, and reads on", () => {
    const read = readTfEventRecords(corrupt(offsets[2]! + 14));
    expect(read.events).toEqual([lossAt(1), lossAt(3)]);
    expect(read.nextOffset).toBe(bytes.length);
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]).toMatch(
      new RegExp(
        `^byte ${offsets[2]}: data CRC mismatch \\(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\\); record of ${steps[1]!.length} bytes skipped$`,
      ),
    );
  });

  it("also skips a record whose stored data CRC is the corrupt part", () => {
    const read = readTfEventRecords(corrupt(offsets[3]! - 1));
    expect(read.events).toEqual([lossAt(1), lossAt(3)]);
    expect(read.errors[0]).toMatch(new RegExp(`^byte ${offsets[2]}: data CRC mismatch`));
  });

  it("resynchronises after a record whose length CRC is wrong", () => {
    const read = readTfEventRecords(corrupt(offsets[2]!));
    expect(read.events).toEqual([lossAt(1), lossAt(3)]);
    expect(read.nextOffset).toBe(bytes.length);
    expect(read.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^byte ${offsets[2]}: length CRC mismatch .*; skipped ${offsets[3]! - offsets[2]!} bytes to the record at byte ${offsets[3]}$`,
        ),
      ),
    ]);
  });

  it("stops at a bad length CRC that no valid record follows, leaving nextOffset on it", () => {
    const read = readTfEventRecords(corrupt(offsets[3]! + 9));
    expect(read.events).toEqual([lossAt(1), lossAt(2)]);
    expect(read.nextOffset).toBe(offsets[3]);
    expect(read.errors).toEqual([
      expect.stringMatching(new RegExp(`^byte ${offsets[3]}: length CRC mismatch .*reading stopped$`)),
    ]);
  });

  it("skips a well-framed record that is not an Event", () => {
    const junk = Uint8Array.of(0x0b, 0x01, 0x02);
    const file = fileOf(steps[0]!, junk, steps[2]!);
    const read = readTfEventRecords(file);
    expect(read.events).toEqual([lossAt(1), lossAt(3)]);
    expect(read.errors).toEqual([
      `byte ${steps[0]!.length + 16}: not a valid Event (unsupported wire type 3 for field 1 at byte 0 of the message); record skipped`,
    ]);
  });

  it("never throws on random bytes", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 200; trial++) {
      const noisy = bytes.slice();
      for (let i = 0; i < 4; i++) noisy[Math.floor(random() * noisy.length)] = Math.floor(random() * 256);
      const read = readTfEventRecords(noisy);
      expect(read.nextOffset).toBeLessThanOrEqual(noisy.length);
    }
  });

  it("refuses a start offset outside the bytes", () => {
    expect(() => readTfEventRecords(bytes, -1)).toThrow(RewardscopeError);
    expect(() => readTfEventRecords(bytes, bytes.length + 1)).toThrow(
      /startOffset: must be an integer from 0/,
    );
    expect(() => readTfEventRecords(bytes, 1.5)).toThrow(RewardscopeError);
  });
});

describe("readTfEventRecords: values", () => {
  const scalarsOf = (...values: Parameters<typeof eventBytes>[2]) =>
    readTfEventRecords(fileOf(eventBytes(5, 1, values))).events[0]?.scalars;

  it("reads scalar tensors of every numeric dtype, from tensor_content or the *_val fields", () => {
    const scalars = scalarsOf(
      { tag: "f32 content", tensor: { dtype: 1, shape: [], content: littleEndian("f32", [0.5]) } },
      {
        tag: "f32 listed",
        plugin: "scalars",
        tensor: { dtype: 1, shape: [], listed: { field: 5, values: [1.5] } },
      },
      {
        tag: "f64 unpacked",
        tensor: { dtype: 2, shape: [], listed: { field: 6, values: [0.1], packed: false } },
      },
      { tag: "f64 content", tensor: { dtype: 2, shape: [1], content: littleEndian("f64", [0.2]) } },
      {
        tag: "i32 negative",
        tensor: { dtype: 3, shape: [], listed: { field: 7, values: [-7], packed: false } },
      },
      { tag: "i32 content", tensor: { dtype: 3, shape: [], content: littleEndian("i32", [-8]) } },
      { tag: "i64 content", tensor: { dtype: 9, shape: [1, 1], content: littleEndian("i64", [2 ** 40]) } },
      { tag: "i64 listed", tensor: { dtype: 9, shape: [], listed: { field: 10, values: [123456] } } },
    );
    expect(scalars).toEqual([
      { tag: "f32 content", value: 0.5 },
      { tag: "f32 listed", value: 1.5 },
      { tag: "f64 unpacked", value: 0.1 },
      { tag: "f64 content", value: 0.2 },
      { tag: "i32 negative", value: -7 },
      { tag: "i32 content", value: -8 },
      { tag: "i64 content", value: 2 ** 40 },
      { tag: "i64 listed", value: 123456 },
    ]);
  });

  it("reads TensorFlow 2 histogram tensors, also after the first one that carried the plugin name", () => {
    const rows = [-1, 0, 2, 0, 1, 0, 1, 3, 4];
    const histogramEvent = (step: number, plugin?: string) =>
      eventBytes(step, 1, [
        {
          tag: "rewards/accuracy",
          ...(plugin ? { plugin } : {}),
          tensor: { dtype: 2, shape: [3, 3], content: littleEndian("f64", rows) },
        },
      ]);
    const read = readTfEventRecords(fileOf(histogramEvent(1, "histograms"), histogramEvent(2)));
    const expected = {
      tag: "rewards/accuracy",
      min: -1,
      max: 3,
      num: 6,
      sum: 2 * -0.5 + 4 * 2,
      sumSquares: 2 * 0.25 + 4 * 4,
      bucketLimits: [0, 1, 3],
      buckets: [2, 0, 4],
    };
    expect(read.errors).toEqual([]);
    expect(read.events.map((e) => e.histograms)).toEqual([[expected], [expected]]);
  });

  it("reads HistogramProto written with unpacked repeated fields", () => {
    const histo = new ProtoWriter()
      .double(1, 0)
      .double(2, 4)
      .double(3, 3)
      .double(4, 6)
      .double(5, 14)
      .double(6, 1)
      .double(6, 4)
      .double(7, 1)
      .double(7, 2)
      .toBytes();
    const event = new ProtoWriter()
      .double(1, 9)
      .varint(2, 4)
      .message(5, (s) => s.message(1, (v) => v.string(1, "h").bytes(5, histo)))
      .toBytes();
    expect(readTfEventRecords(fileOf(event)).events[0]?.histograms).toEqual([
      { tag: "h", min: 0, max: 4, num: 3, sum: 6, sumSquares: 14, bucketLimits: [1, 4], buckets: [1, 2] },
    ]);
  });

  it("skips text and other plugins, and notes an unsupported numeric dtype once", () => {
    const half = { tag: "half", plugin: "scalars", tensor: { dtype: 19, shape: [] } };
    const read = readTfEventRecords(
      fileOf(
        eventBytes(1, 1, [{ tag: "notes", plugin: "text", text: "hello" }, half, { tag: "ok", simple: 1 }]),
        eventBytes(2, 1, [half]),
        eventBytes(3, 1, [
          {
            tag: "pr",
            plugin: "pr_curves",
            tensor: { dtype: 1, shape: [], content: littleEndian("f32", [1]) },
          },
        ]),
      ),
    );
    expect(read.events).toEqual([
      { step: 1, wallTime: 1, scalars: [{ tag: "ok", value: 1 }], histograms: [] },
    ]);
    expect(read.errors).toEqual(['tag "half": tensor dtype 19 is not supported; its values were skipped']);
  });

  it("skips a record whose tensor_content does not fit its dtype", () => {
    const bad = eventBytes(1, 1, [
      { tag: "x", tensor: { dtype: 2, shape: [], content: Uint8Array.of(1, 2, 3) } },
    ]);
    const read = readTfEventRecords(fileOf(bad, steps[0]!));
    expect(read.events).toEqual([lossAt(1)]);
    expect(read.errors).toEqual([
      "byte 0: not a valid Event (tensor_content has 3 bytes, not a multiple of 8 (dtype 2)); record skipped",
    ]);
  });
});
