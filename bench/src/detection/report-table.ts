import type { AlertType } from "@rewardscope/core";
import { PATHOLOGIES, PATHOLOGY_KINDS } from "./pathologies.js";
import type { DetectionScore, PathologyScore } from "./scorer.js";

/** The targets of issue 8. */
export const TARGETS = { recall: 0.95, alarmsPer1k: 0.2, medianDelay: 10 } as const;

function cell(value: number | null, digits = 0): string {
  return value === null ? "—" : value.toFixed(digits);
}

function pathologyCells(s: PathologyScore | undefined): string[] {
  if (!s) return ["—", "—", "—"];
  return [`${cell(s.recall, 2)} (${s.detected}/${s.runs})`, cell(s.medianDelay), cell(s.p90Delay)];
}

/** Whether a pathology met the recall and median-delay targets. */
export function metTargets(s: PathologyScore): boolean {
  return s.recall >= TARGETS.recall && s.medianDelay !== null && s.medianDelay <= TARGETS.medianDelay;
}

/**
 * The recall/delay table and the false-alarm table, as GitHub markdown, rewardscope beside the naive rules.
 * Naive cells are "—" where no common rule exists for that pathology.
 */
export function formatTables(
  monitor: DetectionScore,
  naive: DetectionScore,
  naiveKinds: ReadonlySet<string>,
): string {
  const lines = [
    "| pathology | rewardscope recall | median delay | P90 delay | early | naive recall | naive median | naive P90 | targets |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const kind of PATHOLOGY_KINDS) {
    const s = monitor.pathologies[kind];
    if (!s) continue;
    const n = naiveKinds.has(kind) ? naive.pathologies[kind] : undefined;
    lines.push(
      `| ${kind} | ${pathologyCells(s).join(" | ")} | ${s.early} | ${pathologyCells(n).join(" | ")} | ${metTargets(s) ? "met" : "**missed**"} |`,
    );
  }
  lines.push(
    "",
    `False alarms on ${monitor.healthySteps.toLocaleString("en-US")} healthy steps, per 1,000 steps:`,
    "",
    "| alert type | rewardscope ≥ medium | rewardscope low | naive (medium) |",
    "|---|---|---|---|",
  );
  const types = new Set<AlertType>([
    ...(Object.keys(monitor.falseAlarms) as AlertType[]),
    ...(Object.keys(naive.falseAlarms) as AlertType[]),
  ]);
  for (const type of [...types].sort()) {
    const m = monitor.falseAlarms[type];
    const n = naive.falseAlarms[type];
    lines.push(
      `| ${type} | ${cell(m?.alarmsPer1k ?? 0, 3)} | ${cell(m?.lowPer1k ?? 0, 3)} | ${cell(n?.alarmsPer1k ?? 0, 3)} |`,
    );
  }
  return lines.join("\n");
}

/** One line per pathology: what the generator does. */
export function formatLegend(): string {
  return PATHOLOGY_KINDS.map((k) => `- ${k}: ${PATHOLOGIES[k].description}`).join("\n");
}
