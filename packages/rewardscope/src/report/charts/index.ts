import type { TopLevelSpec } from "vega-lite";
import type { ReportData } from "../report-data.js";
import { correlationMatrixChart } from "./correlation-matrix.js";
import { dashboardChart } from "./dashboard.js";
import { emaComparisonChart } from "./ema-comparison.js";
import { memoryChart, trainingCurvesChart } from "./metric-lines.js";
import { rewardDistributionsChart } from "./reward-distributions.js";
import { rewardHistoryChart } from "./reward-history.js";
import { rewardStatisticsChart } from "./reward-statistics.js";

/** A chart of the report: its file name (without .png) and the vega-lite spec built from the report's data. */
export interface ChartDefinition {
  name: string;
  build(data: ReportData): TopLevelSpec;
}

/** Every chart of a report, in the order the HTML shows them; each is written as `<name>.png` too. */
export const CHARTS: readonly ChartDefinition[] = [
  { name: "dashboard", build: dashboardChart },
  { name: "reward_history", build: rewardHistoryChart },
  { name: "reward_distributions", build: rewardDistributionsChart },
  { name: "reward_statistics", build: rewardStatisticsChart },
  { name: "ema_comparison", build: emaComparisonChart },
  { name: "correlation_matrix", build: correlationMatrixChart },
  { name: "training_curves", build: trainingCurvesChart },
  { name: "memory", build: memoryChart },
];
