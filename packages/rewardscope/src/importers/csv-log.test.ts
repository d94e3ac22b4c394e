import { describe, expect, it } from "vitest";
import { csvToEvents, parseCsv } from "./csv-log.js";
import { flatMetricsCsv } from "./fixtures.case.js";

describe("parseCsv", () => {
  it("reads quoted cells with commas, doubled quotes and newlines, with each row's line", () => {
    expect(parseCsv('a,b\n1,"x, ""y""\nz"\r\n2,3')).toEqual([
      { cells: ["a", "b"], line: 1 },
      { cells: ["1", 'x, "y"\nz'], line: 2 },
      { cells: ["2", "3"], line: 4 },
    ]);
  });
});

describe("csvToEvents", () => {
  it("reads scalars with a step column", () => {
    const { format, events, problems } = csvToEvents(flatMetricsCsv(2), "log.csv");
    expect(format).toBe("scalars-csv");
    expect(problems).toEqual([]);
    expect(events[0]).toMatchObject({ type: "reward_stats", step: 1, fn: "train_reward", mean: 0.35 });
    expect(events[1]).toEqual({ type: "metrics", step: 1, values: { kl: 0.01 } });
  });

  it("names the line of a bad row", () => {
    const { events, problems } = csvToEvents("global_step,loss\n1,0.5\nx,0.4\n3\n,1\n", "l.csv");
    expect(problems).toEqual([
      'l.csv:3: step: must be a non-negative integer, got "x"',
      "l.csv:4: has 1 cells, but the header has 2",
      "l.csv:5: step: a step column is required (step, global_step, _step, iteration, iter)",
    ]);
    expect(events).toEqual([{ type: "metrics", step: 1, values: { loss: 0.5 } }]);
  });

  it("says so when the file is empty", () => {
    expect(csvToEvents("", "e.csv").problems).toEqual(["e.csv: the file is empty"]);
  });
});
