import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MonitorConfigInput } from "@rewardscope/core";
import type { FastifyInstance } from "fastify";
import { BacklogWatch } from "../ingest/backlog-watch.js";
import { LiveBus } from "../ingest/live-bus.js";
import { SessionManager } from "../ingest/session-manager.js";
import { WorkerAnalyst } from "../ingest/worker-analyst.js";
import { DEFAULT_REPORT_SCHEDULE, type ReportSchedule } from "../report/report-config.js";
import { writeReportInWorker } from "../report/report-job.js";
import { createReportSink } from "../report/report-sink.js";
import { buildApp } from "../server/app.js";
import { checkBind } from "../server/listen.js";
import { createConsoleSink } from "../sinks/console-sink.js";
import { createJsonlSink } from "../sinks/jsonl-sink.js";
import { PrometheusExporter } from "../sinks/prometheus.js";
import { analysisBacklogText } from "../sinks/prometheus-backlog.js";
import { attachSinks, type Sink } from "../sinks/sink.js";
import { createWebhookSink } from "../sinks/webhook-sink.js";
import { openStore } from "../store/open-store.js";
import { isInMemory } from "../store/sqlite/sqlite-store.js";
import type { Store } from "../store/store.js";

/** How long the oldest acknowledged batch may wait for analysis before the server says so on stderr. */
const BACKLOG_WARNING_MS = 60_000;

export interface ServerOptions {
  /** The data folder: the SQLite file, alerts.jsonl and metrics.jsonl live here. */
  dataDir: string;
  /**
   * The store: a SQLite file path, or a `postgres://` URL that several servers may share (store/open-store.ts).
   * Default: rewardscope.db in the data folder.
   */
  store?: string;
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
  /** When runs' reports are written to `<dataDir>/reports/<run>/`. Default: at each run's end. */
  report?: ReportSchedule;
  /** Writes a second per client address (bursts of twice that); 0 turns the limit off. Default 1,000. */
  rateLimit?: number;
  /**
   * Where runs are analysed: "worker" (a worker thread, so analysis overlaps HTTP and the store; what `serve`
   * uses) or "inline" (the server's thread; the default here, so in-process tests need no build).
   */
  analysis?: "worker" | "inline";
  /**
   * Where reports are written: "worker" (a worker thread per report, reading the store through its own connection,
   * so a long run's report holds up no request; what `serve` uses) or "inline" (the server's thread; the default
   * here, and always for an in-memory store, which no other connection can see).
   */
  reportWriter?: "worker" | "inline";
  /** An analysis that failed after its batch was acknowledged. Default: a line on stderr. */
  onAnalysisError?: (run: string, error: unknown) => void;
  /** The dashboard's built files, served at /. Default: `findDashboardDir()`; null serves no dashboard. */
  dashboardDir?: string | null;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  sessions: SessionManager;
  bus: LiveBus;
  /** The dashboard's URL, or null when no built dashboard was found. */
  dashboardUrl: string | null;
  /** Stops accepting requests, drains the sinks, closes the store. */
  close(): Promise<void>;
}

/**
 * The built dashboard (its dist folder, holding index.html), or null when it was never built: beside this
 * package in the monorepo (packages/dashboard/dist, from src/serve or dist/serve alike), else the installed
 * @rewardscope/dashboard package.
 * @example
 * const dir = findDashboardDir(); // "/repo/packages/dashboard/dist"
 */
export function findDashboardDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "..", "..", "..", "dashboard", "dist")];
  try {
    const pkg = createRequire(import.meta.url).resolve("@rewardscope/dashboard/package.json");
    candidates.push(join(dirname(pkg), "dist"));
  } catch {
    // Not installed: the monorepo path is the only candidate.
  }
  return candidates.find((dir) => existsSync(join(dir, "index.html"))) ?? null;
}

/**
 * The composition root of `rewardscope serve`: the store in the data folder, the bus, the sessions, the sinks, the
 * HTTP app; listening once everything is ready.
 * @example
 * const server = await startServer({ dataDir: ".rewardscope", host: "127.0.0.1", port: 8808, console: null });
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  checkBind(options.host, options.token, options.insecure ?? false);
  const location = options.store ?? join(options.dataDir, "rewardscope.db");
  const opened = await openStore(location, {
    onWarning: (message) => process.stderr.write(`rewardscope: ${message}\n`),
  });
  const { store } = opened;
  const bus = new LiveBus();
  const sessions = new SessionManager({
    store,
    bus,
    ...(opened.leases && { leases: opened.leases }),
    config: options.config,
    stepTimeoutMs: options.stepTimeoutMs,
    retention:
      options.completionsPerStep === undefined ? {} : { completionsPerStep: options.completionsPerStep },
    ...(options.analysis === "worker" && { analyst: new WorkerAnalyst() }),
    onError:
      options.onAnalysisError ??
      ((run, error) =>
        process.stderr.write(
          `rewardscope: the analysis of run ${run} failed, it resumes from the store: ${error instanceof Error ? error.message : String(error)}\n`,
        )),
  });
  const prometheus = new PrometheusExporter(bus);
  const sinks: Sink[] = [
    createJsonlSink({ dir: options.dataDir }),
    createReportSink({
      store,
      dataDir: options.dataDir,
      schedule: options.report ?? DEFAULT_REPORT_SCHEDULE,
      ...(options.reportWriter === "worker" &&
        !isInMemory(location) && { write: (_store, run, dir) => writeReportInWorker(location, run, dir) }),
    }),
  ];
  if (options.console) sinks.push(createConsoleSink(options.console));
  for (const hook of options.webhooks ?? []) sinks.push(createWebhookSink(hook));
  const detach = attachSinks(bus, sinks);
  const dashboardDir = options.dashboardDir === undefined ? findDashboardDir() : options.dashboardDir;
  const app = await buildApp({
    store,
    ingest: sessions,
    bus,
    metrics: () => prometheus.render() + analysisBacklogText(sessions.backlog()),
    token: options.token,
    readToken: options.readToken,
    ...(options.rateLimit !== undefined && {
      rateLimit:
        options.rateLimit === 0 ? false : { perSecond: options.rateLimit, burst: 2 * options.rateLimit },
    }),
    ...(dashboardDir !== null && { staticDir: dashboardDir }),
  });
  // A stuck analysis would otherwise go unnoticed while batches are still acknowledged.
  const backlogWatch = new BacklogWatch(
    () => sessions.backlog(),
    BACKLOG_WARNING_MS,
    (line) => process.stderr.write(`${line}\n`),
  );
  let ticks = 0;
  const overdue = setInterval(() => {
    void sessions.closeOverdue().catch(() => {});
    if (++ticks % 5 === 0) backlogWatch.check();
  }, 1000);
  overdue.unref();
  // A server that cannot listen lets go of its store: a PostgreSQL connection would keep the process alive.
  await app.listen({ host: options.host, port: options.port }).catch(async (error: unknown) => {
    clearInterval(overdue);
    await opened.close().catch(() => {});
    throw error;
  });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  return {
    url,
    dashboardUrl: dashboardDir === null ? null : `${url}/`,
    app,
    store,
    sessions,
    bus,
    async close() {
      clearInterval(overdue);
      await app.close();
      await sessions.close();
      detach();
      await Promise.all(sinks.map((s) => s.close()));
      await opened.close();
    },
  };
}
