import { describe, expect, it } from "vitest";
import { csvField, csvLine, csvNumber } from "./csv.js";

describe("csv", () => {
  it("quotes fields with commas, quotes, line breaks and edge spaces, doubling quotes", () => {
    expect(csvField("accuracy.batch.mean")).toBe("accuracy.batch.mean");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField(" padded")).toBe('" padded"');
  });

  it("writes numbers that read back exactly, and nothing for a missing value", () => {
    for (const v of [0.1, -0.5, 1e-7, 123456789.123, 0]) expect(Number(csvNumber(v))).toBe(v);
    expect(csvNumber(Number.NaN)).toBe("");
    expect(csvNumber(Number.POSITIVE_INFINITY)).toBe("");
  });

  it("ends lines with CRLF", () => {
    expect(csvLine(["step", '"q"'])).toBe('step,"q"\r\n');
  });
});
