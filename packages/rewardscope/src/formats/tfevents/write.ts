import { ProtoWriter } from "./proto-writer.js";
import { frameRecord } from "./record-framing.js";
import type { TfEvent, TfHistogram } from "./tf-event.js";

/** The file_version of the header record that TensorBoard expects first in every event file. */
export const FILE_VERSION = "brain.Event:2";

/**
 * Encodes events as the bytes of a TensorBoard event file: a header record (file_version "brain.Event:2", at
 * the first event's wall time), then one Event record per event, its scalars as `simple_value` (float32, as
 * TensorBoard stores them) and its histograms as HistogramProto, each framed with masked CRC-32Cs.
 * Name the file `events.out.tfevents.<seconds>.<host>` so TensorBoard finds it.
 * @example
 * await writeFile("out/events.out.tfevents.1712000000.rewardscope",
 *   writeTfEvents([{ step: 1, wallTime: 1712000000, scalars: [{ tag: "reward", value: 0.5 }], histograms: [] }]));
 */
export function writeTfEvents(events: readonly TfEvent[]): Uint8Array {
  const records = [tfEventsHeaderRecord(events[0]?.wallTime ?? 0), ...events.map(tfEventRecord)];
  const out = new Uint8Array(records.reduce((total, record) => total + record.length, 0));
  let at = 0;
  for (const record of records) {
    out.set(record, at);
    at += record.length;
  }
  return out;
}

/**
 * The first record of an event file: an Event holding only the wall time and file_version "brain.Event:2".
 * For writers that stream: this, then one tfEventRecord per event.
 */
export function tfEventsHeaderRecord(wallTime: number): Uint8Array {
  return frameRecord(new ProtoWriter().double(1, wallTime).string(3, FILE_VERSION).toBytes());
}

/** One event as a framed record of an event file. */
export function tfEventRecord(event: TfEvent): Uint8Array {
  return frameRecord(encodeEvent(event));
}

/** Event: wall_time=1, step=2, summary=5 { value=1 { tag=1, simple_value=2 | histo=5 } }. */
function encodeEvent(event: TfEvent): Uint8Array {
  return new ProtoWriter()
    .double(1, event.wallTime)
    .varint(2, event.step)
    .message(5, (summary) => {
      for (const scalar of event.scalars)
        summary.message(1, (value) => value.string(1, scalar.tag).float(2, scalar.value));
      for (const histogram of event.histograms)
        summary.message(1, (value) =>
          value.string(1, histogram.tag).message(5, (h) => encodeHistogram(h, histogram)),
        );
    })
    .toBytes();
}

function encodeHistogram(writer: ProtoWriter, histogram: TfHistogram): void {
  writer
    .double(1, histogram.min)
    .double(2, histogram.max)
    .double(3, histogram.num)
    .double(4, histogram.sum)
    .double(5, histogram.sumSquares)
    .packedDoubles(6, histogram.bucketLimits)
    .packedDoubles(7, histogram.buckets);
}
