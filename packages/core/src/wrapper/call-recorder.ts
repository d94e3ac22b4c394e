import type { CallStats } from "../events/types.js";

const TIMING_SAMPLES = 1024;

/** Call statistics of a wrapped reward function: since creation (`total`) and since the last `drain()`. */
export interface RewardFunctionStats {
  name: string;
  calls: number;
  errors: number;
  errorRate: number;
  /** Results that were null (not applicable), and calls whose error was turned into nulls. */
  nulls: number;
  totalMs: number;
  avgMs: number;
  /** Over the last 1,024 calls. */
  p95Ms: number;
  maxMs: number;
  lastError: string | null;
}

/** Records calls, errors, nulls and durations; cheap enough to sit on every reward-function call. */
export class CallRecorder {
  readonly name: string;
  private total: CallStats = emptyCallStats();
  private pending: CallStats = emptyCallStats();
  private readonly durations = new Float64Array(TIMING_SAMPLES);
  private durationCount = 0;
  private lastError: string | null = null;

  constructor(name: string) {
    this.name = name;
  }

  record(ms: number, nulls: number, error?: unknown): void {
    const failed = error !== undefined;
    addCall(this.total, ms, nulls, failed);
    addCall(this.pending, ms, nulls, failed);
    this.durations[this.durationCount % TIMING_SAMPLES] = ms;
    this.durationCount++;
    if (error !== undefined) this.lastError = error instanceof Error ? error.message : String(error);
  }

  /** The statistics since the last drain, then starts a new interval (one `calls` event per step). */
  drain(): CallStats {
    const out = this.pending;
    this.pending = emptyCallStats();
    return out;
  }

  stats(): RewardFunctionStats {
    const t = this.total;
    const n = Math.min(this.durationCount, TIMING_SAMPLES);
    const sorted = this.durations.slice(0, n).sort();
    return {
      name: this.name,
      calls: t.calls,
      errors: t.errors,
      errorRate: t.calls > 0 ? t.errors / t.calls : 0,
      nulls: t.nulls,
      totalMs: t.totalMs,
      avgMs: t.calls > 0 ? t.totalMs / t.calls : 0,
      p95Ms: n > 0 ? (sorted[Math.min(n - 1, Math.ceil(0.95 * n) - 1)] ?? 0) : 0,
      maxMs: t.maxMs,
      lastError: this.lastError,
    };
  }
}

function addCall(s: CallStats, ms: number, nulls: number, failed: boolean): void {
  s.calls++;
  s.totalMs += ms;
  if (ms > s.maxMs) s.maxMs = ms;
  s.nulls += nulls;
  if (failed) s.errors++;
}

export function emptyCallStats(): CallStats {
  return { calls: 0, errors: 0, totalMs: 0, maxMs: 0, nulls: 0 };
}
