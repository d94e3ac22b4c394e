import { isAbsolute, join, resolve } from "node:path";
import type { MonitorConfigInput } from "@rewardscope/core";
import { LiveBus } from "../ingest/live-bus.js";
import { SessionManager } from "../ingest/session-manager.js";
import { createJsonlSink } from "../sinks/jsonl-sink.js";
import { attachSinks } from "../sinks/sink.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { Store } from "../store/store.js";

/** The server's ingestion without its HTTP layer: the store of a data folder, the bus and the run sessions. */
export interface LocalIngest {
  dataDir: string;
  store: Store;
  bus: LiveBus;
  sessions: SessionManager;
  /** Waits for every analysis to be saved, flushes alerts.jsonl and metrics.jsonl, closes the store. */
  close(): Promise<void>;
}

/**
 * Opens a data folder the way `rewardscope serve` does (SQLite store, the JSONL sink writing alerts.jsonl and
 * metrics.jsonl), so an imported or watched run is analysed, stored and alerted on exactly as a served one.
 * @example
 * const local = await openLocalIngest(".rewardscope");
 * try { await local.sessions.ingest("qwen", null, events); } finally { await local.close(); }
 */
export async function openLocalIngest(dataDir: string, config?: MonitorConfigInput): Promise<LocalIngest> {
  const dir = isAbsolute(dataDir) ? dataDir : resolve(dataDir);
  const store = await openSqliteStore(join(dir, "rewardscope.db"));
  const bus = new LiveBus();
  const sessions = new SessionManager({ store, bus, config });
  const sinks = [createJsonlSink({ dir })];
  const detach = attachSinks(bus, sinks);
  return {
    dataDir: dir,
    store,
    bus,
    sessions,
    async close() {
      try {
        await sessions.close();
      } finally {
        detach();
        await Promise.all(sinks.map((s) => s.close()));
        await store.close();
      }
    },
  };
}
