import type { HistoryRow } from "./history-scan.js";

/** A reward function's calls over the whole run. */
export interface CallTotals {
  calls: number;
  errors: number;
  totalMs: number;
  /** The slowest single call of the run. */
  maxMs: number;
}

/**
 * Sums each reward function's per-step call statistics (`calls.<fn>.calls`, `.errors`, `.totalMs`, `.maxMs`)
 * over a streamed history.
 * @example
 * const totals = new CallTotalsAccumulator(["accuracy"], names);
 * for await (const row of scanHistory(store, run, names)) totals.add(row);
 * totals.result().accuracy?.errors;
 */
export class CallTotalsAccumulator {
  private readonly totals = new Map<string, CallTotals>();
  private readonly columns: { fn: string; field: keyof CallTotals; column: number }[] = [];

  constructor(functions: readonly string[], names: readonly string[]) {
    for (const fn of functions)
      for (const field of ["calls", "errors", "totalMs", "maxMs"] as const) {
        const column = names.indexOf(`calls.${fn}.${field}`);
        if (column >= 0) this.columns.push({ fn, field, column });
      }
  }

  add(row: HistoryRow): void {
    for (const { fn, field, column } of this.columns) {
      const value = row.values[column] as number;
      if (!Number.isFinite(value)) continue;
      let totals = this.totals.get(fn);
      if (!totals) {
        totals = { calls: 0, errors: 0, totalMs: 0, maxMs: 0 };
        this.totals.set(fn, totals);
      }
      totals[field] = field === "maxMs" ? Math.max(totals.maxMs, value) : totals[field] + value;
    }
  }

  result(): Record<string, CallTotals> {
    return Object.fromEntries(this.totals);
  }
}
