import { open, readFile } from "node:fs/promises";
import { basename } from "node:path";
import { RewardscopeError } from "@rewardscope/core";
import { readTfEventRecords } from "../formats/tfevents/index.js";
import { checkHeader, HEADER_BYTES } from "../formats/tfevents/record-framing.js";
import { fileErrorReason } from "../io/read-events.js";
import { csvToEvents } from "./csv-log.js";
import { classifyJsonlRow, JsonlLogReader } from "./jsonl-log.js";
import type { ImportOutput, LogFormat } from "./log-format.js";
import { parsePythonJson } from "./python-json.js";
import { tfEventsToEvents } from "./tfevents-log.js";
import { isTrainerState, trainerStateEvents } from "./trainer-state.js";
import { trlParquetToEvents } from "./trl-parquet.js";

const SNIFF_BYTES = 64 * 1024;

/** The step a verl rollout dump is named after (`<step>.jsonl`), if the name is one. */
export function stepOfFileName(path: string): number | undefined {
  const match = /^(\d+)\.jsonl$/.exec(basename(path));
  return match ? Number(match[1]) : undefined;
}

/**
 * Which log format a file holds, from its name and its first bytes: TensorBoard files by name or by a valid
 * TFRecord header, parquet by its "PAR1" magic, CSV by its extension, a JSON document with `log_history` as a
 * trainer state, and JSONL by its first object line (see classifyJsonlRow).
 * @example
 * detectFormat("checkpoint-500/trainer_state.json", head); // "trl-trainer-state"
 */
export function detectFormat(path: string, head: Uint8Array): LogFormat {
  const name = basename(path);
  if (name.includes("tfevents")) return "tfevents";
  if (head.length >= 4 && String.fromCharCode(...head.subarray(0, 4)) === "PAR1") return "trl-completions";
  if (/\.csv$/i.test(name)) return "scalars-csv";
  if (name === "trainer_state.json" || name.endsWith(".trainer_state.json")) return "trl-trainer-state";
  if (head.length >= HEADER_BYTES && "length" in checkHeader(head, 0)) return "tfevents";
  const text = new TextDecoder().decode(head).replace(/^\uFEFF/, "");
  const start = text.trimStart();
  if (start.startsWith("[")) return "events";
  if (start.startsWith("{")) {
    const firstLine = (start.split("\n")[0] as string).trim();
    let row: unknown;
    try {
      row = parsePythonJson(firstLine);
    } catch {
      // A JSON document over several lines: the Trainer's state is the one rewardscope reads.
      return "trl-trainer-state";
    }
    if (typeof row === "object" && row !== null && !Array.isArray(row)) {
      if (isTrainerState(row)) return "trl-trainer-state";
      return classifyJsonlRow(row as Record<string, unknown>);
    }
  }
  return "events";
}

/** Reads the first bytes of a file, for detectFormat. */
export async function readHead(path: string): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new RewardscopeError("invalid_argument", `cannot read ${path}: ${fileErrorReason(error)}`);
  }
  try {
    if ((await handle.stat()).isDirectory())
      throw new RewardscopeError("invalid_argument", `cannot read ${path}: is a directory`);
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Imports one log file whole: detects its format and converts it to events (see each importer). Bad rows are
 * skipped and listed in `problems`; a file that cannot be read or is not its format at all throws.
 * @throws RewardscopeError("invalid_argument") when the file cannot be read or decoded.
 * @example
 * const { format, events, problems } = await importFile("outputs/checkpoint-500/trainer_state.json");
 */
export async function importFile(path: string, format?: LogFormat): Promise<ImportOutput> {
  const detected = format ?? detectFormat(path, await readHead(path));
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new RewardscopeError("invalid_argument", `cannot read ${path}: ${fileErrorReason(error)}`);
  }
  return importBytes(bytes, path, detected);
}

/** As importFile, from bytes already read. */
export async function importBytes(
  bytes: Uint8Array,
  source: string,
  format: LogFormat,
): Promise<ImportOutput> {
  switch (format) {
    case "tfevents": {
      const { events, errors, nextOffset } = readTfEventRecords(bytes);
      const tail = nextOffset < bytes.length ? [`byte ${nextOffset}: the file ends inside a record`] : [];
      return tfEventsToEvents(events, source, [...errors, ...tail]);
    }
    case "trl-completions":
      return trlParquetToEvents(bytes, source);
    case "scalars-csv":
      return csvToEvents(new TextDecoder().decode(bytes), source);
    case "trl-trainer-state": {
      let json: unknown;
      try {
        json = parsePythonJson(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ""));
      } catch (error) {
        throw new RewardscopeError("invalid_argument", `${source}: ${(error as Error).message}`);
      }
      return trainerStateEvents(json, source);
    }
    case "events":
      return eventsDocument(bytes, source);
    default: {
      const reader = new JsonlLogReader(source, stepOfFileName(source));
      const first = reader.push(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ""));
      const rest = reader.end();
      return {
        format: reader.format ?? format,
        events: [...first.events, ...rest.events],
        problems: [...first.problems, ...rest.problems],
      };
    }
  }
}

/** An events file: JSONL, or a JSON array of events. */
function eventsDocument(bytes: Uint8Array, source: string): ImportOutput {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
  if (!text.trimStart().startsWith("[")) {
    const reader = new JsonlLogReader(source);
    const out = reader.push(text);
    return { ...out, format: "events" };
  }
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch (error) {
    throw new RewardscopeError(
      "invalid_argument",
      `${source}: invalid JSON array: ${(error as Error).message}`,
    );
  }
  if (!Array.isArray(items))
    throw new RewardscopeError("invalid_argument", `${source}: expected a JSON array of events`);
  const reader = new JsonlLogReader(source);
  const out = reader.push(items.map((item) => JSON.stringify(item)).join("\n"));
  return { ...out, format: "events" };
}
