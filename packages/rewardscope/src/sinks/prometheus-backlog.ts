import type { AnalysisBacklog } from "../ingest/ingest-service.js";
import { type MetricFamily, renderFamily } from "./prometheus-text.js";

const WAITING: MetricFamily = {
  name: "rewardscope_analysis_waiting_batches",
  help: "Batches acknowledged and not yet analysed, over all runs of this server.",
  type: "gauge",
};
const OLDEST: MetricFamily = {
  name: "rewardscope_analysis_oldest_wait_seconds",
  help: "How long the oldest batch waiting for analysis has waited: alert when it keeps growing.",
  type: "gauge",
};

/**
 * The analysis backlog as Prometheus text, beside the run gauges of `/metrics`.
 * @example
 * analysisBacklogText({ waitingBatches: 3, oldestWaitMs: 1500 }); // "...rewardscope_analysis_oldest_wait_seconds 1.5\n"
 */
export function analysisBacklogText(backlog: AnalysisBacklog): string {
  return (
    renderFamily(WAITING, [{ labels: {}, value: backlog.waitingBatches }]) +
    renderFamily(OLDEST, [{ labels: {}, value: backlog.oldestWaitMs / 1000 }])
  );
}
