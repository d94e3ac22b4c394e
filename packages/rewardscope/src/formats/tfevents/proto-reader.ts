import { RewardscopeError } from "@rewardscope/core";

/** Protocol Buffers wire types: varint, 64-bit, length-delimited, 32-bit (groups, 3 and 4, are obsolete). */
export const WIRE = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;
export type WireType = (typeof WIRE)[keyof typeof WIRE];

const TWO_TO_32 = 2 ** 32;
const MAX_VARINT_BYTES = 10;
const decoder = new TextDecoder("utf-8");

/**
 * A minimal reader of the protobuf wire format over `bytes[start, end)`: enough for TensorFlow's Event,
 * Summary, HistogramProto and TensorProto. Problems throw RewardscopeError("invalid_event") naming the byte
 * position, so a caller can skip one bad record and go on.
 * @example
 * const reader = new ProtoReader(bytes);
 * for (let field = reader.nextField(); field; field = reader.nextField())
 *   if (field.number === 1 && field.wireType === WIRE.fixed64) wallTime = reader.double();
 *   else reader.skip(field.wireType);
 */
export class ProtoReader {
  private pos: number;
  /** One view over all of `bytes`, shared with the readers of embedded messages. */
  private readonly data: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    private readonly end = bytes.length,
    data?: DataView,
  ) {
    this.pos = start;
    this.data = data ?? new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  /** The next field's number and wire type, or null at the end of the message. */
  nextField(): { number: number; wireType: WireType } | null {
    if (this.pos >= this.end) return null;
    const at = this.pos;
    const key = this.varint();
    const wireType = key % 8;
    const number = Math.floor(key / 8);
    if (number < 1) this.fail(at, `field number ${number}`);
    if (wireType !== 0 && wireType !== 1 && wireType !== 2 && wireType !== 5)
      this.fail(at, `unsupported wire type ${wireType} for field ${number}`);
    return { number, wireType };
  }

  /** A varint read as a signed 64-bit integer (exact up to 2^53 in magnitude), which also fits int32 and enums. */
  varint(): number {
    const at = this.pos;
    let low = 0;
    let high = 0;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      if (this.pos >= this.end) this.fail(at, "truncated varint");
      const byte = this.bytes[this.pos++]!;
      const shift = i * 7;
      if (shift < 28) low |= (byte & 0x7f) << shift;
      else if (shift === 28) {
        low |= (byte & 0x0f) << 28;
        high |= (byte & 0x7f) >>> 4;
      } else high |= (byte & 0x7f) << (shift - 32);
      if ((byte & 0x80) === 0) return (high | 0) * TWO_TO_32 + (low >>> 0);
    }
    return this.fail(at, "varint longer than 10 bytes");
  }

  double(): number {
    return this.data.getFloat64(this.advance(8), true);
  }

  float(): number {
    return this.data.getFloat32(this.advance(4), true);
  }

  /** The bytes of a length-delimited field (a view, not a copy). */
  bytesField(): Uint8Array {
    const start = this.delimited();
    return this.bytes.subarray(start, this.pos);
  }

  string(): string {
    const value = this.bytesField();
    // Tags are short and ASCII: building those by hand is several times faster than TextDecoder.
    if (value.length > 64) return decoder.decode(value);
    let text = "";
    for (let i = 0; i < value.length; i++) {
      const code = value[i]!;
      if (code >= 0x80) return decoder.decode(value);
      text += String.fromCharCode(code);
    }
    return text;
  }

  /** A reader over an embedded message, sharing these bytes. */
  message(): ProtoReader {
    const start = this.delimited();
    return new ProtoReader(this.bytes, start, this.pos, this.data);
  }

  /**
   * The values of a repeated numeric field, packed (one length-delimited run) or not (one value per occurrence):
   * proto3 writers pack, proto2 writers do not, and a parser must accept both.
   */
  repeated(wireType: WireType, readOne: (reader: ProtoReader) => number, into: number[]): void {
    if (wireType !== WIRE.lengthDelimited) {
      into.push(readOne(this));
      return;
    }
    const packed = this.message();
    while (!packed.atEnd()) into.push(readOne(packed));
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  skip(wireType: WireType): void {
    if (wireType === WIRE.varint) this.varint();
    else if (wireType === WIRE.fixed64) this.advance(8);
    else if (wireType === WIRE.fixed32) this.advance(4);
    else this.bytesField();
  }

  /** Moves past a length-delimited value and returns where its content starts (it ends at the new position). */
  private delimited(): number {
    const at = this.pos;
    const length = this.varint();
    if (length < 0 || length > this.end - this.pos)
      this.fail(at, `length ${length} runs past the end of the message`);
    const start = this.pos;
    this.pos += length;
    return start;
  }

  /** Moves past a fixed-size value and returns where it starts. */
  private advance(size: number): number {
    const at = this.pos;
    if (this.end - at < size) this.fail(at, `truncated ${size * 8}-bit value`);
    this.pos += size;
    return at;
  }

  private fail(at: number, problem: string): never {
    throw new RewardscopeError("invalid_event", `${problem} at byte ${at} of the message`);
  }
}

/** Checks that a field has the wire type its schema gives it; a different one means the bytes are not that message. */
export function expectWire(
  field: { number: number; wireType: WireType },
  expected: WireType,
  name: string,
): void {
  if (field.wireType !== expected)
    throw new RewardscopeError(
      "invalid_event",
      `field ${field.number} (${name}) has wire type ${field.wireType}, expected ${expected}`,
    );
}
