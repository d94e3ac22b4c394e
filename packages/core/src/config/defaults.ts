import { DEFAULT_COMPLETION_CONFIG } from "../completions/defaults.js";
import type { MonitorConfig } from "./types.js";

/**
 * The documented defaults of everything but the detectors, whose defaults live with each detector
 * (`detector.defaults`). A user's configuration is merged over these once, by `resolveConfig`.
 */
export const DEFAULT_CONFIG: MonitorConfig = {
  window: 1000,
  emaShortAlpha: 0.1,
  emaLongAlpha: 0.01,
  histogramBins: 20,
  completions: DEFAULT_COMPLETION_CONFIG,
  detectors: {},
  rewardFunctions: {},
  rules: [],
  alerts: {
    minSeverity: "low",
    dedupeSteps: 50,
    maxPerWindow: 20,
    rateWindowSteps: 100,
  },
};
