import { RewardscopeError } from "@rewardscope/core";
import {
  type FileMetaData,
  parquetMetadata,
  parquetReadObjects,
  parquetSchema,
  type SchemaTree,
} from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { numberCell, stepCell } from "./cell-values.js";
import { cellText } from "./message-text.js";

/** One completion of a TRL completions log, with the value of every reward function for it. */
export interface TrlCompletionRow {
  step: number;
  prompt: string | null;
  completion: string;
  /** One entry per reward-function column; null where the function did not apply (NaN in the file). */
  rewards: Record<string, number | null>;
  advantage: number | null;
}

/** Columns with a meaning of their own; every other numeric column is a reward function. */
const KNOWN_COLUMNS = new Set(["step", "prompt", "completion", "advantage"]);
const NUMERIC_TYPES = new Set(["INT32", "INT64", "FLOAT", "DOUBLE"]);

/**
 * Reads a completions log that TRL's GRPO trainer writes with `log_completions=True`
 * (`completions/completions_<step>.parquet`, or `completions/<mode>/…` in newer versions): columns step, prompt,
 * completion, one per reward function (named after it), advantage, and in some versions mode or extra
 * columns. Numeric columns other than step and advantage are taken as reward functions; text columns other
 * than prompt and completion are ignored. Conversational prompts and completions become their messages' text.
 * Any codec TRL's pandas/pyarrow writes is read (snappy, gzip, zstd, brotli, lz4).
 * @throws RewardscopeError("invalid_event") naming the column (and row: `step[3]`) for a file that is not parquet,
 *   lacks the step or completion column, or holds a value of the wrong kind.
 * @example
 * const rows = await readTrlCompletionsParquet(await readFile("out/completions/completions_00010.parquet"));
 */
export async function readTrlCompletionsParquet(
  bytes: ArrayBuffer | Uint8Array,
): Promise<TrlCompletionRow[]> {
  const file = bytes instanceof Uint8Array ? toArrayBuffer(bytes) : bytes;
  const metadata = readMetadata(file);
  const columns = parquetSchema(metadata).children;
  const names = columns.map((column) => column.element.name);
  for (const required of ["step", "completion"])
    if (!names.includes(required))
      throw new RewardscopeError(
        "invalid_event",
        `column is missing (the file has: ${names.join(", ") || "no columns"})`,
        required,
      );
  const rewardNames = columns.filter((column) => isRewardColumn(column)).map((column) => column.element.name);
  const cells = async (name: string) => (names.includes(name) ? readColumn(file, metadata, name) : null);
  const steps = (await cells("step"))!;
  const completions = (await cells("completion"))!;
  const prompts = await cells("prompt");
  const advantages = await cells("advantage");
  const rewards = await Promise.all(rewardNames.map((name) => readColumn(file, metadata, name)));
  return steps.map((step, row) => ({
    step: stepCell(step, `step[${row}]`),
    prompt: prompts === null || isMissing(prompts[row]) ? null : cellText(prompts[row], `prompt[${row}]`),
    completion: cellText(completions[row], `completion[${row}]`),
    rewards: Object.fromEntries(
      rewardNames.map((name, i) => [name, numberCell(rewards[i]![row], `${name}[${row}]`)]),
    ),
    advantage: advantages === null ? null : numberCell(advantages[row], `advantage[${row}]`),
  }));
}

function isRewardColumn(column: SchemaTree): boolean {
  const { name, type, converted_type: converted, logical_type: logical } = column.element;
  if (KNOWN_COLUMNS.has(name) || name.startsWith("__index_level_") || column.children.length > 0)
    return false;
  if (type === undefined || !NUMERIC_TYPES.has(type)) return false;
  // Dates, times and decimals are stored in integer types too; they are not rewards.
  const plainConverted =
    converted === undefined || converted.startsWith("INT_") || converted.startsWith("UINT_");
  return plainConverted && (logical === undefined || logical.type === "INTEGER");
}

function isMissing(value: unknown): boolean {
  return value === null || value === undefined;
}

function readMetadata(file: ArrayBuffer): FileMetaData {
  try {
    return parquetMetadata(file);
  } catch (error) {
    throw new RewardscopeError("invalid_event", `not a readable parquet file: ${messageOf(error)}`);
  }
}

/** One column's cells, read alone so a decoding problem names its column. */
async function readColumn(file: ArrayBuffer, metadata: FileMetaData, name: string): Promise<unknown[]> {
  try {
    const rows = await parquetReadObjects({ file, metadata, columns: [name], compressors });
    return rows.map((row) => row[name]);
  } catch (error) {
    throw new RewardscopeError("invalid_event", `cannot decode the column: ${messageOf(error)}`, name);
  }
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
  )
    return bytes.buffer;
  return bytes.slice().buffer;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
