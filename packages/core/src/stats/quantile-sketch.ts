import { RewardscopeError } from "../errors.js";

/**
 * Buckets of one sign, sparse and sorted: `counts[k]` values fell in bucket `indices[k]`,
 * i.e. had a magnitude in (gamma^(index-1), gamma^index].
 */
export interface SketchStore {
  indices: number[];
  counts: number[];
}

/** A DDSketch-style quantile sketch as plain JSON data (min/max are null while it is empty). */
export interface SketchState {
  alpha: number;
  maxBuckets: number;
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  /** Values of magnitude below MIN_INDEXABLE, 0 included. */
  zeroCount: number;
  positive: SketchStore;
  /** Negative values, indexed by their magnitude. */
  negative: SketchStore;
}

/** Options of createSketch. */
export interface SketchOptions {
  /** Relative accuracy of the quantiles. Default 0.01. */
  alpha: number;
  /** Buckets kept per sign; beyond it the buckets closest to zero are merged. Default 2048. */
  maxBuckets: number;
}

/** Magnitudes below this count as zero: far smaller ones would make gamma^index lose precision. */
export const MIN_INDEXABLE = 1e-300;

const DEFAULTS: SketchOptions = { alpha: 0.01, maxBuckets: 2048 };

/**
 * An empty mergeable quantile sketch (DDSketch: logarithmic buckets, one store per sign and a zero
 * count). Every quantile it answers is within relative error `alpha` of the exact value at that rank
 * while no bucket has been collapsed (i.e. while the data spans fewer than `maxBuckets` buckets per
 * sign: with the defaults, magnitudes over a ratio of about 1e17). Count, sum, min and max are exact.
 * @example
 * const s = createSketch();
 * addAllToSketch(s, [1, 2, 3, 4, 100]);
 * sketchQuantile(s, 0.5); // ~3 (within 1%)
 */
export function createSketch(options: Partial<SketchOptions> = {}): SketchState {
  const { alpha, maxBuckets } = { ...DEFAULTS, ...options };
  if (!(alpha > 0 && alpha < 1)) {
    throw new RewardscopeError("invalid_argument", `must be in (0, 1), got ${alpha}`, "alpha");
  }
  if (!Number.isInteger(maxBuckets) || maxBuckets < 2) {
    throw new RewardscopeError(
      "invalid_argument",
      `must be an integer >= 2, got ${maxBuckets}`,
      "maxBuckets",
    );
  }
  return {
    alpha,
    maxBuckets,
    count: 0,
    sum: 0,
    min: null,
    max: null,
    zeroCount: 0,
    positive: { indices: [], counts: [] },
    negative: { indices: [], counts: [] },
  };
}

function logGamma(alpha: number): number {
  return Math.log((1 + alpha) / (1 - alpha));
}

/** Adds `count` to bucket `index`, keeping the store sorted. */
function addToStore(store: SketchStore, index: number, count: number, maxBuckets: number): void {
  const { indices, counts } = store;
  let lo = 0;
  let hi = indices.length;
  // Values of a run cluster, so the last bucket is checked before searching.
  if (hi > 0 && indices[hi - 1] === index) {
    counts[hi - 1] = (counts[hi - 1] as number) + count;
    return;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((indices[mid] as number) < index) lo = mid + 1;
    else hi = mid;
  }
  if (indices[lo] === index) {
    counts[lo] = (counts[lo] as number) + count;
    return;
  }
  indices.splice(lo, 0, index);
  counts.splice(lo, 0, count);
  if (indices.length > maxBuckets) collapseLowest(store, maxBuckets);
}

/** Merges the buckets closest to zero into one so the store keeps `maxBuckets` buckets. */
function collapseLowest(store: SketchStore, maxBuckets: number): void {
  const drop = store.indices.length - maxBuckets;
  if (drop <= 0) return;
  let merged = 0;
  for (let k = 0; k <= drop; k++) merged += store.counts[k] as number;
  store.indices.splice(0, drop);
  store.counts.splice(0, drop);
  store.counts[0] = merged;
}

/** `at` is the value's index in a batch, -1 for a lone value (it only names the field of an error). */
function addValue(state: SketchState, v: number, invLogGamma: number, at: number): void {
  if (v - v !== 0) {
    throw new RewardscopeError(
      "invalid_argument",
      `must be finite, got ${v}`,
      at < 0 ? "value" : `values[${at}]`,
    );
  }
  state.count++;
  state.sum += v;
  if (state.min === null || v < state.min) state.min = v;
  if (state.max === null || v > state.max) state.max = v;
  if (v > MIN_INDEXABLE) {
    addToStore(state.positive, Math.ceil(Math.log(v) * invLogGamma), 1, state.maxBuckets);
  } else if (v < -MIN_INDEXABLE) {
    addToStore(state.negative, Math.ceil(Math.log(-v) * invLogGamma), 1, state.maxBuckets);
  } else {
    state.zeroCount++;
  }
}

/** Adds one finite value to the sketch (mutates it). */
export function addToSketch(state: SketchState, value: number): void {
  addValue(state, value, 1 / logGamma(state.alpha), -1);
}

/** Adds finite values to the sketch (mutates it). */
export function addAllToSketch(state: SketchState, values: ArrayLike<number>): void {
  const inv = 1 / logGamma(state.alpha);
  for (let i = 0; i < values.length; i++) addValue(state, values[i] as number, inv, i);
}

function mergeStores(a: SketchStore, b: SketchStore, maxBuckets: number): SketchStore {
  const indices: number[] = [];
  const counts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.indices.length || j < b.indices.length) {
    const ia = i < a.indices.length ? (a.indices[i] as number) : Number.POSITIVE_INFINITY;
    const ib = j < b.indices.length ? (b.indices[j] as number) : Number.POSITIVE_INFINITY;
    if (ia === ib) {
      indices.push(ia);
      counts.push((a.counts[i++] as number) + (b.counts[j++] as number));
    } else if (ia < ib) {
      indices.push(ia);
      counts.push(a.counts[i++] as number);
    } else {
      indices.push(ib);
      counts.push(b.counts[j++] as number);
    }
  }
  const store = { indices, counts };
  collapseLowest(store, maxBuckets);
  return store;
}

/**
 * A new sketch holding the values of both (neither input changes). It answers like a sketch fed
 * with all the values of `a` then all those of `b`. Both must share the same alpha.
 */
export function mergeSketches(a: SketchState, b: SketchState): SketchState {
  if (a.alpha !== b.alpha) {
    throw new RewardscopeError("invalid_argument", `alpha differs: ${a.alpha} vs ${b.alpha}`, "alpha");
  }
  const maxBuckets = Math.min(a.maxBuckets, b.maxBuckets);
  const pick = (x: number | null, y: number | null, f: (p: number, q: number) => number) =>
    x === null ? y : y === null ? x : f(x, y);
  return {
    alpha: a.alpha,
    maxBuckets,
    count: a.count + b.count,
    sum: a.sum + b.sum,
    min: pick(a.min, b.min, Math.min),
    max: pick(a.max, b.max, Math.max),
    zeroCount: a.zeroCount + b.zeroCount,
    positive: mergeStores(a.positive, b.positive, maxBuckets),
    negative: mergeStores(a.negative, b.negative, maxBuckets),
  };
}

/**
 * The q-quantile of the values seen, using the lower-rank convention: the estimate of the value at
 * 0-based rank floor(q * (count - 1)) in sorted order, within relative error alpha of it. q = 0 and
 * q = 1 give the exact min and max; an empty sketch gives NaN.
 * @example
 * sketchQuantile(s, 0.99);
 */
export function sketchQuantile(state: SketchState, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RewardscopeError("invalid_argument", `must be in [0, 1], got ${q}`, "q");
  if (state.count === 0 || state.min === null || state.max === null) return Number.NaN;
  const rank = Math.floor(q * (state.count - 1));
  if (rank === 0) return state.min;
  if (rank === state.count - 1) return state.max;
  const lg = logGamma(state.alpha);
  // exp(i*lg + c) is 2*gamma^i/(gamma+1): the point of bucket i with relative error <= alpha.
  const c = Math.log(2 / (1 + Math.exp(lg)));
  let seen = 0;
  const neg = state.negative;
  for (let k = neg.indices.length - 1; k >= 0; k--) {
    seen += neg.counts[k] as number;
    if (seen > rank) return clamp(-Math.exp((neg.indices[k] as number) * lg + c), state.min, state.max);
  }
  seen += state.zeroCount;
  if (seen > rank) return 0;
  const pos = state.positive;
  for (let k = 0; k < pos.indices.length; k++) {
    seen += pos.counts[k] as number;
    if (seen > rank) return clamp(Math.exp((pos.indices[k] as number) * lg + c), state.min, state.max);
  }
  return state.max;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : Math.min(v, hi);
}
