/**
 * The sentence pieces completions are built from. Every piece's reasoning indicators and verification
 * phrases are counted once, here, so the reward functions agree with the text without scanning it.
 */

/** Words and phrases the `reasoning_steps` reward counts (case-insensitive, whole words). */
export const REASONING_INDICATORS = [
  "step",
  "first",
  "next",
  "then",
  "finally",
  "therefore",
  "thus",
  "hence",
  "so",
  "because",
  "since",
  "let me",
  "wait",
] as const;

const INDICATOR_RE = new RegExp(`\\b(?:${REASONING_INDICATORS.join("|").replace(/ /g, "\\s+")})\\b`, "gi");
const VERIFICATION_RE = /\b(?:double-check|check(?:ing)?|verif(?:y|ying|ied))\b/gi;

/**
 * Counts reasoning indicators in a text, the way the `reasoning_steps` reward does.
 * @example
 * countIndicators("Step 1: so, therefore"); // 3
 */
export function countIndicators(text: string): number {
  return text.match(INDICATOR_RE)?.length ?? 0;
}

/** Counts verification phrases ("check", "verify", "double-check"...) in a text. */
export function countVerifications(text: string): number {
  return text.match(VERIFICATION_RE)?.length ?? 0;
}

/** A sentence piece with its counts precomputed. */
export interface Piece {
  text: string;
  indicators: number;
  verifications: number;
}

function piece(text: string): Piece {
  return { text, indicators: countIndicators(text), verifications: countVerifications(text) };
}

/** First lines of a reasoning section. */
export const OPENERS: readonly Piece[] = [
  "Let me work through this step by step.\n",
  "I need to find the answer carefully.\n",
  "Let me start by identifying the quantities in the problem.\n",
  "Okay, let me read the problem again.\n",
  "This looks like a multi-step arithmetic problem.\n",
  "Let me break this problem into smaller parts.\n",
  "",
  "",
].map(piece);

/** Ordinal openers of style "words"; the last step always takes FINALLY. */
export const ORDINALS: readonly Piece[] = ["First, ", "Next, ", "Then, ", "After that, "].map(piece);
/** The ordinal opener of the last step. */
export const FINALLY: Piece = piece("Finally, ");
/** "Step " of style "numbered" counts as one indicator. */
export const STEP_WORD: Piece = piece("Step ");

/** Conclusions: `before + value + after`. */
export const CONCLUSIONS: ReadonlyArray<readonly [Piece, Piece]> = [
  ["Therefore, the answer is ", "."],
  ["So the final answer is ", "."],
  ["Thus, the result is ", "."],
  ["Hence the answer is ", "."],
  ["The answer is ", "."],
  ["Putting it together, we get ", "."],
].map(([a, b]) => [piece(a as string), piece(b as string)] as const);

/** How a filler combines its two numbers into the third. */
export type FillerOp = "none" | "sum" | "difference" | "product";

/** A filler sentence: `parts` joined by the numbers (a, b, result) of `op`. */
export interface Filler {
  parts: readonly string[];
  op: FillerOp;
  indicators: number;
  verifications: number;
}

function filler(op: FillerOp, ...parts: string[]): Filler {
  const all = parts.join(" ");
  return { parts, op, indicators: countIndicators(all), verifications: countVerifications(all) };
}

/** Sentences between reasoning steps: checks, asides, hesitations. Each ends with a newline. */
export const FILLERS: readonly Filler[] = [
  filler("sum", "Let me double-check: ", " + ", " = ", ".\n"),
  filler("product", "Checking: ", " × ", " = ", ", which looks right.\n"),
  filler("difference", "Hmm, ", " - ", " = ", ", so that part is consistent.\n"),
  filler("product", "Another way to see it: ", " groups of ", " make ", ".\n"),
  filler("sum", "Since ", " + ", " = ", ", the intermediate value is fine.\n"),
  filler("product", "Let me recompute to be safe: ", " × ", " = ", ".\n"),
  filler("sum", "Breaking it down further: ", " plus ", " is ", ".\n"),
  filler("difference", "The gap between ", " and ", " is ", ", good to keep in mind.\n"),
  filler("product", "To verify, ", " times ", " gives ", ".\n"),
  filler("none", "Wait, let me re-read the problem to make sure I have the numbers right.\n"),
  filler("none", "I need to be careful with the units here.\n"),
  filler("none", "Let me verify this by working backwards.\n"),
  filler("none", "I will organise the quantities before computing anything.\n"),
  filler("none", "The key quantity here is the total, not the difference.\n"),
  filler("none", "I should not forget the second part of the question.\n"),
  filler("none", "That seems reasonable given the numbers in the problem.\n"),
  filler("none", "Okay, now I can combine the results.\n"),
  filler("none", "To avoid mistakes, I will compute each quantity separately.\n"),
  filler("none", "Let me check whether the question asks for a total or a remainder.\n"),
  filler("none", "The numbers are small enough to do this in my head.\n"),
];

/** Junk reasoning of format-gaming completions: trivial content inside well-formed tags. */
export const JUNK_REASONING: readonly string[] = ["...", "ok", "hmm", "done", "", "answer below", "yes"];
/** Junk answers of format-gaming completions. */
export const JUNK_ANSWERS: readonly string[] = ["0", "1", "?", "", "x", "42", "answer"];

/** The near-identical completions a diversity-collapsed policy emits for every prompt. */
export const COLLAPSED_COMPLETIONS: readonly string[] = [
  "<think>\nStep 1: Add the two numbers.\nStep 2: Multiply by the rate.\nTherefore, the answer is 12.\n</think>\n<answer>\n12\n</answer>",
  "<think>\nStep 1: Add the two numbers.\nStep 2: Multiply by the price.\nTherefore, the answer is 12.\n</think>\n<answer>\n12\n</answer>",
  "<think>\nStep 1: Add the two numbers.\nStep 2: Multiply by the rate.\nSo the answer is 12.\n</think>\n<answer>\n12\n</answer>",
];
