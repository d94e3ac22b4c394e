import type { RunRecord, StepReport } from "../api/types.js";

/**
 * A run record after a live step: its last step, step count and alert counts moved on, as the store's own
 * counters move (the stream sends the record itself only when a run is declared or changes status).
 * A step at or before the last one (analysed again) leaves the counters alone.
 * @example
 * advanceRun(record, report).lastStep; // report.step
 */
export function advanceRun(record: RunRecord, report: StepReport): RunRecord {
  if (record.lastStep !== null && report.step <= record.lastStep) return record;
  const alertCounts = { ...record.alertCounts };
  for (const alert of report.alerts) alertCounts[alert.severity] = (alertCounts[alert.severity] ?? 0) + 1;
  return { ...record, lastStep: report.step, stepCount: record.stepCount + 1, alertCounts };
}
