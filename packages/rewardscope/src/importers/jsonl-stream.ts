import { open } from "node:fs/promises";
import { RewardscopeError, type RewardscopeEvent } from "@rewardscope/core";
import { fileErrorReason } from "../io/read-events.js";
import { stepOfFileName } from "./import-file.js";
import { JsonlLogReader } from "./jsonl-log.js";
import type { ImportOutput, LogFormat } from "./log-format.js";

/** Bytes read at a time: memory holds about this much of the file at once. */
const CHUNK_BYTES = 1 << 20;

/** A JSONL log as it was streamed: its format, how many events it gave, the rows it skipped. */
export interface StreamedLog {
  format: LogFormat;
  events: number;
  problems: string[];
}

/** The formats JsonlLogReader reads: a JSONL log of any of them can be read a chunk at a time. */
export const JSONL_FORMATS: ReadonlySet<LogFormat> = new Set([
  "events",
  "verl-metrics",
  "completion-rows",
  "scalars-jsonl",
]);

/**
 * Reads a JSONL log (any of JSONL_FORMATS) a chunk at a time, yielding the events and problems of each piece as
 * it is read (`format` as far as the log has shown it): a log of gigabytes is read in the memory of a chunk and
 * of what the caller keeps. Together the pieces give the events, in order, and the problems of a whole reading.
 * @throws RewardscopeError("invalid_argument") when the file cannot be read.
 * @example
 * for await (const { events, problems } of readJsonlLog("rollouts.jsonl")) analyse(events);
 */
export async function* readJsonlLog(path: string): AsyncGenerator<ImportOutput> {
  const reader = new JsonlLogReader(path, stepOfFileName(path));
  // Pieces end at a newline byte, which no UTF-8 sequence holds, so nothing is left inside the decoder between
  // them; one decoder for the whole file drops a byte-order mark at its start only.
  const decoder = new TextDecoder();
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new RewardscopeError("invalid_argument", `cannot read ${path}: ${fileErrorReason(error)}`);
  }
  let carry: Uint8Array = new Uint8Array(0);
  // The stream closes the file at its end, or when the caller stops early.
  for await (const chunk of handle.createReadStream({ highWaterMark: CHUNK_BYTES })) {
    const bytes = carry.length === 0 ? (chunk as Buffer) : Buffer.concat([carry, chunk as Buffer]);
    const end = bytes.lastIndexOf(0x0a) + 1;
    carry = bytes.subarray(end);
    if (end > 0) yield reader.push(decoder.decode(bytes.subarray(0, end), { stream: true }));
  }
  const rest = decoder.decode(carry);
  if (rest.length > 0) yield reader.push(rest);
  yield reader.end();
}

/**
 * readJsonlLog, handing each piece of events to `onEvents` and waiting for it before reading on; returns the log's
 * format, how many events it gave and the rows it skipped.
 * @example
 * await streamJsonlLog("metrics.jsonl", async (events) => batches.add(events));
 */
export async function streamJsonlLog(
  path: string,
  onEvents: (events: RewardscopeEvent[]) => Promise<void>,
): Promise<StreamedLog> {
  let format: LogFormat = "events";
  const problems: string[] = [];
  let events = 0;
  for await (const piece of readJsonlLog(path)) {
    format = piece.format;
    problems.push(...piece.problems);
    events += piece.events.length;
    if (piece.events.length > 0) await onEvents(piece.events);
  }
  return { format, events, problems };
}
