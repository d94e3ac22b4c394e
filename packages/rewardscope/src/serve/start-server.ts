import { join } from "node:path";
import type { MonitorConfigInput } from "@rewardscope/core";
import type { FastifyInstance } from "fastify";
import { LiveBus } from "../ingest/live-bus.js";
import { SessionManager } from "../ingest/session-manager.js";
import { buildApp } from "../server/app.js";
import { checkBind } from "../server/listen.js";
import { createConsoleSink } from "../sinks/console-sink.js";
import { createJsonlSink } from "../sinks/jsonl-sink.js";
import { PrometheusExporter } from "../sinks/prometheus.js";
import { attachSinks, type Sink } from "../sinks/sink.js";
import { createWebhookSink } from "../sinks/webhook-sink.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { Store } from "../store/store.js";

export interface ServerOptions {
  /** The data folder: the SQLite file, alerts.jsonl and metrics.jsonl live here. */
  dataDir: string;
  host: string;
  port: number;
  token?: string;
  readToken?: string;
  /** Allow a non-loopback bind without a token. */
  insecure?: boolean;
  config?: MonitorConfigInput;
  /** Console output: the step breakdown every N steps and every alert (null: no console sink). */
  console: { write(text: string): void; every: number; color: boolean } | null;
  webhooks?: { url: string; format: "slack" | "discord" | "json" }[];
  stepTimeoutMs?: number;
  completionsPerStep?: number;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  sessions: SessionManager;
  bus: LiveBus;
  /** Stops accepting requests, drains the sinks, closes the store. */
  close(): Promise<void>;
}

/**
 * The composition root of `rewardscope serve`: the store in the data folder, the bus, the sessions, the sinks, the
 * HTTP app; listening once everything is ready.
 * @example
 * const server = await startServer({ dataDir: ".rewardscope", host: "127.0.0.1", port: 8808, console: null });
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  checkBind(options.host, options.token, options.insecure ?? false);
  const store = await openSqliteStore(join(options.dataDir, "rewardscope.db"));
  const bus = new LiveBus();
  const sessions = new SessionManager({
    store,
    bus,
    config: options.config,
    stepTimeoutMs: options.stepTimeoutMs,
    retention:
      options.completionsPerStep === undefined ? {} : { completionsPerStep: options.completionsPerStep },
  });
  const prometheus = new PrometheusExporter(bus);
  const sinks: Sink[] = [createJsonlSink({ dir: options.dataDir })];
  if (options.console) sinks.push(createConsoleSink(options.console));
  for (const hook of options.webhooks ?? []) sinks.push(createWebhookSink(hook));
  const detach = attachSinks(bus, sinks);
  const app = await buildApp({
    store,
    ingest: sessions,
    bus,
    metrics: () => prometheus.render(),
    token: options.token,
    readToken: options.readToken,
  });
  const overdue = setInterval(() => void sessions.closeOverdue().catch(() => {}), 1000);
  overdue.unref();
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    app,
    store,
    sessions,
    bus,
    async close() {
      clearInterval(overdue);
      await app.close();
      detach();
      await Promise.all(sinks.map((s) => s.close()));
      await store.close();
    },
  };
}
