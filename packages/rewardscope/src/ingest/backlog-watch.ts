import type { AnalysisBacklog } from "./ingest-service.js";

/**
 * Says when the analysis falls behind: once when the oldest acknowledged batch has waited `thresholdMs` for
 * analysis (a stuck or overloaded analysis, which would otherwise stay silent while batches are still
 * acknowledged), and once when it has caught up again (the oldest waits under a tenth of that: a busy server always
 * has a few batches in flight). Call `check` periodically.
 * @example
 * const watch = new BacklogWatch(() => sessions.backlog(), 60_000, (line) => process.stderr.write(`${line}\n`));
 * setInterval(() => watch.check(), 5_000);
 */
export class BacklogWatch {
  private behind = false;

  constructor(
    private readonly backlog: () => AnalysisBacklog,
    private readonly thresholdMs: number,
    private readonly say: (line: string) => void,
  ) {}

  check(): void {
    const { waitingBatches, oldestWaitMs } = this.backlog();
    if (!this.behind && oldestWaitMs >= this.thresholdMs) {
      this.behind = true;
      this.say(
        `rewardscope: the analysis is behind: ${waitingBatches} acknowledged batches wait, the oldest for ` +
          `${Math.round(oldestWaitMs / 1000)} s (stuck, or more than it can keep up with; see /api/v1/health)`,
      );
    } else if (this.behind && oldestWaitMs < this.thresholdMs / 10) {
      this.behind = false;
      this.say("rewardscope: the analysis has caught up");
    }
  }
}
