import { PairTable } from "./pair-table.js";
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
 * (see ngramLevels). N-grams above 2 are chained in small per-completion tables
 * ((n-1)-gram id, next word) -> n-gram id, which stay in the CPU cache.
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
): number {
  const positions = end - start - n + 1;
  if (positions <= 0) return 0;
  let repeats = 0;
  if (n <= 2) {
    const seen = scratch.table(n);
    const ids = n === 1 ? tokenIds : bigramIds;
    for (let k = start; k < start + positions; k++) {
      const before = seen.size;
      seen.intern(ids[k]!, 0);
      if (seen.size === before) repeats++;
    }
    return repeats / positions;
  }
  // Only n > 3 needs the (n-1)-gram ids kept from one size to the next.
  const chain = n > 3 ? new Int32Array(end - start - 2) : null;
  for (let j = 3; j <= n; j++) {
    const table = scratch.table(j);
    const count = end - start - j + 1;
    for (let i = 0; i < count; i++) {
      const before = table.size;
      const id = table.intern(j === 3 ? bigramIds[start + i]! : chain![i]!, tokenIds[start + i + j - 1]!);
      if (chain) chain[i] = id;
      if (table.size === before) repeats++;
    }
    if (j < n) repeats = 0;
  }
  return repeats / positions;
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
