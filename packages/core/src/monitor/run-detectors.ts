import { detectorOptions } from "../config/resolve-config.js";
import type { MonitorConfig } from "../config/types.js";
import type { AlertDraft, Detector, DetectorOptions, StepView } from "../detectors/detector.js";
import type { MonitorState } from "./monitor-state.js";

/** Each detector's options per function, merged once per configuration: a Monitor's configuration never changes. */
const mergedOptions = new WeakMap<MonitorConfig, Map<string, DetectorOptions>>();

function optionsOf(config: MonitorConfig, detector: Detector, fn?: string): DetectorOptions {
  let byKey = mergedOptions.get(config);
  if (!byKey) {
    byKey = new Map();
    mergedOptions.set(config, byKey);
  }
  const key = fn === undefined ? detector.id : `${detector.id}\u0000${fn}`;
  let options = byKey.get(key);
  if (!options) {
    options = detectorOptions(config, detector, fn);
    byKey.set(key, options);
  }
  return options;
}

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
      const options = optionsOf(config, detector);
      if (!options.enabled) continue;
      if (!(detector.id in state.stepDetectors)) state.stepDetectors[detector.id] = detector.init(options);
      drafts.push(...detector.check(view, state.stepDetectors[detector.id], options));
      continue;
    }
    for (const [fn, stats] of Object.entries(view.report.rewards)) {
      const options = optionsOf(config, detector, fn);
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
