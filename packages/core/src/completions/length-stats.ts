import { spearman } from "../stats/rank-correlation.js";
import type { CompletionInput } from "./completion-input.js";

/** The length and truncation figures of a step. */
export interface LengthStats {
  meanLength: number | null;
  lengthRewardCorrelation: number | null;
  truncatedRate: number | null;
}

/**
 * Mean length, Spearman correlation of total reward with length, and truncated share.
 * Lengths are the given token `lengths` of all completions when there are any; otherwise `words`,
 * the whitespace word counts of the analysed completions `picked` (indices into the input).
 * The truncated share is over all completions whose `truncated` is known.
 * @example
 * lengthStats({ completions: ["a", "b c", "d e f"], totals: [0, 1, 2] }, [0, 1, 2], [1, 2, 3]);
 * // { meanLength: 2, lengthRewardCorrelation: 1, truncatedRate: null }
 */
export function lengthStats(
  input: CompletionInput,
  picked: readonly number[],
  words: readonly number[],
): LengthStats {
  const { lengths, totals, truncated } = input;
  const x: number[] = [];
  const y: number[] = [];
  let sum = 0;
  let count = 0;
  const add = (length: number, i: number): void => {
    sum += length;
    count++;
    if (totals) {
      x.push(totals[i]!);
      y.push(length);
    }
  };
  if (lengths && hasAny(lengths)) {
    for (let i = 0; i < lengths.length; i++) {
      const length = lengths[i];
      if (typeof length === "number") add(length, i);
    }
  } else for (let d = 0; d < picked.length; d++) add(words[d]!, picked[d]!);
  let truncatedCount = 0;
  let known = 0;
  if (truncated) {
    for (let i = 0; i < truncated.length; i++) {
      const t = truncated[i];
      if (typeof t !== "boolean") continue;
      known++;
      if (t) truncatedCount++;
    }
  }
  return {
    meanLength: count > 0 ? sum / count : null,
    lengthRewardCorrelation: totals ? spearman(x, y) : null,
    truncatedRate: known > 0 ? truncatedCount / known : null,
  };
}

function hasAny(values: ArrayLike<number | null>): boolean {
  for (let i = 0; i < values.length; i++) if (typeof values[i] === "number") return true;
  return false;
}
