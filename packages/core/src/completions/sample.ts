/**
 * At most `max` of `indices`, evenly spaced and always the same for the same input: the k-th pick
 * is `indices[floor(k * length / max)]`, so the first is always included and the picks stay in order.
 * @example
 * evenlySpaced([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4); // [0, 2, 5, 7]
 */
export function evenlySpaced(indices: readonly number[], max: number): number[] {
  if (indices.length <= max) return indices.slice();
  const picks: number[] = new Array(max);
  for (let k = 0; k < max; k++) picks[k] = indices[Math.floor((k * indices.length) / max)]!;
  return picks;
}
