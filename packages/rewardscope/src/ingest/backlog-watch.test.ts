import { describe, expect, it } from "vitest";
import { BacklogWatch } from "./backlog-watch.js";
import type { AnalysisBacklog } from "./ingest-service.js";

describe("BacklogWatch", () => {
  it("says once that the analysis is behind, and once that it caught up", () => {
    let backlog: AnalysisBacklog = { waitingBatches: 0, oldestWaitMs: 0 };
    const said: string[] = [];
    const watch = new BacklogWatch(
      () => backlog,
      60_000,
      (line) => said.push(line),
    );
    watch.check();
    backlog = { waitingBatches: 3, oldestWaitMs: 59_999 };
    watch.check();
    expect(said).toEqual([]);
    backlog = { waitingBatches: 7, oldestWaitMs: 61_000 };
    watch.check();
    backlog = { waitingBatches: 9, oldestWaitMs: 90_000 };
    watch.check();
    expect(said).toEqual([
      "rewardscope: the analysis is behind: 7 acknowledged batches wait, the oldest for 61 s (stuck, or more than it can keep up with; see /api/v1/health)",
    ]);
    // Still behind until the oldest waits under a tenth of the threshold; a few batches in flight are normal.
    backlog = { waitingBatches: 40, oldestWaitMs: 6_000 };
    watch.check();
    expect(said).toHaveLength(1);
    backlog = { waitingBatches: 2, oldestWaitMs: 300 };
    watch.check();
    watch.check();
    expect(said.slice(1)).toEqual(["rewardscope: the analysis has caught up"]);
  });
});
