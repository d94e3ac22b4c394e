import { tfEventRecord, tfEventsHeaderRecord } from "../formats/tfevents/index.js";
import type { ExportFormat } from "./export-format.js";
import { runTfEvents } from "./tfevents-run.js";

/** Bytes buffered before each write. */
const CHUNK_BYTES = 1 << 20;

/**
 * `--format tfevents`: a TensorBoard event file, streamed step by step (see runTfEvents for its tags). TensorBoard
 * reads files whose name contains "tfevents": `--out runs/qwen-1/events.out.tfevents.qwen-1`, then
 * `tensorboard --logdir runs`.
 */
export const tfeventsFormat: ExportFormat = {
  name: "tfevents",
  description:
    "a TensorBoard event file: every series as scalars, each reward function's values as histograms",
  extension: "tfevents",
  binary: true,
  async write(store, run, out) {
    const record = await store.getRun(run);
    const wallTime = record ? Date.parse(record.createdAt) / 1000 : 0;
    let parts = [tfEventsHeaderRecord(wallTime)];
    let size = parts[0]!.length;
    let steps = 0;
    for await (const event of runTfEvents(store, run, wallTime)) {
      const bytes = tfEventRecord(event);
      parts.push(bytes);
      size += bytes.length;
      steps++;
      if (size >= CHUNK_BYTES) {
        await out.write(concat(parts, size));
        parts = [];
        size = 0;
      }
    }
    await out.write(concat(parts, size));
    return {
      steps,
      note: 'every event carries the run\'s creation time (the store keeps no time per step); TensorBoard reads files whose name contains "tfevents"',
    };
  },
};

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
