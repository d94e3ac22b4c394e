import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { RewardscopeError } from "@rewardscope/core";
import { openFileSink } from "../io/file-sink.js";
import type { Store } from "../store/store.js";
import { CHARTS } from "./charts/index.js";
import { renderPng, renderSvg } from "./charts/render.js";
import { reportHtml } from "./html/report-html.js";
import { monitoringDataJson } from "./monitoring-data.js";
import { loadReportData, type ReportDataOptions } from "./report-data.js";

/** What `writeReport` wrote. */
export interface WrittenReport {
  dir: string;
  /** File names in `dir`. */
  files: string[];
  steps: number;
  alerts: number;
}

/**
 * Writes the report of a run into `dir` (created if needed): report.html, one PNG per chart, monitoring_data.json
 * and metrics_history.csv. Each file is written under a temporary name and renamed, so a reader never sees half a
 * file and a failed report leaves the previous one whole.
 * @throws RewardscopeError("not_found", ..., "run") when the store has no such run.
 * @example
 * await writeReport(store, "qwen-1", ".rewardscope/reports/qwen-1");
 */
export async function writeReport(
  store: Store,
  run: string,
  dir: string,
  options: Omit<ReportDataOptions, "writeCsv"> = {},
): Promise<WrittenReport> {
  if (!(await store.getRun(run)))
    throw new RewardscopeError("not_found", `no run ${JSON.stringify(run)} in the store`, "run");
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const temporary = (name: string): string => join(dir, `.${name}.${process.pid}.tmp`);
  const commit = async (name: string): Promise<void> => {
    await rename(temporary(name), join(dir, name));
    files.push(name);
  };
  const put = async (name: string, content: string | Buffer): Promise<void> => {
    await writeFile(temporary(name), content);
    await commit(name);
  };

  const csv = await openFileSink(temporary("metrics_history.csv"));
  let data: Awaited<ReturnType<typeof loadReportData>>;
  try {
    data = await loadReportData(store, run, { ...options, writeCsv: (text) => csv.write(text) });
  } catch (error) {
    await csv.close();
    await rm(temporary("metrics_history.csv"), { force: true });
    throw error;
  }
  await csv.close();
  await commit("metrics_history.csv");

  const svgs: Record<string, string> = {};
  for (const chart of CHARTS) {
    const svg = await renderSvg(chart.build(data));
    svgs[chart.name] = svg;
    await put(`${chart.name}.png`, renderPng(svg));
  }
  await put("monitoring_data.json", monitoringDataJson(data));
  await put("report.html", reportHtml(data, svgs));
  return { dir, files, steps: data.stepCount, alerts: data.alerts.length };
}
