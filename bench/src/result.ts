/** One benchmark's figures and whether it met its target. */
export interface BenchResult {
  name: string;
  figures: Record<string, number>;
  target: string;
  pass: boolean;
}
