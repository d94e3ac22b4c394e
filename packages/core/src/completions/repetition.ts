import { PairTable } from "./pair-table.js";
import { StampMap } from "./stamp-map.js";
import type { TextScan } from "./tokenize.js";

/** Length of the character n-grams of the character-level measure (8 code units). */
export const CHAR_NGRAM = 8;
/**
 * The character-level measures read at most this many code units, from the end of the text (where a
 * generation that degenerates keeps looping): a million characters of base64 would otherwise cost
 * half a second.
 */
export const CHAR_LEVEL_MAX = 65536;
/** Mean characters per token above which a text is judged by characters, not words. */
const LONG_TOKEN = 20;

/**
 * Whether a text needs the character-level measures: words cannot see a loop in text without
 * spaces ("abcabcabc…", base64, a digit run), whose tokens are few and long.
 * @example
 * needsCharLevel({ tokens: 1, nonSpace: 400 } as TextScan); // true
 */
export function needsCharLevel(scan: Pick<TextScan, "tokens" | "nonSpace">): boolean {
  return scan.nonSpace >= 4 * CHAR_NGRAM && scan.nonSpace > LONG_TOKEN * Math.max(1, scan.tokens);
}

/** Reusable tables for `wordRepetition`: one per n-gram size, cleared for each completion. */
export class RepetitionScratch {
  /** Per word or bigram id: seen in this completion (n ≤ 2). */
  readonly seen = new StampMap(1);
  /** Per bigram id, for n = 3: the first two words that followed it in this completion (-1: none yet). */
  readonly nexts = new StampMap(3);
  private readonly tables: PairTable[] = [];
  /** The table for n-grams of size `n`, emptied. */
  table(n: number): PairTable {
    let table = this.tables[n];
    if (!table) {
      table = new PairTable(256);
      this.tables[n] = table;
    }
    table.clear();
    return table;
  }
}

/**
 * Fraction of the word n-grams of one completion (tokens `[start, end)`) that repeat an n-gram seen
 * earlier in the same completion: 0 for text that never repeats a phrase, towards 1 for a loop;
 * 0 when it has fewer than n tokens. `bigramIds[k]` is the batch id of the bigram at token k
 * (see ngramLevels). Word ids are below `words`, bigram ids below `bigrams` (by default the arrays'
 * lengths, which always hold for batch ids; the vocabulary size and the distinct bigrams keep the
 * scratch small). Words and bigrams being batch ids already, a per-completion stamp says whether
 * one was seen. A trigram can only repeat where its bigram does (~10% of positions in reasoning):
 * the stamp of a bigram keeps the first two words that followed it, a small per-completion table
 * ((bigram id, next word) -> id) any further ones. Longer n-grams are chained through one such
 * table per size.
 * @example
 * // "the answer is 42 the answer is 42": 6 trigrams, the last 2 repeat the first 2
 * wordRepetition(tokens, bigrams, 0, 8, 3, new RepetitionScratch()); // 2 / 6
 */
export function wordRepetition(
  tokenIds: Int32Array,
  bigramIds: Int32Array,
  start: number,
  end: number,
  n: number,
  scratch: RepetitionScratch,
  words = tokenIds.length,
  bigrams = bigramIds.length,
): number {
  const positions = end - start - n + 1;
  if (positions <= 0) return 0;
  if (n === 1) return repeatedIds(tokenIds, start, start + positions, scratch.seen, words) / positions;
  if (n === 2) return repeatedIds(bigramIds, start, start + positions, scratch.seen, bigrams) / positions;
  if (n === 3) return repeatedTrigrams(tokenIds, bigramIds, start, positions, scratch, bigrams) / positions;
  let repeats = 0;
  // Only n > 3 needs the (n-1)-gram ids kept from one size to the next.
  const chain = new Int32Array(end - start - 2);
  for (let j = 3; j <= n; j++) {
    const table = scratch.table(j);
    const count = end - start - j + 1;
    for (let i = 0; i < count; i++) {
      const before = table.size;
      const id = table.intern(j === 3 ? bigramIds[start + i]! : chain[i]!, tokenIds[start + i + j - 1]!);
      chain[i] = id;
      if (table.size === before) repeats++;
    }
    if (j < n) repeats = 0;
  }
  return repeats / positions;
}

/** Positions in [from, to) whose id (below `keys`) occurred earlier in the range. */
function repeatedIds(ids: Int32Array, from: number, to: number, seen: StampMap, keys: number): number {
  seen.reset(keys);
  // `| 0`: int32 locals, not tagged values checked at every use in the loop (see KeyTable).
  const entries = seen.entries;
  const stamp = seen.stamp | 0;
  const stop = to | 0;
  let repeats = 0;
  for (let k = from | 0; k < stop; k++) {
    const id = ids[k]!;
    if (entries[id] === stamp) repeats++;
    else entries[id] = stamp;
  }
  return repeats;
}

/** Repeated trigrams among the `positions` starting at `start`. */
function repeatedTrigrams(
  tokenIds: Int32Array,
  bigramIds: Int32Array,
  start: number,
  positions: number,
  scratch: RepetitionScratch,
  bigrams: number,
): number {
  const nexts = scratch.nexts;
  nexts.reset(bigrams);
  const entries = nexts.entries;
  const stamp = nexts.stamp | 0;
  const stop = (start + positions) | 0;
  // A third and later word after the same bigram goes to a table: 2% of positions in reasoning (with
  // one word kept per bigram, 6% went there, at 10% more time overall).
  const table = scratch.table(3);
  let repeats = 0;
  for (let k = start | 0; k < stop; k++) {
    const bigram = bigramIds[k]!;
    const at = (bigram << 1) + bigram;
    const next = tokenIds[k + 2]!;
    if (entries[at] !== stamp) {
      entries[at] = stamp;
      entries[at + 1] = next;
      entries[at + 2] = -1;
    } else if (entries[at + 1] === next || entries[at + 2] === next) repeats++;
    else if (entries[at + 2]! < 0) entries[at + 2] = next;
    else {
      const before = table.size;
      table.intern(bigram, next);
      if (table.size === before) repeats++;
    }
  }
  return repeats;
}

/**
 * The same measure over character n-grams of `n` code units: the fraction of positions whose next
 * `n` characters already occurred earlier in the text. 0 for texts shorter than 2n.
 * Windows are hashed (polynomial rolling hash) and a hash match is confirmed by comparing characters;
 * the rare window whose hash collides with a different earlier window counts as new.
 * @example
 * charRepetition("ab".repeat(50)); // ≈ 0.98: after "abababab" and "babababa", every window repeats
 */
export function charRepetition(text: string, n = CHAR_NGRAM): number {
  const windows = text.length - n + 1;
  if (text.length < 2 * n) return 0;
  const BASE = 0x01000193;
  let top = 1;
  for (let i = 0; i < n - 1; i++) top = Math.imul(top, BASE);
  let h = 0;
  for (let i = 0; i < n; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  // Looping text has few distinct windows: start small and let the table grow with the text.
  const table = new PairTable(Math.min(windows, 4096));
  const firstAt: number[] = [];
  let repeats = 0;
  for (let k = 0; ; k++) {
    const before = table.size;
    const id = table.intern(h, 0);
    if (table.size > before) firstAt.push(k);
    else if (sameWindow(text, firstAt[id]!, k, n)) repeats++;
    if (k + 1 >= windows) break;
    h = (Math.imul(h - Math.imul(text.charCodeAt(k), top), BASE) + text.charCodeAt(k + n)) | 0;
  }
  return repeats / windows;
}

function sameWindow(text: string, a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}
