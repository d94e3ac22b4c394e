import { degenerateOutputsDetector } from "./degenerate-outputs.js";
import type { Detector } from "./detector.js";
import { diversityCollapseDetector } from "./diversity-collapse.js";
import { entropyCollapseDetector } from "./entropy-collapse.js";
import { errorRateDetector } from "./error-rate.js";
import { flatlineDetector } from "./flatline.js";
import { formatGamingDetector } from "./format-gaming.js";
import { klSpikeDetector } from "./kl-spike.js";
import { lengthHackingDetector } from "./length-hacking.js";
import { levelChangeDetector } from "./level-change.js";
import { memoryLeakDetector } from "./memory-leak.js";
import { negativeRateDetector } from "./negative-rate.js";
import { outlierDetector } from "./outlier.js";
import { repetitionDetector } from "./repetition.js";
import { saturationDetector } from "./saturation.js";
import { slowRewardFnDetector } from "./slow-reward-fn.js";
import { stagnationDetector } from "./stagnation.js";
import { trendDetector } from "./trend.js";
import { truncationDetector } from "./truncation.js";
import { varianceCollapseDetector } from "./variance-collapse.js";
import { zeroStdGroupsDetector } from "./zero-std-groups.js";

/**
 * Every detector the Monitor runs by default, reward-level first. Configure one under `detectors.<id>`.
 * @example
 * DETECTORS.map((d) => d.id); // ["outlier", "level_change", ...]
 */
export const DETECTORS: readonly Detector[] = [
  outlierDetector,
  levelChangeDetector,
  flatlineDetector,
  negativeRateDetector,
  saturationDetector,
  varianceCollapseDetector,
  trendDetector,
  stagnationDetector,
  truncationDetector,
  zeroStdGroupsDetector,
  errorRateDetector,
  slowRewardFnDetector,
  formatGamingDetector,
  repetitionDetector,
  diversityCollapseDetector,
  degenerateOutputsDetector,
  lengthHackingDetector,
  entropyCollapseDetector,
  klSpikeDetector,
  memoryLeakDetector,
];
