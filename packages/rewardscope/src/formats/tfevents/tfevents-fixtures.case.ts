import { ProtoWriter } from "./proto-writer.js";
import { frameRecord } from "./record-framing.js";

/** A Summary.Value as tests build it: a tag and one of the value kinds TensorFlow writers produce. */
export type ValueSpec = { tag: string; plugin?: string } & (
  | { simple: number }
  | { tensor: TensorSpec }
  | { text: string }
);

export interface TensorSpec {
  dtype: number;
  shape: number[];
  /** Raw tensor_content bytes, or the *_val field number and its values. */
  content?: Uint8Array;
  listed?: { field: 5 | 6 | 7 | 10; values: number[]; packed?: boolean };
}

/** The bytes of an Event with these values, as TensorFlow would write them. */
export function eventBytes(step: number, wallTime: number, values: ValueSpec[]): Uint8Array {
  return new ProtoWriter()
    .double(1, wallTime)
    .varint(2, step)
    .message(5, (summary) => {
      for (const value of values) summary.message(1, (v) => writeValue(v, value));
    })
    .toBytes();
}

function writeValue(writer: ProtoWriter, value: ValueSpec): void {
  writer.string(1, value.tag);
  if (value.plugin !== undefined)
    writer.message(9, (metadata) => metadata.message(1, (data) => data.string(1, value.plugin!)));
  if ("simple" in value) writer.float(2, value.simple);
  else if ("text" in value)
    writer.message(8, (t) =>
      t
        .varint(1, 7)
        .message(8, () => {})
        .bytes(8, new TextEncoder().encode(value.text)),
    );
  else writer.message(8, (t) => writeTensor(t, value.tensor));
}

function writeTensor(writer: ProtoWriter, tensor: TensorSpec): void {
  writer.varint(1, tensor.dtype);
  writer.message(2, (shape) => {
    for (const size of tensor.shape) shape.message(2, (dim) => dim.varint(1, size));
  });
  if (tensor.content) writer.bytes(4, tensor.content);
  const listed = tensor.listed;
  if (!listed) return;
  if (listed.packed === false) {
    for (const v of listed.values) writeOne(writer, listed.field, v);
    return;
  }
  const packed =
    listed.field === 5
      ? littleEndian("f32", listed.values)
      : listed.field === 6
        ? littleEndian("f64", listed.values)
        : Uint8Array.from(listed.values.flatMap(varintBytes));
  writer.bytes(listed.field, packed);
}

function writeOne(writer: ProtoWriter, field: number, value: number): void {
  if (field === 5) writer.float(field, value);
  else if (field === 6) writer.double(field, value);
  else writer.varint(field, value);
}

/** A non-negative varint, spelled out independently of ProtoWriter. */
function varintBytes(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

/** Frames several event payloads into one file's bytes. */
export function fileOf(...payloads: Uint8Array[]): Uint8Array {
  const records = payloads.map(frameRecord);
  const out = new Uint8Array(records.reduce((n, r) => n + r.length, 0));
  let at = 0;
  for (const record of records) {
    out.set(record, at);
    at += record.length;
  }
  return out;
}

/** Little-endian bytes of numbers of one type, as tensor_content holds them. */
export function littleEndian(kind: "f32" | "f64" | "i32" | "i64", values: number[]): Uint8Array {
  const size = kind === "f32" || kind === "i32" ? 4 : 8;
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => {
    if (kind === "f32") view.setFloat32(i * size, value, true);
    else if (kind === "f64") view.setFloat64(i * size, value, true);
    else if (kind === "i32") view.setInt32(i * size, value, true);
    else view.setBigInt64(i * size, BigInt(value), true);
  });
  return bytes;
}

/** CRC-32C bit by bit, straight from the polynomial: independent of the table in crc32c.ts. */
export function bitwiseCrc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** The TFRecord mask, spelled out from its definition. */
export function maskOf(crc: number): number {
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

/**
 * Splits TFRecord bytes into their records' data, checking both CRCs of every record with bitwiseCrc32c:
 * `badCrcs` counts the mismatches, `trailing` the bytes after the last whole record.
 */
export function splitRecords(bytes: Uint8Array): {
  records: Uint8Array[];
  badCrcs: number;
  trailing: number;
} {
  const records: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let badCrcs = 0;
  let at = 0;
  while (at + 12 <= bytes.length) {
    const length = Number(view.getBigUint64(at, true));
    if (at + 16 + length > bytes.length) break;
    if (view.getUint32(at + 8, true) !== maskOf(bitwiseCrc32c(bytes.subarray(at, at + 8)))) badCrcs++;
    const data = bytes.subarray(at + 12, at + 12 + length);
    if (view.getUint32(at + 12 + length, true) !== maskOf(bitwiseCrc32c(data))) badCrcs++;
    records.push(data);
    at += 16 + length;
  }
  return { records, badCrcs, trailing: bytes.length - at };
}
