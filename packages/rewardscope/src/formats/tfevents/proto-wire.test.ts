import { RewardscopeError } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { ProtoReader, WIRE } from "./proto-reader.js";
import { ProtoWriter } from "./proto-writer.js";

function readVarint(bytes: number[]): number {
  return new ProtoReader(Uint8Array.from(bytes)).varint();
}

describe("ProtoReader", () => {
  it("decodes varints of the protobuf spec, including 64-bit negatives", () => {
    expect(readVarint([0x00])).toBe(0);
    expect(readVarint([0x01])).toBe(1);
    expect(readVarint([0xac, 0x02])).toBe(300);
    expect(readVarint([0x80, 0x80, 0x80, 0x80, 0x10])).toBe(2 ** 32);
    expect(readVarint([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f])).toBe(2 ** 53 - 1);
    expect(readVarint([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).toBe(-1);
    expect(readVarint([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).toBe(-2);
  });

  it("rejects truncated and over-long varints with the byte position", () => {
    expect(() => readVarint([0x80])).toThrow(/truncated varint at byte 0/);
    expect(() => readVarint(Array(11).fill(0x80))).toThrow(/longer than 10 bytes/);
  });

  it("reads fields and skips unknown ones of every wire type", () => {
    // field 1 varint 150, field 2 fixed64, field 3 bytes "hi", field 4 fixed32, field 5 varint 7
    const bytes = Uint8Array.from([
      0x08, 0x96, 0x01, 0x11, 1, 2, 3, 4, 5, 6, 7, 8, 0x1a, 0x02, 0x68, 0x69, 0x25, 1, 2, 3, 4, 0x28, 0x07,
    ]);
    const reader = new ProtoReader(bytes);
    const seen: number[] = [];
    for (let field = reader.nextField(); field; field = reader.nextField()) {
      seen.push(field.number);
      if (field.number === 5) expect(reader.varint()).toBe(7);
      else if (field.number === 3) expect(reader.string()).toBe("hi");
      else reader.skip(field.wireType);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it("accepts repeated numbers both packed and unpacked", () => {
    const packed = new ProtoWriter().packedDoubles(6, [1.5, -2]).toBytes();
    const unpacked = new ProtoWriter().double(6, 1.5).double(6, -2).toBytes();
    for (const bytes of [packed, unpacked]) {
      const reader = new ProtoReader(bytes);
      const values: number[] = [];
      for (let field = reader.nextField(); field; field = reader.nextField())
        reader.repeated(field.wireType, (r) => r.double(), values);
      expect(values).toEqual([1.5, -2]);
    }
  });

  it("refuses group wire types, lengths past the end and truncated fixed values", () => {
    expect(() => new ProtoReader(Uint8Array.of(0x0b)).nextField()).toThrow(
      /unsupported wire type 3 for field 1/,
    );
    const pastEnd = new ProtoReader(Uint8Array.of(0x0a, 0x05, 0x61));
    pastEnd.nextField();
    expect(() => pastEnd.bytesField()).toThrow(/length 5 runs past the end/);
    const short = new ProtoReader(Uint8Array.of(0x09, 1, 2, 3));
    short.nextField();
    expect(() => short.double()).toThrow(RewardscopeError);
  });

  it("reads values inside a view that does not start at byte 0 of its buffer", () => {
    const backing = Uint8Array.of(0xff, 0xff, 0x0d, 0x00, 0x00, 0x80, 0x3f);
    const reader = new ProtoReader(backing.subarray(2));
    expect(reader.nextField()).toEqual({ number: 1, wireType: WIRE.fixed32 });
    expect(reader.float()).toBe(1);
  });
});

describe("ProtoWriter", () => {
  it("encodes varints as the protobuf spec shows them", () => {
    expect([...new ProtoWriter().varint(1, 150).toBytes()]).toEqual([0x08, 0x96, 0x01]);
    expect([...new ProtoWriter().varint(2, 2 ** 32).toBytes()]).toEqual([0x10, 0x80, 0x80, 0x80, 0x80, 0x10]);
    expect([...new ProtoWriter().varint(1, -1).toBytes()]).toEqual([
      0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    ]);
  });

  it("round-trips through the reader", () => {
    const big = "x".repeat(300);
    const bytes = new ProtoWriter()
      .double(1, Math.PI)
      .varint(2, -123456789012)
      .float(3, 0.25)
      .message(4, (inner) => inner.string(1, big))
      .toBytes();
    const reader = new ProtoReader(bytes);
    reader.nextField();
    expect(reader.double()).toBe(Math.PI);
    reader.nextField();
    expect(reader.varint()).toBe(-123456789012);
    reader.nextField();
    expect(reader.float()).toBe(0.25);
    reader.nextField();
    const inner = reader.message();
    inner.nextField();
    expect(inner.string()).toBe(big);
    expect(reader.nextField()).toBeNull();
  });
});
