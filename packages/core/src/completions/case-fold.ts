import { charClasses } from "./char-class.js";

/**
 * Class of a code unit that lower-cases correctly only together with its text: Σ (σ or final ς by
 * its neighbours) and İ (two code units). A scan that meets one lower-cases the whole text instead.
 */
export const BY_TEXT = 64;

let folded: Int32Array | null = null;
let plain: Int32Array | null = null;
/** Per high surrogate: 0 not yet known, 1 its astral block has no case, 2 it has (Deseret, Adlam…). */
let astral: Uint8Array | null = null;

/**
 * Per UTF-16 code unit, its lower-case form and that form's class (char-class.ts), packed as
 * `lower << 8 | class`, or class BY_TEXT. Folding while scanning spares a lower-cased copy of
 * every completion (`toLowerCase` cost more than the scan's table lookups). Built on first use.
 * @example
 * const e = foldedClasses()["A".charCodeAt(0)]!;
 * [e >>> 8, e & 0xff]; // ["a".charCodeAt(0), WORD]
 */
export function foldedClasses(): Int32Array {
  if (folded === null) {
    const cls = charClasses();
    const table = new Int32Array(65536);
    const block = new Array<number>(256);
    for (let base = 0; base < 65536; base += 256) {
      for (let c = 0; c < 256; c++) block[c] = base + c;
      const lower = String.fromCharCode(...block).toLowerCase();
      for (let c = base; c < base + 256; c++) {
        // A block as long lower-cased maps unit to unit (no code unit shortens; only Σ minds its context).
        const l = lower.length === 256 ? lower.charCodeAt(c - base) : singleLower(c);
        table[c] = l < 0 || c === 0x03a3 ? BY_TEXT : (l << 8) | cls[l]!;
      }
    }
    folded = table;
  }
  return folded;
}

/**
 * The same packing for text that is lower-cased already: each code unit with its own class.
 * @example
 * plainClasses()["A".charCodeAt(0)]! >>> 8; // "A".charCodeAt(0)
 */
export function plainClasses(): Int32Array {
  if (plain === null) {
    const cls = charClasses();
    plain = new Int32Array(65536);
    for (let c = 0; c < 65536; c++) plain[c] = (c << 8) | cls[c]!;
  }
  return plain;
}

/**
 * Whether some character of the astral block of high surrogate `high` (1,024 code points) has a
 * lower-case form, so that a pair starting with it needs the whole text lower-cased. Emoji and
 * rare ideographs do not. Worked out per block on first sight (~25 µs), not for all 1,024 upfront.
 * @example
 * hasCasedAstral("😀".charCodeAt(0)); // false
 * hasCasedAstral("𐐀".charCodeAt(0)); // true (Deseret)
 */
export function hasCasedAstral(high: number): boolean {
  astral ??= new Uint8Array(1024);
  const slot = high - 0xd800;
  if (astral[slot] === 0) {
    const units = new Array<number>(512);
    let cased = false;
    for (let low = 0xdc00; low < 0xe000 && !cased; low += 256) {
      for (let k = 0; k < 256; k++) {
        units[2 * k] = high;
        units[2 * k + 1] = low + k;
      }
      const text = String.fromCharCode(...units);
      cased = text.toLowerCase() !== text;
    }
    astral[slot] = cased ? 2 : 1;
  }
  return astral[slot] === 2;
}

/** The lower-case code unit of `c` alone; -1 when it lower-cases to more than one. */
function singleLower(c: number): number {
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : -1;
}
