import { PairTable } from "./pair-table.js";
import type { TextScan } from "./tokenize.js";

/**
 * Number of LZ78 phrases in `symbols[start, end)`: the text is cut into phrases, each the longest
 * phrase seen before plus one new symbol. A text that loops needs few, ever longer phrases; one that
 * does not needs about one per symbol. The dictionary lives in `table` as (node, symbol) -> child,
 * below `root`, a negative node id (clear the table between texts, or give each text its own root).
 * @example
 * lz78Phrases([1, 1, 1, 1, 1, 1], 0, 6, new PairTable(), -1); // 3: 1 | 1 1 | 1 1 1
 */
export function lz78Phrases(
  symbols: ArrayLike<number>,
  start: number,
  end: number,
  table: PairTable,
  root: number,
): number {
  let phrases = 0;
  let node = root;
  for (let k = start; k < end; k++) {
    const before = table.size;
    const child = table.intern(node, symbols[k]!);
    if (table.size > before) {
      phrases++;
      node = root;
    } else node = child;
  }
  return node === root ? phrases : phrases + 1;
}

/**
 * Compression ratio of a tokenized text: its size in characters over the size of an LZ78 coding of
 * its words, estimated as the distinct words spelled out once (a byte per character and one to end
 * each) plus, per phrase, a phrase index and a word index of ⌈log2⌉ bits each. Pure arithmetic,
 * no zlib. Ordinary prose scores 1–1.3, formulaic step-by-step arithmetic 2–2.5, a loop far more
 * ("the answer is 42. " × 55: 16).
 * @example
 * wordCompressionRatio(scan, lz78Phrases(ids, start, end, table, -1 - doc));
 */
export function wordCompressionRatio(
  scan: Pick<TextScan, "chars" | "uniqueTokens" | "uniqueChars">,
  phrases: number,
): number {
  const dictionary = scan.uniqueChars + scan.uniqueTokens;
  const codes = (phrases * (bits(phrases) + bits(scan.uniqueTokens))) / 8;
  return scan.chars / Math.max(1, dictionary + codes);
}

/**
 * The character-level ratio, for text without usable words: LZ78 over UTF-16 code units, each phrase
 * coded as a phrase index plus an 8-bit character.
 * @example
 * charCompressionRatio("ab".repeat(500)); // ≈ 9, random letters ≈ 1
 */
export function charCompressionRatio(text: string): number {
  if (text.length === 0) return 1;
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  const phrases = lz78Phrases(codes, 0, codes.length, new PairTable(Math.min(text.length, 4096)), -1);
  return text.length / Math.max(1, (phrases * (bits(phrases) + 8)) / 8);
}

/** Bits to write an index below `count + 1`. */
function bits(count: number): number {
  return 32 - Math.clz32(count);
}
