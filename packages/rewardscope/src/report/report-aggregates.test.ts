import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RewardscopeEvent } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { LiveBus } from "../ingest/live-bus.js";
import { SessionManager } from "../ingest/session-manager.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { tempDir } from "./report-fixture.case.js";
import { writeReport } from "./write-report.js";

/** A run known only by per-step aggregates, as an imported trainer log is. */
function aggregateSteps(steps: number): RewardscopeEvent[] {
  const events: RewardscopeEvent[] = [{ type: "run", name: "agg", rewardFunctions: ["accuracy"] }];
  for (let step = 0; step < steps; step++)
    events.push(
      { type: "reward_stats", step, fn: "accuracy", mean: 0.3 + step / 200, std: 0.2, count: 64 },
      { type: "metrics", step, values: { kl: 0.01 * step, loss: 1 - step / 100 } },
    );
  return events;
}

describe("the report of a run known only by aggregates", () => {
  it("says which detectors could not run for lack of completions", async () => {
    const dir = tempDir();
    const store = await openSqliteStore(join(dir, "rewardscope.db"));
    const sessions = new SessionManager({ store, bus: new LiveBus() });
    await sessions.ingest("agg", "all", aggregateSteps(40));
    await sessions.finish("agg");
    const latest = await store.stepReport("agg", 39);
    expect(latest?.notRun).toContain("format_gaming");
    await writeReport(store, "agg", join(dir, "report"));
    const page = readFileSync(join(dir, "report", "report.html"), "utf8");
    expect(page).toContain("Not run for lack of completions");
    expect(page).toContain("format_gaming");
    await store.close();
  });
});
