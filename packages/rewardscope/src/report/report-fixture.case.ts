import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RewardscopeEvent, type SimulationOptions, simulateRun } from "@rewardscope/core";
import { LiveBus } from "../ingest/live-bus.js";
import { SessionManager } from "../ingest/session-manager.js";
import { openSqliteStore, type SqliteStore } from "../store/sqlite/sqlite-store.js";

/** A fresh temporary folder. */
export function tempDir(prefix = "rewardscope-report-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Events of a simulated run cut into one batch per step, as a trainer posts them. */
export function batchesByStep(events: Iterable<RewardscopeEvent>): RewardscopeEvent[][] {
  const batches: RewardscopeEvent[][] = [];
  let current: number | null = null;
  for (const event of events) {
    const step: number | null = event.type === "run" ? current : event.step;
    if (step !== current || batches.length === 0) batches.push([]);
    batches.at(-1)?.push(event);
    current = step;
  }
  return batches;
}

/**
 * A real SQLite store in a temporary folder holding a simulated run ingested through the real path
 * (SessionManager: stored, analysed, saved), then finished. The caller closes the store.
 */
export async function storeWithSimulatedRun(
  options: SimulationOptions & { runName: string },
  events: Iterable<RewardscopeEvent> = simulateRun(options),
): Promise<{ store: SqliteStore; dir: string; events: RewardscopeEvent[] }> {
  const dir = tempDir();
  const store = await openSqliteStore(join(dir, "rewardscope.db"));
  const sessions = new SessionManager({ store, bus: new LiveBus() });
  const all = [...events];
  for (const [i, batch] of batchesByStep(all).entries())
    await sessions.ingest(options.runName, `b${i}`, batch);
  await sessions.finish(options.runName);
  return { store, dir, events: all };
}
