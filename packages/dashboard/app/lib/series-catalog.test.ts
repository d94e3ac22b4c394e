import { describe, expect, it } from "vitest";
import { catalogSeries } from "./series-catalog.js";

describe("catalogSeries", () => {
  it("finds functions, training metrics and quality fields", () => {
    const catalog = catalogSeries(
      [
        "total.mean",
        "format.batch.mean",
        "accuracy.batch.mean",
        "accuracy.emaShort",
        "calls.accuracy.avgMs",
        "kl",
        "loss",
        "custom_metric",
        "groups.zeroStdFraction",
        "quality.distinct2",
      ],
      ["accuracy", "format"],
    );
    expect(catalog.functions).toEqual(["accuracy", "format"]);
    expect(catalog.metrics).toEqual(["loss", "kl", "custom_metric"]);
    expect([...catalog.quality]).toEqual(["distinct2"]);
    expect(catalog.has("kl")).toBe(true);
    expect(catalog.has("entropy")).toBe(false);
  });
});
