import { expectWire, ProtoReader, WIRE } from "./proto-reader.js";
import { decodeSummary, type SummaryContext } from "./summary-proto.js";
import type { TfEvent } from "./tf-event.js";

/**
 * Decodes a tensorflow.Event (wall_time=1 double, step=2 int64, summary=5 Summary); the file_version header,
 * graphs, session logs and run metadata are skipped, so such events come back with no values.
 * @throws RewardscopeError("invalid_event") when the bytes are not a well-formed Event.
 */
export function decodeEvent(bytes: Uint8Array, context: SummaryContext): TfEvent {
  const reader = new ProtoReader(bytes);
  const event: TfEvent = { step: 0, wallTime: 0, scalars: [], histograms: [] };
  for (let field = reader.nextField(); field; field = reader.nextField()) {
    if (field.number === 1) {
      expectWire(field, WIRE.fixed64, "Event.wall_time");
      event.wallTime = reader.double();
    } else if (field.number === 2) {
      expectWire(field, WIRE.varint, "Event.step");
      event.step = reader.varint();
    } else if (field.number === 5) {
      expectWire(field, WIRE.lengthDelimited, "Event.summary");
      decodeSummary(reader.message(), context, event);
    } else reader.skip(field.wireType);
  }
  return event;
}
