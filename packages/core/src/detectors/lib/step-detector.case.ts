import { describe, expect, it } from "vitest";
import { type AlertType, SEVERITIES, type Severity } from "../../alerts/types.js";
import { RewardscopeError } from "../../errors.js";
import type { AlertDraft, DetectorOptions, StepDetector, StepView } from "../detector.js";

/**
 * The contract every step detector meets, written once and run by each detector's test: it fires on a
 * clear pathology at the expected step, fills every field of its alerts, stays (nearly) silent on long
 * healthy runs, keeps plain, finite, bounded JSON state that survives a round trip, leaves its state
 * alone on a step without its input, and refuses nonsense options with a field path.
 */

/** An alert draft with the step it was raised at. */
export type RaisedAlert = AlertDraft & { step: number };

/** What a detector's test tells the contract suite: the detector, its pathology, healthy runs, bad options. */
export interface StepDetectorCase<O extends DetectorOptions, S> {
  detector: StepDetector<O, S>;
  type: AlertType;
  /** Options over the defaults for every run of the suite. */
  options?: Partial<O>;
  /** A run with a clear pathology, the step of its first alert, and the severity of that alert. */
  pathology: { views: () => StepView[]; firstAlertStep: number; severity: Severity };
  /** A healthy run of 5,000 steps (the suite runs a few seeds). */
  healthy: (seed: number) => StepView[];
  /** A step that lacks the detector's input. */
  absent: (step: number) => StepView;
  /** Options that must be refused, each with the field path the error must name. */
  invalid: { options: Partial<O>; field: string }[];
}

/** Most false alarms allowed per 1,000 healthy steps. */
export const FALSE_ALARMS_PER_1000 = 1;

/**
 * Runs a detector over views; when `roundTripAt` is a step, its state goes through JSON just before that step.
 * @example
 * const { alerts } = runStepDetector(truncationDetector, truncationDetector.defaults, views);
 */
export function runStepDetector<O extends DetectorOptions, S>(
  detector: StepDetector<O, S>,
  options: O,
  views: readonly StepView[],
  roundTripAt?: number,
): { alerts: RaisedAlert[]; state: S } {
  let state = detector.init(options);
  const alerts: RaisedAlert[] = [];
  for (const view of views) {
    if (view.step === roundTripAt) state = JSON.parse(JSON.stringify(state)) as S;
    for (const draft of detector.check(view, state, options)) alerts.push({ ...draft, step: view.step });
  }
  return { alerts, state };
}

/** Throws unless `value` is plain JSON data with finite numbers only; returns its count of leaves. */
export function plainLeaves(value: unknown, path = "state"): number {
  if (value === null || typeof value === "string" || typeof value === "boolean") return 1;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}`);
    return 1;
  }
  if (Array.isArray(value)) return value.reduce((n: number, v, i) => n + plainLeaves(v, `${path}[${i}]`), 0);
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value).reduce((n, [k, v]) => n + plainLeaves(v, `${path}.${k}`), 0);
  throw new Error(`${path} is not plain JSON data`);
}

function expectComplete(alert: RaisedAlert, type: AlertType): void {
  expect(alert.type).toBe(type);
  expect(SEVERITIES).toContain(alert.severity);
  expect(alert.message.length).toBeGreaterThan(10);
  expect(alert.action.length).toBeGreaterThan(10);
  expect(Number.isFinite(alert.value)).toBe(true);
  expect(Number.isFinite(alert.threshold)).toBe(true);
  expect(Number.isInteger(alert.window) && (alert.window ?? 0) >= 1).toBe(true);
  expect(Object.keys(alert.evidence ?? {}).length).toBeGreaterThan(0);
  for (const v of Object.values(alert.evidence ?? {})) expect(Number.isFinite(v)).toBe(true);
  expect(alert.rewardFn !== undefined || alert.metric !== undefined).toBe(true);
}

/** Runs the contract suite against one detector. */
export function describeStepDetector<O extends DetectorOptions, S>(c: StepDetectorCase<O, S>): void {
  const options = { ...c.detector.defaults, ...c.options } as O;
  const run = (views: readonly StepView[], roundTripAt?: number) =>
    runStepDetector(c.detector, options, views, roundTripAt);

  describe(`${c.detector.id}: step detector contract`, () => {
    it("fires on the pathology at the expected step, with every field filled in", () => {
      const { alerts } = run(c.pathology.views());
      expect(alerts[0]?.step).toBe(c.pathology.firstAlertStep);
      expect(alerts[0]?.severity).toBe(c.pathology.severity);
      for (const alert of alerts) expectComplete(alert, c.type);
    });

    it.each([1, 2, 3])("raises at most 1 false alarm per 1,000 healthy steps (seed %i)", (seed) => {
      const views = c.healthy(seed);
      expect(views.length).toBeGreaterThanOrEqual(5000);
      const { alerts } = run(views);
      expect(alerts.length).toBeLessThanOrEqual((views.length / 1000) * FALSE_ALARMS_PER_1000);
    });

    it("gives identical results after a JSON round trip of its state mid-run", () => {
      const pathology = c.pathology.views();
      const mid = pathology[Math.floor(pathology.length / 2)]?.step;
      expect(run(pathology, mid).alerts).toEqual(run(pathology).alerts);
      const healthy = c.healthy(1);
      expect(run(healthy, 2500).alerts).toEqual(run(healthy).alerts);
    });

    it("keeps plain, finite JSON state that does not grow with run length", () => {
      const healthy = c.healthy(2);
      const half = plainLeaves(run(healthy.slice(0, healthy.length / 2)).state);
      expect(plainLeaves(run(healthy).state)).toBeLessThanOrEqual(half);
      expect(() => plainLeaves(run(c.pathology.views()).state)).not.toThrow();
    });

    it("does nothing and keeps its state on a step without its input", () => {
      const views = c.pathology.views();
      const { state } = run(views.slice(0, views.length - 1));
      const before = JSON.stringify(state);
      const last = views[views.length - 1]?.step ?? 0;
      expect(c.detector.check(c.absent(last), state, options)).toEqual([]);
      expect(JSON.stringify(state)).toBe(before);
    });

    it.each(c.invalid)("refuses invalid options at $field", ({ options: bad, field }) => {
      const attempt = () => c.detector.init({ ...options, ...bad });
      expect(attempt).toThrow(RewardscopeError);
      try {
        attempt();
      } catch (error) {
        expect((error as RewardscopeError).code).toBe("invalid_config");
        expect((error as RewardscopeError).field).toBe(field);
      }
    });
  });
}
