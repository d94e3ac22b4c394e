import { open } from "node:fs/promises";
import { RewardscopeError } from "@rewardscope/core";

/**
 * One undecoded event of an input: a line of a JSONL file, or an element of a JSON array file
 * (or an event object produced in memory, such as a simulated one).
 */
export type RawRecord =
  | { kind: "line"; line: number; text: string }
  | { kind: "item"; index: number; value: unknown }
  /** A row an importer could not convert, as `FILE:LINE: problem`: skipped like a malformed line. */
  | { kind: "problem"; message: string };

/** Where a record sits in its source, for messages: `run.jsonl:12` for a line, `run.json[3]` for an element. */
export function locate(source: string, record: RawRecord): string {
  if (record.kind === "problem") return source;
  return record.kind === "line" ? `${source}:${record.line}` : `${source}[${record.index}]`;
}

const BLANK = /^\s*$/;
const READ_CHUNK_BYTES = 1 << 20;

/** The reason of a file-system error, in a few words. */
export function fileErrorReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return error instanceof Error ? error.message : String(error);
}

/** An open input: its chunks, and a way to let go of the file if it is not read to the end. */
export interface Input {
  chunks: AsyncIterable<string | Uint8Array>;
  close(): void;
}

/**
 * Opens a file for streaming (or takes `stdin` for "-"). Fails early, with a clear message, on a
 * missing file or a directory.
 * @throws RewardscopeError("invalid_argument") when the file cannot be read.
 * @example
 * const input = await openInput("run.jsonl", process.stdin);
 * try { for await (const record of readRecords(input.chunks)) use(record); } finally { input.close(); }
 */
export async function openInput(path: string, stdin?: AsyncIterable<string | Uint8Array>): Promise<Input> {
  if (path === "-") {
    if (!stdin) throw new RewardscopeError("invalid_argument", "no standard input to read");
    return { chunks: stdin, close: () => {} };
  }
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new RewardscopeError("invalid_argument", `cannot read ${path}: ${fileErrorReason(error)}`);
  }
  const info = await handle.stat();
  if (info.isDirectory()) {
    await handle.close();
    throw new RewardscopeError("invalid_argument", `cannot read ${path}: is a directory`);
  }
  const stream = handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES });
  return { chunks: stream, close: () => stream.destroy() };
}

/**
 * Splits a stream of text or bytes into records, one line at a time, without holding more than one
 * line in memory: a multi-gigabyte JSONL file streams. A source whose first non-blank character is
 * "[" is a JSON array: it is read whole and yields one record per element. Blank lines are skipped
 * but counted, so line numbers match an editor's.
 * @throws RewardscopeError("invalid_event") when a JSON array file does not parse.
 * @example
 * for await (const record of readRecords(input.chunks, "run.jsonl")) console.log(record);
 */
export async function* readRecords(
  chunks: AsyncIterable<string | Uint8Array>,
  source = "input",
): AsyncGenerator<RawRecord> {
  const decoder = new TextDecoder("utf-8");
  // The pieces of the unfinished line: joined once when its newline arrives, so a long line costs O(length).
  let pieces: string[] = [];
  let line = 0;
  let mode: "unknown" | "lines" | "array" = "unknown";
  for await (const chunk of chunks) {
    let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (mode === "unknown") {
      if (BLANK.test(text)) {
        pieces.push(text);
        continue;
      }
      text = pieces.join("") + text;
      pieces = [];
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      mode = text.trimStart().startsWith("[") ? "array" : "lines";
    }
    if (mode === "array") {
      pieces.push(text);
      continue;
    }
    let start = 0;
    let newline = text.indexOf("\n");
    while (newline !== -1) {
      let piece = text.slice(start, newline);
      if (pieces.length > 0) {
        pieces.push(piece);
        piece = pieces.join("");
        pieces = [];
      }
      line++;
      if (!BLANK.test(piece)) yield { kind: "line", line, text: piece };
      start = newline + 1;
      newline = text.indexOf("\n", start);
    }
    if (start < text.length) pieces.push(text.slice(start));
  }
  const rest = pieces.join("") + decoder.decode();
  if (mode === "array") {
    yield* arrayRecords(rest, source);
  } else if (!BLANK.test(rest)) {
    yield { kind: "line", line: line + 1, text: rest };
  }
}

function* arrayRecords(text: string, source: string): Generator<RawRecord> {
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw new RewardscopeError("invalid_event", `${source}: invalid JSON array: ${(error as Error).message}`);
  }
  if (!Array.isArray(values))
    throw new RewardscopeError("invalid_event", `${source}: expected a JSON array of events`);
  for (let index = 0; index < values.length; index++) yield { kind: "item", index, value: values[index] };
}
