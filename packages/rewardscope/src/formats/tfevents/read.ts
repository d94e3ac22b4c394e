import { RewardscopeError } from "@rewardscope/core";
import { maskedCrc32c } from "./crc32c.js";
import { decodeEvent } from "./event-proto.js";
import {
  checkHeader,
  FOOTER_BYTES,
  findNextHeader,
  HEADER_BYTES,
  hex,
  readUint32,
} from "./record-framing.js";
import type { SummaryContext } from "./summary-proto.js";
import type { TfEvent } from "./tf-event.js";

export type { TfEvent, TfHistogram, TfScalar } from "./tf-event.js";

/** What one pass over the bytes of an event file found. */
export interface TfEventRecords {
  /** The events that carry at least one scalar or histogram, in file order. */
  events: TfEvent[];
  /**
   * Where the next read should start: the end of the last whole record (an incomplete record at the end is left
   * for a later read of the grown file), or a corrupt header that nothing valid follows yet.
   */
  nextOffset: number;
  /** Problems, each naming its byte offset; reading never throws on bad bytes. */
  errors: string[];
}

/**
 * Reads the TFRecord-framed TensorFlow Event records of a TensorBoard event file from `startOffset`.
 *
 * Both CRCs of every record are checked. A bad data CRC skips that record and reading goes on (its length was
 * sound). A bad length CRC means the record's extent is unknown: reading resumes at the next offset that holds a
 * valid header; if there is none yet, reading stops there and `nextOffset` points at the bad header, so a later
 * read of the grown file can resynchronise. A record whose bytes are not a valid Event is skipped. The same
 * bytes always give the same errors, so a watcher that re-reads can drop repeats.
 * @example
 * let offset = 0;
 * const { events, nextOffset, errors } = readTfEventRecords(bytes, offset);
 * offset = nextOffset; // when the file grows, read again from here
 */
export function readTfEventRecords(bytes: Uint8Array, startOffset = 0): TfEventRecords {
  if (!Number.isInteger(startOffset) || startOffset < 0 || startOffset > bytes.length)
    throw new RewardscopeError(
      "invalid_argument",
      `must be an integer from 0 to ${bytes.length}, got ${startOffset}`,
      "startOffset",
    );
  const events: TfEvent[] = [];
  const errors: string[] = [];
  const context: SummaryContext = { pluginByTag: new Map(), notes: new Set() };
  let offset = startOffset;
  while (bytes.length - offset >= HEADER_BYTES) {
    const header = checkHeader(bytes, offset);
    if ("problem" in header) {
      const resume = findNextHeader(bytes, offset + 1);
      if (resume === null) {
        errors.push(`byte ${offset}: ${header.problem}; no valid record follows yet, reading stopped`);
        return { events, nextOffset: offset, errors: [...errors, ...context.notes] };
      }
      errors.push(
        `byte ${offset}: ${header.problem}; skipped ${resume - offset} bytes to the record at byte ${resume}`,
      );
      offset = resume;
      continue;
    }
    const dataStart = offset + HEADER_BYTES;
    const dataEnd = dataStart + header.length;
    if (dataEnd + FOOTER_BYTES > bytes.length) break;
    const stored = readUint32(bytes, dataEnd);
    const computed = maskedCrc32c(bytes, dataStart, dataEnd);
    if (stored !== computed)
      errors.push(
        `byte ${offset}: data CRC mismatch (stored ${hex(stored)}, computed ${hex(computed)}); record of ${header.length} bytes skipped`,
      );
    else decodeInto(bytes.subarray(dataStart, dataEnd), offset, context, events, errors);
    offset = dataEnd + FOOTER_BYTES;
  }
  return { events, nextOffset: offset, errors: [...errors, ...context.notes] };
}

function decodeInto(
  data: Uint8Array,
  offset: number,
  context: SummaryContext,
  events: TfEvent[],
  errors: string[],
): void {
  try {
    const event = decodeEvent(data, context);
    if (event.scalars.length > 0 || event.histograms.length > 0) events.push(event);
  } catch (error) {
    if (!(error instanceof RewardscopeError)) throw error;
    errors.push(`byte ${offset}: not a valid Event (${error.message}); record skipped`);
  }
}
