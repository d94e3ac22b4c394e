import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PairTable } from "./pair-table.js";

describe("PairTable", () => {
  it("gives pairs dense ids in order of first appearance", () => {
    const t = new PairTable(1);
    expect([t.intern(3, 4), t.intern(4, 3), t.intern(3, 4), t.intern(-1, 0), t.intern(4, 3)]).toEqual([
      0, 1, 0, 2, 1,
    ]);
    expect(t.size).toBe(3);
  });

  it("forgets everything on clear", () => {
    const t = new PairTable();
    t.intern(1, 2);
    t.intern(2, 3);
    t.clear();
    expect(t.size).toBe(0);
    expect(t.intern(2, 3)).toBe(0);
    expect(t.intern(1, 2)).toBe(1);
  });

  it("agrees with a Map reference through growth and clears", () => {
    const pair = fc.tuple(
      fc.integer({ min: -5, max: 40 }),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    );
    const op = fc.oneof(
      pair,
      fc.tuple(fc.constant(0), fc.constant(0)).map(() => "clear" as const),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const t = new PairTable(1);
        let reference = new Map<string, number>();
        for (const o of ops) {
          if (o === "clear") {
            t.clear();
            reference = new Map();
            continue;
          }
          const key = `${o[0]},${o[1]}`;
          if (!reference.has(key)) reference.set(key, reference.size);
          expect(t.intern(o[0], o[1])).toBe(reference.get(key));
        }
        expect(t.size).toBe(reference.size);
      }),
    );
  });
});
