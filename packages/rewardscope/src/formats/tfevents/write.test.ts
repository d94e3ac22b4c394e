import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readTfEventRecords } from "./read.js";
import type { TfEvent } from "./tf-event.js";
import { bitwiseCrc32c, maskOf as mask, splitRecords } from "./tfevents-fixtures.case.js";
import { writeTfEvents } from "./write.js";

function le32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];
}

function framedRecords(bytes: Uint8Array): Uint8Array[] {
  const { records, badCrcs, trailing } = splitRecords(bytes);
  expect({ badCrcs, trailing }).toEqual({ badCrcs: 0, trailing: 0 });
  return records;
}

const scalarEvent: TfEvent = { step: 3, wallTime: 1.5, scalars: [{ tag: "r", value: 0.5 }], histograms: [] };

describe("writeTfEvents", () => {
  it("lays out the header and a scalar event byte for byte as the protobuf spec gives them", () => {
    const bytes = writeTfEvents([scalarEvent]);
    const wallTime = [0x09, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f]; // field 1, fixed64: 1.5 = 0x3ff8000000000000
    const header = [...wallTime, 0x1a, 13, ...new TextEncoder().encode("brain.Event:2")]; // field 3, bytes
    const event = [
      ...wallTime,
      ...[0x10, 0x03], // field 2 (step), varint 3
      ...[0x2a, 10], // field 5 (summary), 10 bytes
      ...[0x0a, 8], // Summary.value (1), 8 bytes
      ...[0x0a, 1, 0x72], // Value.tag (1) "r"
      ...[0x15, 0, 0, 0, 0x3f], // Value.simple_value (2), fixed32: 0.5 = 0x3f000000
    ];
    const frame = (data: number[]) => {
      const lengthBytes = [data.length, 0, 0, 0, 0, 0, 0, 0];
      return [
        ...lengthBytes,
        ...le32(mask(bitwiseCrc32c(Uint8Array.from(lengthBytes)))),
        ...data,
        ...le32(mask(bitwiseCrc32c(Uint8Array.from(data)))),
      ];
    };
    expect([...bytes]).toEqual([...frame(header), ...frame(event)]);
    // The header of every TensorFlow event file, as found in real files.
    expect([...bytes.subarray(0, 12)]).toEqual([0x18, 0, 0, 0, 0, 0, 0, 0, 0xa3, 0x7f, 0x4b, 0x22]);
  });

  it("round-trips scalars and histograms through the reader, with CRCs that check out", () => {
    const events: TfEvent[] = [
      {
        step: 0,
        wallTime: 1_712_000_000.25,
        scalars: [
          { tag: "train/reward", value: 0.75 },
          { tag: "train/kl", value: -0.125 },
        ],
        histograms: [
          {
            tag: "rewards/accuracy",
            min: -1,
            max: 2,
            num: 6,
            sum: 3.5,
            sumSquares: 9.25,
            bucketLimits: [0, 1, 2],
            buckets: [2, 1, 3],
          },
        ],
      },
      {
        step: 2 ** 40,
        wallTime: 1_712_000_010,
        scalars: [{ tag: "ünïcödé ✓", value: 1e30 }],
        histograms: [],
      },
    ];
    const bytes = writeTfEvents(events);
    expect(framedRecords(bytes)).toHaveLength(3);
    const read = readTfEventRecords(bytes);
    expect(read.errors).toEqual([]);
    expect(read.nextOffset).toBe(bytes.length);
    expect(read.events).toEqual([
      events[0],
      { ...events[1], scalars: [{ tag: "ünïcödé ✓", value: Math.fround(1e30) }] },
    ]);
  });

  it("writes only the header for no events, stamped at time 0", () => {
    const bytes = writeTfEvents([]);
    expect(framedRecords(bytes)).toHaveLength(1);
    expect(readTfEventRecords(bytes)).toEqual({ events: [], nextOffset: bytes.length, errors: [] });
  });

  it("round-trips any events: steps, times, unicode tags, float32 scalars, histograms", () => {
    const double = fc.double({ noNaN: true });
    const tag = fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 });
    const histogram = fc.record({
      tag,
      min: double,
      max: double,
      num: double,
      sum: double,
      sumSquares: double,
      bucketLimits: fc.array(double, { maxLength: 8 }),
      buckets: fc.array(double, { maxLength: 8 }),
    });
    const event = fc.record({
      step: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
      wallTime: double,
      scalars: fc.array(fc.record({ tag, value: fc.float({ noNaN: true }) }), { maxLength: 5 }),
      histograms: fc.array(histogram, { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 6 }), (events) => {
        const bytes = writeTfEvents(events);
        expect(splitRecords(bytes).badCrcs).toBe(0);
        const read = readTfEventRecords(bytes);
        expect(read.errors).toEqual([]);
        expect(read.events).toEqual(events.filter((e) => e.scalars.length > 0 || e.histograms.length > 0));
      }),
    );
  });
});
