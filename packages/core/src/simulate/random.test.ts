import { describe, expect, it } from "vitest";
import { mixSeed, Random } from "./random.js";

describe("Random", () => {
  it("repeats its stream for a seed and differs between seeds", () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(xs);
  });

  it("draws uniforms in [0, 1) with mean 1/2 and variance 1/12", () => {
    const rng = new Random(7);
    const n = 50_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      sq += x * x;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sq / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });

  it("draws standard normals", () => {
    const rng = new Random(9);
    const n = 50_000;
    let sum = 0;
    let sq = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sq += z * z;
      if (Math.abs(z) > 2) beyond2++;
    }
    expect(sum / n).toBeCloseTo(0, 1);
    expect(sq / n).toBeCloseTo(1, 1);
    // P(|Z| > 2) = 0.0455
    expect(beyond2 / n).toBeGreaterThan(0.04);
    expect(beyond2 / n).toBeLessThan(0.051);
  });

  it("draws integers over the whole inclusive range, evenly", () => {
    const rng = new Random(3);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 10_000; i++) {
      const k = rng.int(2, 6);
      counts[k - 2] = (counts[k - 2] ?? 0) + 1;
    }
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });

  it("makes log-normal factors with mean 1", () => {
    const rng = new Random(5);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += rng.factor(0.3);
    expect(sum / 20_000).toBeCloseTo(1, 1);
  });
});

describe("mixSeed", () => {
  it("is deterministic and separates nearby inputs", () => {
    expect(mixSeed(1, 2, 3)).toBe(mixSeed(1, 2, 3));
    const seen = new Set<number>();
    for (let step = 0; step < 1000; step++) seen.add(mixSeed(1, step, 0));
    expect(seen.size).toBe(1000);
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
  });
});
