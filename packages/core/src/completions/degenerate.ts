import type { TextScan } from "./tokenize.js";

/** Why a completion is degenerate output rather than an answer of any quality. */
export type DegenerateReason =
  | "empty"
  | "single_char"
  | "single_token"
  | "extreme_repetition"
  | "non_printable";

/** Repeated-n-gram fraction from which repetition is extreme (a loop with a little preamble). */
export const EXTREME_REPETITION = 0.8;
/** "!!!!" and "no no no no" are degenerate; "!!!" and "no no" may be meant. */
const MIN_RUN = 4;
/** Share of non-printable code units from which a text is garbage (decoding failures, control noise). */
const NON_PRINTABLE_SHARE = 0.1;

/**
 * Why a completion is degenerate, or null. In order:
 * - `empty`: nothing but whitespace;
 * - `non_printable`: 10% or more of its code units are controls (other than tab and newlines),
 *   U+FFFD replacement characters, private-use characters, non-characters or lone surrogates;
 * - `single_char`: 4 or more non-whitespace characters, all the same ("!!!!", "aaaaaaa");
 * - `single_token`: 4 or more tokens, all the same word ("no no no no", "😀😀😀😀");
 * - `extreme_repetition`: `repetition` (the completion's repeated n-gram fraction) ≥ 0.8.
 * @example
 * degenerateReason(tokenize("   ", vocab, out, 0), 0); // "empty"
 */
export function degenerateReason(scan: TextScan, repetition: number): DegenerateReason | null {
  if (scan.nonSpace === 0) return "empty";
  if (scan.bad >= NON_PRINTABLE_SHARE * scan.chars) return "non_printable";
  if (scan.singleChar && scan.nonSpace >= MIN_RUN) return "single_char";
  if (scan.tokens >= MIN_RUN && scan.uniqueTokens === 1) return "single_token";
  if (repetition >= EXTREME_REPETITION) return "extreme_repetition";
  return null;
}
