/**
 * Character classes of UTF-16 code units, as bit flags, looked up in one 64 KiB table so that the
 * tokenizer's single scan costs one array read per character.
 */

/** Part of a word: letters, digits, `_`, marks, most scripts. */
export const WORD = 1;
/** A token on its own: CJK ideographs and kana (written without spaces), arrows and math symbols. */
export const SINGLE = 2;
/** Whitespace (separates words and whitespace-delimited words). */
export const SPACE = 4;
/** Not printable: controls other than tab/newline, U+FFFD, private use, non-characters, lone surrogates. */
export const BAD = 8;
/** A high surrogate: with a following low surrogate, one SINGLE token (emoji, rare ideographs). */
export const HIGH = 16;
/** A low surrogate (BAD when not preceded by a high one). */
export const LOW = 32;
/** Class 0: punctuation and other separators. */
export const SEPARATOR = 0;

let table: Uint8Array | null = null;

/**
 * The class of every UTF-16 code unit (built on first use, ~0.5 ms, then shared).
 * @example
 * charClasses()["a".charCodeAt(0)] === WORD; // true
 */
export function charClasses(): Uint8Array {
  if (table === null) {
    table = new Uint8Array(65536);
    for (let c = 0; c < 65536; c++) table[c] = classify(c);
  }
  return table;
}

function classify(c: number): number {
  if (c < 128) return classifyAscii(c);
  if (c < 0xa0) return c === 0x85 ? SPACE : BAD;
  if (c < 0xc0) return c === 0xa0 ? SPACE : LATIN1_WORDS.includes(c) ? WORD : SEPARATOR;
  if (c === 0xd7 || c === 0xf7) return SEPARATOR;
  if (c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029) return SPACE;
  if (c === 0x202f || c === 0x205f || c === 0x3000) return SPACE;
  if (c >= 0x2000 && c <= 0x206f) return SEPARATOR;
  if (c >= 0x20a0 && c <= 0x20cf) return SEPARATOR;
  if (c >= 0x2190 && c <= 0x2bff) return SINGLE;
  if (c >= 0x2e00 && c <= 0x2e7f) return SEPARATOR;
  if (c >= 0x2e80 && c <= 0x2fff) return SINGLE;
  if (c >= 0x3001 && c <= 0x303f) return SEPARATOR;
  if (c >= 0x3040 && c <= 0x9fff) return SINGLE;
  if (c >= 0xd800 && c <= 0xdbff) return HIGH;
  if (c >= 0xdc00 && c <= 0xdfff) return LOW;
  if (c >= 0xe000 && c <= 0xf8ff) return BAD;
  if (c >= 0xf900 && c <= 0xfaff) return SINGLE;
  if (c >= 0xfdd0 && c <= 0xfdef) return BAD;
  if (c >= 0xfe00 && c <= 0xfe6f) return SEPARATOR;
  if (c === 0xfeff) return SEPARATOR;
  if (c >= 0xff01 && c <= 0xff0f) return SEPARATOR;
  if ((c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65))
    return SEPARATOR;
  if (c >= 0xfff0 && c <= 0xfffc) return SEPARATOR;
  if (c >= 0xfffd) return BAD;
  return WORD;
}

// ª ² ³ µ ¹ º: letters and digits among Latin-1's punctuation block.
const LATIN1_WORDS = [0xaa, 0xb2, 0xb3, 0xb5, 0xb9, 0xba];

function classifyAscii(c: number): number {
  if (c === 9 || c === 10 || c === 11 || c === 12 || c === 13 || c === 32) return SPACE;
  if (c < 32 || c === 127) return BAD;
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return WORD;
  return SEPARATOR;
}
