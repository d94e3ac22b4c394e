/** A seeded PRNG (mulberry32): a seed gives the same sequence on every run, so a failure replays. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Draws from a seeded source: integers, picks, strings. */
export class Draw {
  constructor(readonly random: () => number) {}

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.random() * items.length)] as T;
  }

  word(length = this.int(1, 12)): string {
    let s = "";
    for (let i = 0; i < length; i++) s += String.fromCharCode(97 + this.int(0, 25));
    return s;
  }
}
