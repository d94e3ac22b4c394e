import { RewardscopeError } from "../errors.js";

/**
 * 1-based ranks of finite values, ties sharing the average of their ranks.
 * One native sort, the average rank of each run of equal sorted values, then one binary search per
 * value for where its run starts.
 * @example
 * averageRanks([10, 20, 20, 5]); // Float64Array [2, 3.5, 3.5, 1]
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  // runRank[p]: the average rank of the run of equal values that holds sorted position p.
  const runRank = new Float64Array(n);
  for (let from = 0; from < n; ) {
    let to = from + 1;
    while (to < n && sorted[to] === sorted[from]) to++;
    const rank = (from + 1 + to) / 2;
    for (let p = from; p < to; p++) runRank[p] = rank;
    from = to;
  }
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    // The first sorted position not below v. A select, not a branch, halves the range: which half
    // holds v is a coin toss.
    let base = 0;
    for (let size = n; size > 1; ) {
      const half = size >>> 1;
      base = (sorted[base + half - 1] as number) < v ? base + half : base;
      size -= half;
    }
    ranks[i] = runRank[(sorted[base] as number) < v ? base + 1 : base] as number;
  }
  return ranks;
}

/**
 * Spearman rank correlation of paired values (Pearson correlation of their average ranks, so ties
 * are handled). Pairs where either value is NaN or infinite are skipped. Null when fewer than 3
 * pairs remain or when either side is constant.
 * @throws RewardscopeError("invalid_argument") when x and y differ in length.
 * @example
 * spearman([1, 2, 3, 4], [10, 20, 25, 100]); // 1
 * spearman([1, 2, 3], [3, 2, 1]); // -1
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  if (x.length !== y.length) {
    throw new RewardscopeError("invalid_argument", `length ${y.length} differs from x's ${x.length}`, "y");
  }
  const xs = new Float64Array(x.length);
  const ys = new Float64Array(x.length);
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (a - a === 0 && b - b === 0) {
      xs[n] = a;
      ys[n++] = b;
    }
  }
  if (n < 3) return null;
  return rankCorrelation(
    averageRanks(n === x.length ? xs : xs.subarray(0, n)),
    averageRanks(n === x.length ? ys : ys.subarray(0, n)),
  );
}

/**
 * spearman(x, y) for each y of `ys`, ranking x once for every y that, like x, holds only finite values (the
 * per-function correlations of one step's lengths).
 * @throws RewardscopeError("invalid_argument") when a y differs from x in length.
 * @example
 * spearmanEach([1, 2, 3, 4], [[10, 20, 25, 100], [4, 3, 2, 1]]); // [1, -1]
 */
export function spearmanEach(x: ArrayLike<number>, ys: readonly ArrayLike<number>[]): (number | null)[] {
  let rx: Float64Array | null = null;
  const xFinite = allFinite(x);
  return ys.map((y) => {
    if (!xFinite || y.length !== x.length || x.length < 3 || !allFinite(y)) return spearman(x, y);
    rx ??= averageRanks(x);
    return rankCorrelation(rx, averageRanks(y));
  });
}

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v - v !== 0) return false;
  }
  return true;
}

/** Pearson correlation of two average-rank vectors of equal length; null when either is constant. */
function rankCorrelation(rx: Float64Array, ry: Float64Array): number | null {
  const n = rx.length;
  // Average ranks always have mean (n + 1) / 2.
  const m = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (rx[i] as number) - m;
    const dy = (ry[i] as number) - m;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return r > 1 ? 1 : Math.max(r, -1);
}
