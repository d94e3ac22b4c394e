/** Below this many elements a range is insertion-sorted rather than partitioned. */
const SMALL = 16;

/**
 * Reorders `a` in place so that each rank in `ranks` (0-based, ascending, distinct) holds the value
 * it would hold if `a` were sorted, and every element before it is <= it. Multi-rank quickselect
 * (Hoare partition, median of three), linear on average; a range that recurses too deep is sorted
 * natively instead, so the worst case stays O(n log n). Much faster than a full sort for a few ranks.
 * @example
 * const a = new Float64Array([5, 1, 4, 2, 3]);
 * selectRanks(a, [2]);
 * a[2]; // 3
 */
export function selectRanks(a: Float64Array, ranks: readonly number[]): void {
  if (a.length < 2 || ranks.length === 0) return;
  const limit = 2 * Math.ceil(Math.log2(a.length)) + 4;
  select(a, 0, a.length - 1, ranks, 0, ranks.length, limit);
}

/** Places ranks[from..to) within a[lo..hi] (inclusive bounds). */
function select(
  a: Float64Array,
  lo: number,
  hi: number,
  ranks: readonly number[],
  from: number,
  to: number,
  depth: number,
): void {
  while (from < to) {
    if (hi - lo < SMALL) {
      insertionSort(a, lo, hi);
      return;
    }
    if (depth-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const j = partition(a, lo, hi);
    // Ranks <= j lie in a[lo..j], the rest in a[j+1..hi].
    let split = from;
    while (split < to && (ranks[split] as number) <= j) split++;
    if (split - from > 0 && to - split > 0) {
      select(a, lo, j, ranks, from, split, depth);
      lo = j + 1;
      from = split;
    } else if (split > from) {
      hi = j;
    } else {
      lo = j + 1;
    }
  }
}

/** Hoare partition around the median of a[lo], a[mid], a[hi]: returns j with a[lo..j] <= a[j+1..hi], lo <= j < hi. */
function partition(a: Float64Array, lo: number, hi: number): number {
  const mid = (lo + hi) >>> 1;
  if ((a[mid] as number) < (a[lo] as number)) swap(a, mid, lo);
  if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo);
  if ((a[hi] as number) < (a[mid] as number)) swap(a, hi, mid);
  const pivot = a[mid] as number;
  let i = lo - 1;
  let j = hi + 1;
  for (;;) {
    i++;
    while ((a[i] as number) < pivot) i++;
    j--;
    while ((a[j] as number) > pivot) j--;
    if (i >= j) return j;
    swap(a, i, j);
  }
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i] as number;
    let j = i - 1;
    while (j >= lo && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}
