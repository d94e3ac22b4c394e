import { Scratch } from "./scratch.js";
import { type TextScan, TokenBuffer, tokenize } from "./tokenize.js";
import { Vocabulary } from "./vocabulary.js";

/** A batch of completions tokenized once, for every measure to share. */
export interface TokenBatch {
  vocab: Vocabulary;
  /** All token ids, completion after completion. */
  ids: Int32Array;
  /** Completion d's tokens are ids[starts[d], starts[d + 1]). */
  starts: Int32Array;
  scans: TextScan[];
}

/**
 * Tokenizes every text once into one shared vocabulary (held, with the tokens, in `scratch`).
 * @example
 * const batch = tokenizeBatch(["so x = 4", "x = 4"]);
 * batch.vocab.size; // 3: "so" "x" "4"
 */
export function tokenizeBatch(texts: readonly string[], scratch = new Scratch()): TokenBatch {
  let chars = 0;
  for (const text of texts) chars += text.length;
  // Sized so that a batch of prose rarely grows it (~1 distinct word per 60-120 characters).
  const vocab = scratch.keep("vocabulary", () => new Vocabulary(Math.min(1 << 16, chars >> 6))).clear();
  // English prose averages ~5.5 characters per token here (word plus separator).
  const out = scratch.keep("tokens", () => new TokenBuffer(Math.ceil(chars / 4)));
  out.length = 0;
  const starts = new Int32Array(texts.length + 1);
  const scans: TextScan[] = new Array(texts.length);
  for (let d = 0; d < texts.length; d++) {
    scans[d] = tokenize(texts[d]!, vocab, out, d);
    starts[d + 1] = out.length;
  }
  return { vocab, ids: out.ids.subarray(0, out.length), starts, scans };
}
