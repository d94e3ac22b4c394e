import { RewardscopeError } from "@rewardscope/core";
import { readTrlCompletionsParquet } from "../formats/parquet/trl-completions.js";
import { completionRowsToEvents } from "./completion-rows.js";
import type { ImportOutput } from "./log-format.js";

/**
 * Events from a TRL completions log (`completions/completions_<step>.parquet`, written with
 * `log_completions=True`): one rewards event per step with completions, prompts, groups of equal prompts, one
 * array per reward-function column and the advantages.
 * @throws RewardscopeError naming the file (and the column and row of a bad value) when it is not such a file.
 * @example
 * const { events } = await trlParquetToEvents(await readFile(path), path);
 */
export async function trlParquetToEvents(bytes: Uint8Array, source: string): Promise<ImportOutput> {
  let rows: Awaited<ReturnType<typeof readTrlCompletionsParquet>>;
  try {
    rows = await readTrlCompletionsParquet(bytes);
  } catch (error) {
    // The reader names the column and row of a bad value; anything else means the bytes are not such a file.
    if (error instanceof RewardscopeError)
      throw new RewardscopeError(error.code, `${source}: ${error.message}`);
    const reason = error instanceof Error ? error.message : String(error);
    throw new RewardscopeError(
      "invalid_argument",
      `${source}: not a TRL completions parquet file: ${reason}`,
    );
  }
  return completionRowsToEvents(
    rows.map((row, i) => ({ row: { ...row }, where: `${source}: row ${i}` })),
    "trl-completions",
  );
}
