import { maskedCrc32c } from "./crc32c.js";

/** A TFRecord: uint64 LE data length, masked CRC-32C of those 8 bytes, the data, masked CRC-32C of the data. */
export const HEADER_BYTES = 12;
export const FOOTER_BYTES = 4;
/** Protobuf messages cannot exceed 2 GiB; a longer "length" is corruption even if its CRC happens to match. */
const MAX_RECORD_BYTES = 2 ** 31 - 1;

export function readUint32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/** The record header at `at`: its data length if it checks out, else what is wrong with it. */
export function checkHeader(bytes: Uint8Array, at: number): { length: number } | { problem: string } {
  const stored = readUint32(bytes, at + 8);
  const computed = maskedCrc32c(bytes, at, at + 8);
  if (stored !== computed)
    return { problem: `length CRC mismatch (stored ${hex(stored)}, computed ${hex(computed)})` };
  const length = readUint32(bytes, at) + readUint32(bytes, at + 4) * 2 ** 32;
  if (length > MAX_RECORD_BYTES) return { problem: `record length ${length} is impossible` };
  return { length };
}

/**
 * The first offset at or after `from` where a whole header with a valid length CRC starts, or null. A false
 * match has odds of 2^-32 per position, so this finds the next real record after corrupt bytes.
 */
export function findNextHeader(bytes: Uint8Array, from: number): number | null {
  for (let at = from; at + HEADER_BYTES <= bytes.length; at++)
    if ("length" in checkHeader(bytes, at)) return at;
  return null;
}

/** Frames `data` as one TFRecord. */
export function frameRecord(data: Uint8Array): Uint8Array {
  const record = new Uint8Array(HEADER_BYTES + data.length + FOOTER_BYTES);
  const view = new DataView(record.buffer);
  view.setUint32(0, data.length % 2 ** 32, true);
  view.setUint32(4, Math.floor(data.length / 2 ** 32), true);
  view.setUint32(8, maskedCrc32c(record, 0, 8), true);
  record.set(data, HEADER_BYTES);
  view.setUint32(HEADER_BYTES + data.length, maskedCrc32c(data), true);
  return record;
}

export function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, "0")}`;
}
