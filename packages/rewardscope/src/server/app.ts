import { createRequire } from "node:module";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { IngestService } from "../ingest/ingest-service.js";
import type { LiveBus } from "../ingest/live-bus.js";
import type { Store } from "../store/store.js";
import { installAuth } from "./auth.js";
import { handleClientError, handleFrameworkError } from "./client-errors.js";
import { installErrorHandler } from "./error-handler.js";
import { installRateLimit, type RateLimitOptions } from "./rate-limit.js";
import { alertRoutes } from "./routes/alerts.js";
import { completionRoutes } from "./routes/completions.js";
import type { RouteContext } from "./routes/context.js";
import { eventRoutes } from "./routes/events.js";
import { healthRoutes } from "./routes/health.js";
import { metricsRoutes } from "./routes/metrics.js";
import { openapiRoutes } from "./routes/openapi.js";
import { runRoutes } from "./routes/runs.js";
import { seriesRoutes } from "./routes/series.js";
import { stepRoutes } from "./routes/steps.js";
import { streamRoutes } from "./routes/stream.js";
import { addSchemas } from "./schemas.js";
import { installSecurityHeaders } from "./security-headers.js";
import { DEFAULT_SSE, type SseOptions, SseStreams } from "./sse.js";
import { staticRoutes } from "./static-files.js";

/** What the HTTP API serves, and how. */
export interface AppOptions {
  store: Store;
  ingest: IngestService;
  bus: LiveBus;
  /** Prometheus text for GET /metrics; without it /metrics is a 404. */
  metrics?: () => string;
  /** Writes need `Authorization: Bearer <token>` when set. */
  token?: string;
  /** Reads need this token (or the write token) when set. /api/v1/health stays open. */
  readToken?: string;
  /** The largest request body. Default 16 MiB. */
  maxBodyBytes?: number;
  /** Per-client-IP token bucket for writes (default 1,000/s, burst 2,000); false turns it off. */
  rateLimit?: Partial<RateLimitOptions> | false;
  /** Fastify's logger option. Default off. */
  logger?: FastifyServerOptions["logger"];
  /** The dashboard's built files, served at /. */
  staticDir?: string;
  sse?: Partial<SseOptions>;
  /** Reported by /api/v1/health. Default: this package's version. */
  version?: string;
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

function packageVersion(): string {
  const pkg = createRequire(import.meta.url)("../../package.json") as { version?: string };
  return pkg.version ?? "0.0.0";
}

/**
 * Builds the HTTP API (routes under /api/v1, /metrics, the live stream, the dashboard) over a store and an
 * ingestion service. The caller listens (after `checkBind`) and closes it; closing ends open streams.
 * @example
 * const bus = new LiveBus();
 * const app = await buildApp({ store, bus, ingest: new SessionManager({ store, bus }), token });
 * checkBind(host, token, false);
 * await app.listen({ host: "127.0.0.1", port: 8600 });
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    routerOptions: { maxParamLength: 1024 },
    // A HEAD of the live stream would open a stream; nothing here needs HEAD.
    exposeHeadRoutes: false,
    // Malformed HTTP and unroutable URLs get the API's error shape too, naming what was wrong.
    clientErrorHandler: handleClientError,
    frameworkErrors: handleFrameworkError,
    // A JSON body may be an array or one event: `type: ["array", "object"]`.
    ajv: { customOptions: { allowUnionTypes: true } },
  });
  // Reports hold NaN (the summary of no values): fast-json-stringify refuses it, JSON.stringify writes null.
  // The response schemas still document every route.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  const streams = new SseStreams({ ...DEFAULT_SSE, ...options.sse });
  const ctx: RouteContext = {
    store: options.store,
    ingest: options.ingest,
    bus: options.bus,
    streams,
    metrics: options.metrics,
    version: options.version ?? packageVersion(),
    startedAt: Date.now(),
  };
  addSchemas(app);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "rewardscope", version: ctx.version, description: "The rewardscope server's HTTP API" },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: options.token || options.readToken ? [{ bearer: [] }] : [],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  installErrorHandler(app);
  installSecurityHeaders(app);
  if (options.rateLimit !== false) installRateLimit(app, options.rateLimit ?? {});
  installAuth(app, { token: options.token, readToken: options.readToken });
  app.addHook("preClose", async () => streams.closeAll());

  const modules = [
    healthRoutes,
    runRoutes,
    eventRoutes,
    seriesRoutes,
    alertRoutes,
    completionRoutes,
    stepRoutes,
  ];
  for (const routes of [...modules, streamRoutes, metricsRoutes]) routes(app, ctx);
  openapiRoutes(app);
  if (options.staticDir !== undefined) staticRoutes(app, options.staticDir);
  await app.ready();
  return app;
}
