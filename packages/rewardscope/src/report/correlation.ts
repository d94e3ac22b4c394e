/** Running moments of one pair of series over the steps where both have a value (Welford's update). */
interface PairSums {
  n: number;
  meanX: number;
  meanY: number;
  m2x: number;
  m2y: number;
  cxy: number;
}

/**
 * Pearson correlations of several series, accumulated one step at a time (a full-resolution history is streamed
 * once, never held). A pair is measured on the steps where both series have a value; a pair with fewer than 3
 * such steps or a constant side has no correlation (NaN).
 * @example
 * const matrix = new CorrelationMatrix(["accuracy.batch.mean", "kl"]);
 * matrix.add(new Float64Array([0.5, 0.01]));
 * matrix.result(); // number[][]
 */
export class CorrelationMatrix {
  private readonly pairs: PairSums[];

  constructor(readonly names: readonly string[]) {
    const count = (names.length * (names.length - 1)) / 2;
    this.pairs = Array.from({ length: count }, () => ({ n: 0, meanX: 0, meanY: 0, m2x: 0, m2y: 0, cxy: 0 }));
  }

  /** One step: values[i] is series i at this step, NaN when absent. */
  add(values: ArrayLike<number>): void {
    let k = 0;
    for (let i = 0; i < this.names.length; i++) {
      const x = values[i] as number;
      for (let j = i + 1; j < this.names.length; j++, k++) {
        const y = values[j] as number;
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        const p = this.pairs[k] as PairSums;
        // Welford: sums of squares would cancel on series with a large offset (memory in MB).
        p.n++;
        const dx = x - p.meanX;
        p.meanX += dx / p.n;
        const dy = y - p.meanY;
        p.meanY += dy / p.n;
        p.m2x += dx * (x - p.meanX);
        p.m2y += dy * (y - p.meanY);
        p.cxy += dx * (y - p.meanY);
      }
    }
  }

  /** The symmetric matrix, 1 on the diagonal, NaN where a pair could not be measured. */
  result(): number[][] {
    const size = this.names.length;
    const matrix = Array.from({ length: size }, (_, i) =>
      Array.from({ length: size }, (_, j) => (i === j ? 1 : Number.NaN)),
    );
    let k = 0;
    for (let i = 0; i < size; i++)
      for (let j = i + 1; j < size; j++, k++) {
        const r = pearson(this.pairs[k] as PairSums);
        (matrix[i] as number[])[j] = r;
        (matrix[j] as number[])[i] = r;
      }
    return matrix;
  }
}

function pearson({ n, meanX, meanY, m2x, m2y, cxy }: PairSums): number {
  if (n < 3) return Number.NaN;
  // Relative tolerance: a constant series leaves rounding noise, not variance.
  const noise = (mean: number): number => 1e-24 * n * Math.max(1, mean * mean);
  if (m2x <= noise(meanX) || m2y <= noise(meanY)) return Number.NaN;
  return Math.max(-1, Math.min(1, cxy / Math.sqrt(m2x * m2y)));
}
