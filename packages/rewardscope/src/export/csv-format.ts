import { writeMetricsCsv } from "../report/metrics-csv.js";
import type { ExportFormat } from "./export-format.js";

/** `--format csv`: metrics_history.csv of the report, every step and every series of the run. */
export const csvFormat: ExportFormat = {
  name: "csv",
  description: "one row per step, one column per statistic or metric (the report's metrics_history.csv)",
  extension: "csv",
  binary: false,
  async write(store, run, out) {
    const steps = await writeMetricsCsv(store, run, await store.seriesNames(run), (text) => out.write(text));
    return { steps };
  },
};
