import * as chars from "./char-class.js";
import type { Vocabulary } from "./vocabulary.js";
import * as vocabulary from "./vocabulary.js";

// Imported bindings are live and re-read at each use; module constants are folded into the hot loop
// (measured: the scan runs 25% faster).
const { charClasses, WORD, SINGLE, SPACE, BAD, HIGH, LOW } = chars;
const { FNV_OFFSET, FNV_PRIME } = vocabulary;

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

  /** Appends one id. */
  push(id: number): void {
    if (this.length === this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
    }
    this.ids[this.length++] = id;
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
  const cls = charClasses();
  const lower = text.toLowerCase();
  const n = lower.length;
  const first = out.length;
  let uniqueTokens = 0;
  let uniqueChars = 0;
  let words = 0;
  let spaces = 0;
  let bad = 0;
  // Index of the last whitespace: a whitespace-delimited word starts right after it.
  let lastSpace = -1;
  let i = 0;
  while (i < n) {
    let c = lower.charCodeAt(i);
    let k = cls[c]!;
    if (k === WORD) {
      // A word: consume it in a tight loop, hashing as we go.
      const start = i;
      let hash = FNV_OFFSET;
      let hash2 = 0;
      if (lastSpace === i - 1) words++;
      do {
        hash = Math.imul(hash ^ c, FNV_PRIME);
        hash2 = (Math.imul(hash2, 31) + c) | 0;
        if (++i >= n) break;
        c = lower.charCodeAt(i);
        k = cls[c]!;
      } while (k === WORD);
      const added = emit(lower, start, i, hash, hash2, vocab, out, doc, add);
      uniqueChars += added;
      if (added > 0) uniqueTokens++;
      if (i >= n) break;
    }
    if (k === SPACE) {
      spaces++;
      lastSpace = i++;
      continue;
    }
    if (lastSpace === i - 1) words++;
    if (k === SINGLE || (k === HIGH && i + 1 < n && cls[lower.charCodeAt(i + 1)] === LOW)) {
      const end = k === SINGLE ? i + 1 : i + 2;
      let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
      let h2 = c;
      if (end > i + 1) {
        h = Math.imul(h ^ lower.charCodeAt(i + 1), FNV_PRIME);
        h2 = (Math.imul(h2, 31) + lower.charCodeAt(i + 1)) | 0;
      }
      const added = emit(lower, i, end, h, h2, vocab, out, doc, add);
      uniqueChars += added;
      if (added > 0) uniqueTokens++;
    } else if (k === BAD || k === HIGH || (k === LOW && (i === 0 || cls[lower.charCodeAt(i - 1)] !== HIGH)))
      bad++;
    i++;
  }
  const nonSpace = n - spaces;
  return {
    chars: n,
    tokens: out.length - first,
    uniqueTokens,
    uniqueChars,
    words,
    nonSpace,
    bad,
    // Two different tokens already mean two different characters: only look when there are not.
    singleChar: nonSpace > 0 && uniqueTokens <= 1 && sameNonSpaceChar(lower, cls),
  };
}

/** Appends the id of a token; returns its length when it is new to document `doc`, else 0. */
function emit(
  lower: string,
  start: number,
  end: number,
  hash: number,
  hash2: number,
  vocab: Vocabulary,
  out: TokenBuffer,
  doc: number,
  add: boolean,
): number {
  const id = vocab.id(lower, start, end, hash, hash2, add);
  out.push(id);
  return id >= 0 && doc >= 0 && vocab.firstInDoc(id, doc) ? end - start : 0;
}

function sameNonSpaceChar(text: string, cls: Uint8Array): boolean {
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (cls[c] === SPACE) continue;
    if (first < 0) first = c;
    else if (c !== first) return false;
  }
  return true;
}
