import type { Alert, AlertType, Severity } from "@rewardscope/core";
import type { Scheduler } from "./scheduler.js";

/** The alerts held back in one minute, sent as one message when the minute ends. */
export interface SuppressedSummary {
  count: number;
  byType: Partial<Record<AlertType, number>>;
  bySeverity: Partial<Record<Severity, number>>;
  /** Runs concerned, the first MAX_RUNS_NAMED of them; `moreRuns` when there were others. */
  runs: string[];
  moreRuns: boolean;
  /** The minute, as epoch milliseconds. */
  from: number;
  to: number;
}

const MINUTE = 60_000;
const MAX_RUNS_NAMED = 10;

/**
 * A per-minute budget of messages. The minute starts at its first alert; within it, the first `max` alerts
 * pass and the rest are counted. When a minute that held alerts back ends, `onSummary` receives the count,
 * once. Memory is constant: a summary keeps counts, not alerts.
 * @example
 * const limiter = new MinuteLimiter(10, scheduler, (summary) => queue.push({ kind: "summary", summary }));
 * if (limiter.admit(run, alert)) queue.push({ kind: "alert", run, alert });
 */
export class MinuteLimiter {
  private start = Number.NEGATIVE_INFINITY;
  private sent = 0;
  private held: SuppressedSummary | null = null;
  private cancel: (() => void) | null = null;

  constructor(
    private readonly max: number,
    private readonly scheduler: Scheduler,
    private readonly onSummary: (summary: SuppressedSummary) => void,
  ) {}

  /** True when the alert may be sent now; false when it was counted into this minute's summary. */
  admit(run: string, alert: Alert): boolean {
    const now = this.scheduler.now();
    if (now >= this.start + MINUTE) {
      this.flush();
      this.start = now;
      this.sent = 0;
    }
    if (this.sent < this.max) {
      this.sent++;
      return true;
    }
    if (!this.held) {
      this.held = {
        count: 0,
        byType: {},
        bySeverity: {},
        runs: [],
        moreRuns: false,
        from: this.start,
        to: this.start + MINUTE,
      };
      this.cancel = this.scheduler.after(this.start + MINUTE - now, () => this.flush());
    }
    const held = this.held;
    held.count++;
    held.byType[alert.type] = (held.byType[alert.type] ?? 0) + 1;
    held.bySeverity[alert.severity] = (held.bySeverity[alert.severity] ?? 0) + 1;
    if (!held.runs.includes(run)) {
      if (held.runs.length < MAX_RUNS_NAMED) held.runs.push(run);
      else held.moreRuns = true;
    }
    return false;
  }

  /** Hands over the pending summary now, if any (the minute ended, or the sink closes). */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    const held = this.held;
    this.held = null;
    if (held) this.onSummary(held);
  }
}
