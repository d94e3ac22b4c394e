import { open } from "node:fs/promises";
import { RewardscopeError, type RewardscopeEvent } from "@rewardscope/core";
import { fileErrorReason } from "../io/read-events.js";
import { stepOfFileName } from "./import-file.js";
import { JsonlLogReader } from "./jsonl-log.js";
import type { LogFormat } from "./log-format.js";

/** Bytes read at a time: memory holds about this much of the file at once. */
const CHUNK_BYTES = 1 << 20;

/** A JSONL log as it was streamed: its format, how many events it gave, the rows it skipped. */
export interface StreamedLog {
  format: LogFormat;
  events: number;
  problems: string[];
}

/**
 * Reads a JSONL log (any of the formats JsonlLogReader reads) a chunk at a time, handing each piece of events to
 * `onEvents` and waiting for it before reading on: a log of gigabytes is imported in the memory of a chunk and of
 * what `onEvents` keeps. Gives the same events, in the same order, as reading the file whole.
 * @throws RewardscopeError("invalid_argument") when the file cannot be read.
 * @example
 * await streamJsonlLog("metrics.jsonl", async (events) => batches.add(events));
 */
export async function streamJsonlLog(
  path: string,
  onEvents: (events: RewardscopeEvent[]) => Promise<void>,
): Promise<StreamedLog> {
  const reader = new JsonlLogReader(path, stepOfFileName(path));
  // Pieces end at a newline byte, which no UTF-8 sequence holds, so nothing is left inside the decoder between
  // them; one decoder for the whole file drops a byte-order mark at its start only.
  const decoder = new TextDecoder();
  const problems: string[] = [];
  let events = 0;
  const take = async (output: { events: RewardscopeEvent[]; problems: string[] }): Promise<void> => {
    problems.push(...output.problems);
    events += output.events.length;
    if (output.events.length > 0) await onEvents(output.events);
  };
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new RewardscopeError("invalid_argument", `cannot read ${path}: ${fileErrorReason(error)}`);
  }
  let carry: Uint8Array = new Uint8Array(0);
  // The stream closes the file at its end, or when the loop stops early (onEvents threw).
  for await (const chunk of handle.createReadStream({ highWaterMark: CHUNK_BYTES })) {
    const bytes = carry.length === 0 ? (chunk as Buffer) : Buffer.concat([carry, chunk as Buffer]);
    const end = bytes.lastIndexOf(0x0a) + 1;
    carry = bytes.subarray(end);
    if (end > 0) await take(reader.push(decoder.decode(bytes.subarray(0, end), { stream: true })));
  }
  const rest = decoder.decode(carry);
  if (rest.length > 0) await take(reader.push(rest));
  await take(reader.end());
  return { format: reader.format ?? "events", events, problems };
}
