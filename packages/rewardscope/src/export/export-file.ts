import { once } from "node:events";
import { open } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { RewardscopeError } from "@rewardscope/core";
import { fileErrorReason } from "../io/read-events.js";
import type { ExportOutput } from "./export-format.js";

/**
 * Creates (or truncates) the file an export writes, text or binary, waiting when the disk is slower than the
 * writer.
 * @throws RewardscopeError("invalid_argument", ..., "--out") when the file cannot be created.
 * @example
 * const file = await openExportFile("run.jsonl");
 * await file.write('{"type":"step_end","step":1}\n');
 * await file.close();
 */
export async function openExportFile(path: string): Promise<ExportOutput & { close(): Promise<void> }> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "w");
  } catch (error) {
    throw new RewardscopeError(
      "invalid_argument",
      `cannot write ${path}: ${fileErrorReason(error)}`,
      "--out",
    );
  }
  const stream = handle.createWriteStream();
  let closed = false;
  return {
    async write(chunk) {
      // once() rejects if the stream errors while we wait, so a full disk surfaces here.
      if (!stream.write(chunk)) await once(stream, "drain");
    },
    async close() {
      if (closed) return;
      closed = true;
      stream.end();
      await finished(stream);
    },
  };
}
