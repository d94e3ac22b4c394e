import { RewardscopeError } from "../errors.js";
import { ngramLevels } from "./ngrams.js";
import { TokenBuffer, tokenize } from "./tokenize.js";
import { Vocabulary } from "./vocabulary.js";

/**
 * For each text, the index of the first text identical to it (itself when it is the first), so
 * `firstOf[i] === i` counts the exact unique texts. Texts are compared only when their `keys` match
 * (equal texts must share a key; default: their lengths): a Map of whole strings would hash every
 * character of every fresh completion, and different texts of one length differ within a few characters.
 * @example
 * exactDuplicates(["a", "b", "a"]); // Int32Array [0, 1, 0]
 */
export function exactDuplicates(texts: readonly string[], keys?: ArrayLike<number>): Int32Array {
  const firstOf = new Int32Array(texts.length);
  // Per key, the last distinct text seen with it; `previous` chains the earlier ones.
  const lastWithKey = new Map<number, number>();
  const previous = new Int32Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    const key = keys ? keys[i]! : text.length;
    let j = lastWithKey.get(key) ?? -1;
    while (j >= 0 && texts[j] !== text) j = previous[j]!;
    if (j >= 0) {
      firstOf[i] = j;
      continue;
    }
    firstOf[i] = i;
    previous[i] = lastWithKey.get(key) ?? -1;
    lastWithKey.set(key, i);
  }
  return firstOf;
}

/**
 * distinct-n: distinct word n-grams over all n-grams of a batch (n-grams do not cross texts);
 * null when the batch has no n-gram. 1 when no n-gram repeats, towards 0 as outputs collapse.
 * The analysis computes it from its shared n-gram ids; this stand-alone form tokenizes `texts` itself.
 * @example
 * distinctN(["the cat sat", "the cat ran"], 1); // 4 / 6
 * distinctN(["the cat sat", "the cat ran"], 2); // 3 / 4
 */
export function distinctN(texts: readonly string[], n: number): number | null {
  if (!Number.isInteger(n) || n < 1)
    throw new RewardscopeError("invalid_argument", `must be an integer >= 1, got ${n}`, "n");
  const vocab = new Vocabulary();
  const tokens = new TokenBuffer();
  const starts = [0];
  texts.forEach((text, doc) => {
    tokenize(text, vocab, tokens, doc);
    starts.push(tokens.length);
  });
  const level = ngramLevels(tokens.ids, starts, vocab.size, n)[n - 1]!;
  return level.total > 0 ? level.distinct / level.total : null;
}
