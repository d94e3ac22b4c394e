import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { LiveBus } from "../ingest/live-bus.js";
import { SessionManager } from "../ingest/session-manager.js";
import { openSqliteStore } from "../store/sqlite/index.js";
import type { Store } from "../store/store.js";
import { type AppOptions, buildApp } from "./app.js";

/** An app over the real parts: a SQLite store in a temp dir, a SessionManager and a LiveBus. */
export interface TestApp {
  app: FastifyInstance;
  store: Store;
  bus: LiveBus;
  /** The SQLite file. */
  dbPath: string;
  close(): Promise<void>;
}

/**
 * Builds an app for a test; `close` closes the app and the store and removes the temp dir.
 * @example
 * const t = await openTestApp({ token: "w" });
 * try { await t.app.inject({ url: "/api/v1/health" }); } finally { await t.close(); }
 */
export async function openTestApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const dir = await mkdtemp(join(tmpdir(), "rewardscope-server-"));
  const dbPath = join(dir, "rewardscope.db");
  const store = await openSqliteStore(dbPath);
  const bus = new LiveBus();
  const ingest = new SessionManager({ store, bus });
  const app = await buildApp({ store, bus, ingest, ...options });
  return {
    app,
    store,
    bus,
    dbPath,
    close: async () => {
      await app.close();
      await store.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The rewards of one step (n completions, two functions), then its step_end: one analysed step. */
export function stepEvents(
  step: number,
  n = 4,
  extra: Record<string, unknown> = {},
): Record<string, unknown>[] {
  const completions = Array.from(
    { length: n },
    (_, i) => `<think>step ${step} try ${i}</think><answer>${i}</answer>`,
  );
  return [
    {
      type: "rewards",
      step,
      rewards: {
        format: completions.map((_, i) => (i % 2) as number),
        accuracy: completions.map((_, i) => i / n),
      },
      completions,
      prompts: completions.map(() => `what is ${step}?`),
      groups: completions.map((_, i) => Math.floor(i / 2)),
      ...extra,
    },
    { type: "metrics", step, values: { kl: 0.01 * (step + 1), loss: 1 / (step + 1) } },
    { type: "step_end", step },
  ];
}

/** Events as an NDJSON body. */
export function ndjson(events: unknown[]): string {
  return `${events.map((e) => JSON.stringify(e)).join("\n")}\n`;
}
