/** The reflected CRC-32C (Castagnoli) polynomial, the checksum of TFRecord framing. */
const POLYNOMIAL = 0x82f63b78;
/** TFRecord adds this after rotating, so a CRC stored inside checksummed data does not checksum to itself. */
const MASK_DELTA = 0xa282ead8;

const TABLE = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
    table[byte] = crc >>> 0;
  }
  return table;
}

/**
 * The CRC-32C of `bytes[start, end)`, as an unsigned 32-bit integer.
 * @example
 * crc32c(new TextEncoder().encode("123456789")); // 0xe3069283
 */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The masked CRC-32C that TFRecord stores after the length and after the data of each record:
 * `((crc >>> 15) | (crc << 17)) + 0xa282ead8`, as an unsigned 32-bit integer.
 * @example
 * const stored = maskedCrc32c(lengthBytes); // compare with the uint32 LE that follows the length
 */
export function maskedCrc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const crc = crc32c(bytes, start, end);
  return (((crc >>> 15) | (crc << 17)) + MASK_DELTA) >>> 0;
}
