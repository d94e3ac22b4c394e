import { readFile } from "node:fs/promises";
import { RewardscopeError } from "@rewardscope/core";
import { fileErrorReason } from "../../io/read-events.js";
import { readTfEventRecords } from "./read.js";
import type { TfEvent } from "./tf-event.js";

/**
 * Reads a whole TensorBoard event file (`events.out.tfevents.*`). Errors are those of readTfEventRecords (not
 * prefixed with the path), plus one when the file ends inside a record: a trainer still writing it, or a crash.
 * @throws RewardscopeError("invalid_argument") when the file cannot be read.
 * @example
 * const { events, errors } = await readTfEventFile("runs/qwen/events.out.tfevents.1712.host");
 */
export async function readTfEventFile(path: string): Promise<{ events: TfEvent[]; errors: string[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new RewardscopeError("invalid_argument", `cannot read ${path}: ${fileErrorReason(error)}`);
  }
  const { events, nextOffset, errors } = readTfEventRecords(bytes);
  if (nextOffset < bytes.length && !errors.some((e) => e.startsWith(`byte ${nextOffset}:`)))
    errors.push(
      `byte ${nextOffset}: the file ends inside a record (${bytes.length - nextOffset} bytes); it was not read`,
    );
  return { events, errors };
}
