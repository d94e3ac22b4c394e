import { once } from "node:events";
import { open } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { RewardscopeError } from "@rewardscope/core";
import { fileErrorReason } from "./read-events.js";

/** A file written piece by piece, waiting when the disk is slower than the writer. */
export interface FileSink {
  readonly path: string;
  write(text: string): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/**
 * Creates (or truncates) a file for streamed writing. Fails early when the file cannot be created.
 * @throws RewardscopeError("invalid_argument") when the file cannot be opened for writing.
 * @example
 * const sink = await openFileSink("events.jsonl");
 * await sink.write('{"type":"step_end","step":1}\n');
 * await sink.close();
 */
export async function openFileSink(path: string): Promise<FileSink> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "w");
  } catch (error) {
    throw new RewardscopeError("invalid_argument", `cannot write ${path}: ${fileErrorReason(error)}`);
  }
  const stream = handle.createWriteStream({ encoding: "utf8" });
  let closed = false;
  return {
    path,
    async write(text) {
      // once() rejects if the stream errors while we wait, so a full disk surfaces here.
      if (!stream.write(text)) await once(stream, "drain");
    },
    async close() {
      if (closed) return;
      closed = true;
      stream.end();
      await finished(stream);
    },
  };
}
