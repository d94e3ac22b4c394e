import { DETECTORS, Monitor, type MonitorConfigInput } from "@rewardscope/core";

/** A change detector to score on TCPD: a name and the Monitor configuration that runs it. */
export interface ChangeMethod {
  name: string;
  config: MonitorConfigInput;
}

/**
 * Every alert is a change point here: the alert policy's folding of repeats (meant for people reading alerts)
 * would hide close changes, so it is off.
 */
const UNFOLDED = { dedupeSteps: 0, maxPerWindow: 1_000_000 } as const;

export const CHANGE_METHODS: readonly ChangeMethod[] = [
  { name: "level_change (cusum, defaults)", config: { alerts: UNFOLDED } },
  {
    name: "level_change (naive EMA ratio)",
    config: { alerts: UNFOLDED, detectors: { level_change: { method: "naive" } } },
  },
];

/**
 * The grid of the oracle setting: as TCPDBench's "Oracle" column, the best of these per series and per metric
 * (an upper bound on what tuning could reach, not a usable default).
 */
export const ORACLE_GRID: readonly ChangeMethod[] = [3, 5, 8, 12, 20].flatMap((h) =>
  [5, 10, 20].flatMap((warmup) =>
    [0.25, 0.5, 1].map((k) => ({
      name: `level_change h ${h} warmup ${warmup} k ${k}`,
      config: { alerts: UNFOLDED, detectors: { level_change: { h, dropH: h, warmup, k } } },
    })),
  ),
);

const LEVEL_CHANGE = DETECTORS.filter((d) => d.id === "level_change");

/**
 * Change points of a series by the level-change detector inside the real Monitor: one step per observation
 * (one value a step), each drop or spike alert a change at its evidence's onset (the step where the CUSUM
 * sum last left 0), else at the alert's step.
 * @example
 * detectChanges([0, 0, 0, ..., 5, 5, 5], CHANGE_METHODS[0]); // [onset of the jump]
 */
export function detectChanges(values: readonly (number | null)[], method: ChangeMethod): number[] {
  const monitor = new Monitor({ config: method.config, detectors: LEVEL_CHANGE });
  const changes: number[] = [];
  values.forEach((value, step) => {
    const report = monitor.analyze({ step, rewards: { series: [value] }, metrics: {}, calls: {} });
    for (const a of report.alerts)
      if (a.type === "drop" || a.type === "spike") changes.push(a.evidence?.onset ?? a.step);
  });
  return changes;
}
