import { describe, expect, it } from "vitest";
import { crc32c, maskedCrc32c } from "./crc32c.js";

const ascii = (text: string) => new TextEncoder().encode(text);

describe("crc32c", () => {
  it("matches the standard check value", () => {
    expect(crc32c(ascii("123456789"))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });

  it("matches the iSCSI test vectors of RFC 3720 (B.4)", () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
  });

  it("checksums a sub-range like the copied bytes", () => {
    const bytes = ascii("xx123456789yy");
    expect(crc32c(bytes, 2, 11)).toBe(0xe3069283);
  });
});

describe("maskedCrc32c", () => {
  it("gives the header checksum found in every TensorFlow event file (length 24)", () => {
    // The file_version record of a TF event file starts 18 00 00 00 00 00 00 00 a3 7f 4b 22.
    expect(maskedCrc32c(Uint8Array.of(0x18, 0, 0, 0, 0, 0, 0, 0))).toBe(0x224b7fa3);
  });

  it("rotates right by 15 and adds the TFRecord delta, modulo 2^32", () => {
    const crc = 0xe3069283;
    const rotated = ((crc >>> 15) | ((crc & 0x7fff) << 17)) >>> 0;
    expect(maskedCrc32c(ascii("123456789"))).toBe((rotated + 0xa282ead8) % 2 ** 32);
  });
});
