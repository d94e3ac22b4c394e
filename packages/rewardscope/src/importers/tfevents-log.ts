import type { TfEvent } from "../formats/tfevents/index.js";
import { EventCollector } from "./event-collector.js";
import type { ImportOutput } from "./log-format.js";
import { scalarRowEvents } from "./scalar-row.js";

/**
 * Events from the records of a TensorBoard event file: the scalars of each step gathered into one row (TRL
 * writes one record per scalar) and mapped as a trainer_state row, with TRL's `train/` and `eval/` prefixes
 * (see scalarRowEvents). Rows come out in step order; a tag logged twice at a step keeps its last value.
 * Histograms are not imported (the per-function aggregates carry what the detectors use).
 * @example
 * const { events } = tfEventsToEvents(readTfEventRecords(bytes).events, "events.out.tfevents.1");
 */
export function tfEventsToEvents(
  records: readonly TfEvent[],
  source: string,
  errors: readonly string[] = [],
): ImportOutput {
  const out = new EventCollector();
  for (const error of errors) out.problem(source, error);
  const rows = new Map<number, Record<string, number>>();
  for (const record of records) {
    if (record.scalars.length === 0) continue;
    const row = rows.get(record.step) ?? {};
    for (const { tag, value } of record.scalars) row[tag] = value;
    rows.set(record.step, row);
  }
  const steps = [...rows.keys()].sort((a, b) => a - b);
  for (const step of steps)
    scalarRowEvents(step, rows.get(step) as Record<string, number>, out, `${source}: step ${step}`);
  return { format: "tfevents", events: out.events, problems: out.problems };
}
