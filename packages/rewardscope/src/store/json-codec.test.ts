import { describe, expect, it } from "vitest";
import { decodeJson, encodeJson } from "./json-codec.js";

describe("json codec", () => {
  it("keeps NaN and infinities, and everything else as JSON does", () => {
    const value = {
      snr: Number.NaN,
      up: Number.POSITIVE_INFINITY,
      down: [Number.NEGATIVE_INFINITY, 1, null],
      text: "NaN",
      nested: { $nonFinite: 3, other: "Infinity" },
    };
    const back = decodeJson<typeof value>(encodeJson(value));
    expect(back.snr).toBeNaN();
    expect(back.up).toBe(Number.POSITIVE_INFINITY);
    expect(back.down).toEqual([Number.NEGATIVE_INFINITY, 1, null]);
    expect(back.text).toBe("NaN");
    expect(back.nested).toEqual({ $nonFinite: 3, other: "Infinity" });
    expect(JSON.parse(encodeJson({ a: Number.NaN }))).toEqual({ a: { $nonFinite: "NaN" } });
  });
});
