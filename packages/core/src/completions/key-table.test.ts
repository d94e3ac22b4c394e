import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyTable } from "./key-table.js";

describe("KeyTable", () => {
  it("gives keys dense ids in order of first appearance", () => {
    const t = new KeyTable(1);
    expect([t.intern(7), t.intern(3), t.intern(7), t.intern(0), t.intern(3)]).toEqual([0, 1, 0, 2, 1]);
    expect(t.size).toBe(3);
  });

  it("forgets everything on clear", () => {
    const t = new KeyTable();
    t.intern(5);
    t.intern(9);
    expect(t.clear().size).toBe(0);
    expect([t.intern(9), t.intern(5)]).toEqual([0, 1]);
  });

  it("agrees with a Map reference through growth and clears", () => {
    const op = fc.oneof(
      fc.integer({ min: 0, max: 2 ** 31 - 2 }),
      fc.integer({ min: 0, max: 40 }),
      fc.constant(-1),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const t = new KeyTable(1);
        let reference = new Map<number, number>();
        for (const key of ops) {
          if (key < 0) {
            t.clear();
            reference = new Map();
            continue;
          }
          if (!reference.has(key)) reference.set(key, reference.size);
          expect(t.intern(key)).toBe(reference.get(key));
        }
        expect(t.size).toBe(reference.size);
      }),
    );
  });

  it("interns a range of packed pairs as intern does, through growth", () => {
    // (0,1) (1,0) (0,1) (1,2) (2,0) (0,1), packed as first * 3 + second
    const words = Int32Array.of(0, 1, 0, 1, 2, 0, 1);
    const out = new Int32Array(6);
    new KeyTable(1).internRange(words, words, 1, 3, 0, 6, out);
    expect(Array.from(out)).toEqual([0, 1, 0, 2, 3, 0]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 300 }), (list) => {
        const ids = Int32Array.from(list);
        const got = new Int32Array(ids.length - 1);
        new KeyTable(1).internRange(ids, ids, 1, 31, 0, ids.length - 1, got);
        const one = new KeyTable(1);
        expect(Array.from(got)).toEqual(Array.from(got, (_, k) => one.intern(ids[k]! * 31 + ids[k + 1]!)));
      }),
    );
  });

  it("grows when a range ends with the key that filled it half, so range after range of one key terminates", () => {
    // Ranges of one new key each: every range stops on the key that crosses half full, with nothing after it.
    const keys = Int32Array.from({ length: 200 }, (_, i) => i);
    const out = new Int32Array(200);
    const table = new KeyTable(1);
    for (let k = 0; k < keys.length - 1; k++) {
      table.internRange(keys, keys, 1, 1000, k, k + 1, out);
      // Checked before a full table could make the next range probe forever.
      expect(table.size * 2).toBeLessThan(table.capacity);
    }
    expect(table.size).toBe(199);
    expect(Array.from(out.subarray(0, 199))).toEqual(Array.from({ length: 199 }, (_, i) => i));
    // And interning them again finds each one.
    const again = new Int32Array(200);
    table.internRange(keys, keys, 1, 1000, 0, 199, again);
    expect(Array.from(again.subarray(0, 199))).toEqual(Array.from(out.subarray(0, 199)));
  });

  it("agrees with a Map reference over ranges of any length, one after another, never over half full", () => {
    const range = fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(range, { maxLength: 40 }), (ranges) => {
        const table = new KeyTable(1);
        const reference = new Map<number, number>();
        for (const keys of ranges) {
          // Packed as first * 61 + second over consecutive pairs: keys [a, b, c] give (a, b) and (b, c).
          const ids = Int32Array.from(keys);
          const out = new Int32Array(Math.max(0, ids.length - 1));
          table.internRange(ids, ids, 1, 61, 0, out.length, out);
          const want = Array.from(out, (_, k) => {
            const key = ids[k]! * 61 + ids[k + 1]!;
            if (!reference.has(key)) reference.set(key, reference.size);
            return reference.get(key);
          });
          expect(Array.from(out)).toEqual(want);
          expect(table.size * 2).toBeLessThan(table.capacity);
        }
      }),
    );
  });
});
