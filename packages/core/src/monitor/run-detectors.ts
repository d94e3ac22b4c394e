import { detectorOptions } from "../config/resolve-config.js";
import type { MonitorConfig } from "../config/types.js";
import type { AlertDraft, Detector, StepView } from "../detectors/detector.js";
import type { MonitorState } from "./monitor-state.js";

/**
 * Runs every enabled detector on one step: reward detectors once per function that has values this step, each
 * with its own state and options for that function; step detectors once. State lives in `state` (mutated).
 */
export function runDetectors(
  view: StepView,
  state: MonitorState,
  detectors: readonly Detector[],
  config: MonitorConfig,
): AlertDraft[] {
  const drafts: AlertDraft[] = [];
  for (const detector of detectors) {
    if (detector.scope === "step") {
      const options = detectorOptions(config, detector);
      if (!options.enabled) continue;
      if (!(detector.id in state.stepDetectors)) state.stepDetectors[detector.id] = detector.init(options);
      drafts.push(...detector.check(view, state.stepDetectors[detector.id], options));
      continue;
    }
    for (const [fn, stats] of Object.entries(view.report.rewards)) {
      const options = detectorOptions(config, detector, fn);
      if (!options.enabled) continue;
      const fnStates = state.rewardDetectors[fn] ?? {};
      state.rewardDetectors[fn] = fnStates;
      if (!(detector.id in fnStates)) fnStates[detector.id] = detector.init(options);
      const input = { step: view.step, fn, values: view.values[fn] ?? [], stats, view };
      for (const draft of detector.check(input, fnStates[detector.id], options))
        drafts.push({ rewardFn: fn, ...draft });
    }
  }
  return drafts;
}
