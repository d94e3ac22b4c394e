import { WIRE, type WireType } from "./proto-reader.js";

const encoder = new TextEncoder();
/** Encoded strings: an export writes the same few hundred tags at every step. */
const encoded = new Map<string, Uint8Array>();
const MAX_CACHED_STRINGS = 10_000;

function utf8(text: string): Uint8Array {
  let bytes = encoded.get(text);
  if (bytes === undefined) {
    bytes = encoder.encode(text);
    if (encoded.size < MAX_CACHED_STRINGS) encoded.set(text, bytes);
  }
  return bytes;
}

/**
 * A minimal protobuf wire-format writer, the counterpart of ProtoReader: fields are appended in the order
 * written, embedded messages are built by a nested writer.
 * @example
 * const bytes = new ProtoWriter().double(1, 1.5).varint(2, 12).toBytes();
 */
export class ProtoWriter {
  private buffer = new Uint8Array(64);
  private view = new DataView(this.buffer.buffer);
  private length = 0;

  /** An int64/int32/enum field; negative values take ten bytes, as protobuf encodes them. */
  varint(field: number, value: number): this {
    this.key(field, WIRE.varint);
    this.rawVarint(value);
    return this;
  }

  double(field: number, value: number): this {
    this.key(field, WIRE.fixed64);
    this.reserve(8);
    this.view.setFloat64(this.length - 8, value, true);
    return this;
  }

  float(field: number, value: number): this {
    this.key(field, WIRE.fixed32);
    this.reserve(4);
    this.view.setFloat32(this.length - 4, value, true);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, WIRE.lengthDelimited);
    this.rawVarint(value.length);
    this.reserve(value.length).set(value, this.length - value.length);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8(value));
  }

  message(field: number, build: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    // A view, not a copy: bytes() copies it in.
    return this.bytes(field, inner.buffer.subarray(0, inner.length));
  }

  /** A repeated double field, packed (the proto3 default). */
  packedDoubles(field: number, values: readonly number[]): this {
    const packed = new Uint8Array(values.length * 8);
    const view = new DataView(packed.buffer);
    for (const [i, value] of values.entries()) view.setFloat64(i * 8, value, true);
    return this.bytes(field, packed);
  }

  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private key(field: number, wireType: WireType): void {
    this.rawVarint(field * 8 + wireType);
  }

  private rawVarint(value: number): void {
    // Two's complement over 64 bits: split into 32-bit halves, since bit operations in JS are 32-bit.
    let low = value >>> 0;
    let high = Math.floor(value / 2 ** 32) >>> 0;
    for (;;) {
      const byte = low & 0x7f;
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
      if (low === 0 && high === 0) {
        this.reserve(1)[this.length - 1] = byte;
        return;
      }
      this.reserve(1)[this.length - 1] = byte | 0x80;
    }
  }

  /** Grows the buffer to take `size` more bytes and counts them as written; returns the buffer. */
  private reserve(size: number): Uint8Array {
    if (this.length + size > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + size));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
      this.view = new DataView(grown.buffer);
    }
    this.length += size;
    return this.buffer;
  }
}
