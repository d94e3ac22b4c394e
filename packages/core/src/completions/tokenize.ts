import { type BY_TEXT, foldedClasses, hasCasedAstral, plainClasses } from "./case-fold.js";
import { type BAD, type HIGH, type LOW, type SINGLE, SPACE, type WORD } from "./char-class.js";
import type { FNV_OFFSET, FNV_PRIME, Vocabulary } from "./vocabulary.js";

/** What one scan of a completion finds besides its tokens. */
export interface TextScan {
  /** UTF-16 code units of the lower-cased text. */
  chars: number;
  /** Word tokens (see `tokenize`). */
  tokens: number;
  /** Distinct word tokens. */
  uniqueTokens: number;
  /** Summed length of the distinct word tokens (what spelling out the vocabulary costs). */
  uniqueChars: number;
  /** Whitespace-delimited words (the fallback length when no token lengths are given). */
  words: number;
  /** Code units that are not whitespace. */
  nonSpace: number;
  /** Non-printable code units: controls, U+FFFD, private use, non-characters, lone surrogates. */
  bad: number;
  /** Every non-whitespace code unit is the same one ("!!!!", "aaaa"); false when there is none. */
  singleChar: boolean;
}

/** A growable array of token ids: all tokens of a batch, one completion after another. */
export class TokenBuffer {
  ids: Int32Array;
  length = 0;

  /** `capacity`: ids it holds before growing. */
  constructor(capacity = 4096) {
    this.ids = new Int32Array(Math.max(16, capacity));
  }

  /** Makes room for `count` more ids. */
  reserve(count: number): void {
    if (this.length + count <= this.ids.length) return;
    const ids = new Int32Array(Math.max(this.length + count, this.ids.length * 2));
    ids.set(this.ids.subarray(0, this.length));
    this.ids = ids;
  }
}

/**
 * Splits `text` into lower-cased word tokens in one scan of its characters, appending their ids
 * (from `vocab`) to `out`, and counts what the other measures need from the same scan.
 * A token is a run of word characters (letters, digits, `_`, marks; apostrophes split, so "let's"
 * is "let" "s"), or one CJK ideograph, kana, arrow/math symbol or astral character (emoji).
 * Punctuation and whitespace separate tokens and are not tokens.
 * With `add` false, unknown words get id -1 and are not added (used to look phrases up).
 * `doc` numbers the document, increasing from call to call, for the per-document distinct counts
 * (-1: none, no counts).
 * @example
 * const vocab = new Vocabulary();
 * const out = new TokenBuffer();
 * tokenize("So x = 42, so", vocab, out, 0).tokens; // 4: "so" "x" "42" "so"
 */
export function tokenize(
  text: string,
  vocab: Vocabulary,
  out: TokenBuffer,
  doc: number,
  add = true,
): TextScan {
  return scan(text, true, vocab, out, doc, add) ?? scan(text.toLowerCase(), false, vocab, out, doc, add)!;
}

/**
 * One scan of `text`, lower-cased on the fly when `folding` (see case-fold.ts), else lower-cased
 * already. Returns null, having taken back what it added, at a code unit that only lower-cases with
 * its text.
 */
function scan(
  text: string,
  folding: boolean,
  vocab: Vocabulary,
  out: TokenBuffer,
  doc: number,
  add: boolean,
): TextScan | null {
  // Literals, tied to their named constants by type: V8's optimized code re-reads a module constant at
  // every use in a loop (a load, a hole check, a conversion) and keeps a local copy in a register it
  // runs short of here, but folds a literal into the instruction (measured: 25% faster).
  const wordClass: typeof WORD = 1;
  const spaceClass: typeof SPACE = 4;
  const singleClass: typeof SINGLE = 2;
  const highClass: typeof HIGH = 16;
  const lowClass: typeof LOW = 32;
  const badClass: typeof BAD = 8;
  const byTextClass: typeof BY_TEXT = 64;
  const offset: typeof FNV_OFFSET = -2128831035;
  const prime: typeof FNV_PRIME = 0x01000193;
  const table = folding ? foldedClasses() : plainClasses();
  const n = text.length;
  // Int32, not a tagged value checked at every use in the loop.
  const docId = doc | 0;
  const first = out.length | 0;
  // A token is at least one code unit: no room check per token.
  out.reserve(n);
  const ids = out.ids;
  let length = first;
  let uniqueTokens = 0;
  let uniqueChars = 0;
  let words = 0;
  let spaces = 0;
  let bad = 0;
  // Index of the last whitespace: a whitespace-delimited word starts right after it.
  let lastSpace = -1;
  let i = 0;
  while (i < n) {
    let e = table[text.charCodeAt(i)]!;
    let k = e & 0xff;
    if (k === wordClass) {
      // A word: consume it in a tight loop, hashing as we go.
      const start = i;
      let hash: number = offset;
      let hash2 = 0;
      if (lastSpace === i - 1) words++;
      do {
        const c = e >>> 8;
        hash = Math.imul(hash ^ c, prime);
        hash2 = (Math.imul(hash2, 31) + c) | 0;
        if (++i >= n) break;
        e = table[text.charCodeAt(i)]!;
        k = e & 0xff;
      } while (k === wordClass);
      if (k === byTextClass) return takeBack(vocab, out, first, length, doc);
      let id = vocab.find(hash, hash2);
      // A new word's folded form is its lower-cased slice: it holds no BY_TEXT code unit.
      if (id < 0 && add) id = vocab.add(text.slice(start, i).toLowerCase(), hash, hash2);
      ids[length++] = id;
      if (id >= 0 && docId >= 0) {
        const fresh = vocab.seenIn(id, docId);
        uniqueTokens += fresh;
        uniqueChars += Math.imul(fresh, i - start);
      }
      if (i >= n) break;
    }
    if (k === spaceClass) {
      spaces++;
      lastSpace = i++;
      continue;
    }
    if (lastSpace === i - 1) words++;
    const pair = k === highClass && i + 1 < n && (table[text.charCodeAt(i + 1)]! & 0xff) === lowClass;
    if (k === singleClass || pair) {
      const c = e >>> 8;
      if (pair && folding && hasCasedAstral(c)) return takeBack(vocab, out, first, length, doc);
      let h = Math.imul(offset ^ c, prime);
      let h2 = c;
      if (pair) {
        const c2 = text.charCodeAt(i + 1);
        h = Math.imul(h ^ c2, prime);
        h2 = (Math.imul(h2, 31) + c2) | 0;
      }
      let id = vocab.find(h, h2);
      if (id < 0 && add) id = vocab.add(text.slice(i, pair ? i + 2 : i + 1).toLowerCase(), h, h2);
      ids[length++] = id;
      if (id >= 0 && docId >= 0) {
        const fresh = vocab.seenIn(id, docId);
        uniqueTokens += fresh;
        uniqueChars += pair ? 2 * fresh : fresh;
      }
    } else if (
      k === badClass ||
      k === highClass ||
      (k === lowClass && (i === 0 || (table[text.charCodeAt(i - 1)]! & 0xff) !== highClass))
    )
      bad++;
    else if (k === byTextClass) return takeBack(vocab, out, first, length, doc);
    i++;
  }
  out.length = length;
  const nonSpace = n - spaces;
  return {
    chars: n,
    tokens: length - first,
    uniqueTokens,
    uniqueChars,
    words,
    nonSpace,
    bad,
    // Two different tokens already mean two different characters: only look when there are not.
    singleChar: nonSpace > 0 && uniqueTokens <= 1 && sameNonSpaceChar(text, table),
  };
}

/** Undoes a scan that gave up: its tokens leave `out` and count as unseen in `doc`. */
function takeBack(vocab: Vocabulary, out: TokenBuffer, first: number, length: number, doc: number): null {
  if (doc >= 0) for (let k = first; k < length; k++) if (out.ids[k]! >= 0) vocab.forgetDoc(out.ids[k]!);
  out.length = first;
  return null;
}

function sameNonSpaceChar(text: string, table: Int32Array): boolean {
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    const e = table[text.charCodeAt(i)]!;
    if ((e & 0xff) === SPACE) continue;
    const c = e >>> 8;
    if (first < 0) first = c;
    else if (c !== first) return false;
  }
  return true;
}
