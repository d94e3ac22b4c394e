/**
 * Pearson correlation over the positions where both have a value; null with fewer than 3 such positions or
 * when either side is constant there.
 * @example
 * pearson([1, 2, 3], [2, 4, 7]); // 0.993
 */
export function pearson(xs: readonly (number | null)[], ys: readonly (number | null)[]): number | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x == null || y == null) continue;
    n++;
    sx += x;
    sy += y;
  }
  if (n < 3) return null;
  const mx = sx / n;
  const my = sy / n;
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x == null || y == null) continue;
    cov += (x - mx) * (y - my);
    vx += (x - mx) ** 2;
    vy += (y - my) ** 2;
  }
  if (vx === 0 || vy === 0) return null;
  return Math.max(-1, Math.min(1, cov / Math.sqrt(vx * vy)));
}

/** The symmetric matrix of pairwise correlations of columns (1 on the diagonal of a non-constant column). */
export function correlationMatrix(columns: readonly (readonly (number | null)[])[]): (number | null)[][] {
  const matrix: (number | null)[][] = columns.map(() => new Array(columns.length).fill(null));
  for (let i = 0; i < columns.length; i++) {
    for (let j = i; j < columns.length; j++) {
      const r = pearson(columns[i] as (number | null)[], columns[j] as (number | null)[]);
      (matrix[i] as (number | null)[])[j] = r;
      (matrix[j] as (number | null)[])[i] = r;
    }
  }
  return matrix;
}
