import { TokenBuffer, tokenize } from "./tokenize.js";
import type { Vocabulary } from "./vocabulary.js";

/** Indicator phrases as token-id sequences of one batch's vocabulary. */
export interface IndicatorSet {
  /** Per word id: 1 when some indicator starts with that word. */
  starts: Uint8Array;
  /** The indicators as id sequences, by their first id. */
  byFirst: Map<number, Int32Array[]>;
}

/**
 * Looks indicator phrases up in a batch's vocabulary (tokenized like completions, so "Let's" matches
 * "let’s" and "LET S"). A phrase holding a word that no completion uses cannot occur and is dropped.
 * Build it after the batch is tokenized.
 * @example
 * const indicators = compileIndicators(["therefore", "step 1"], vocab);
 */
export function compileIndicators(phrases: readonly string[], vocab: Vocabulary): IndicatorSet {
  const starts = new Uint8Array(vocab.size);
  const byFirst = new Map<number, Int32Array[]>();
  const out = new TokenBuffer();
  for (const phrase of phrases) {
    out.length = 0;
    tokenize(phrase, vocab, out, -1, false);
    const ids = out.ids.slice(0, out.length);
    if (ids.length === 0 || ids.includes(-1)) continue;
    const first = ids[0]!;
    starts[first] = 1;
    const list = byFirst.get(first) ?? [];
    list.push(ids);
    byFirst.set(first, list);
  }
  return { starts, byFirst };
}

/**
 * Whether any indicator occurs as whole words in `ids[start, end)`, one completion's tokens.
 * @example
 * hasIndicator(tokens.ids, starts[d], starts[d + 1], indicators); // true for "…so x = 4"
 */
export function hasIndicator(ids: Int32Array, start: number, end: number, set: IndicatorSet): boolean {
  const { starts } = set;
  const stop = end | 0;
  for (let k = start | 0; k < stop; k++) {
    if (!starts[ids[k]!]) continue;
    for (const phrase of set.byFirst.get(ids[k]!)!) {
      if (k + phrase.length > end) continue;
      let i = 1;
      while (i < phrase.length && ids[k + i] === phrase[i]) i++;
      if (i === phrase.length) return true;
    }
  }
  return false;
}
