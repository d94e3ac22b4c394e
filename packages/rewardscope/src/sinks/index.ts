// The alert sinks: what consumes the LiveBus besides the SSE streams. Re-exports only.
export { type ConsoleSinkOptions, createConsoleSink } from "./console-sink.js";
export { createJsonlSink, type JsonlSinkOptions } from "./jsonl-sink.js";
export type { SuppressedSummary } from "./minute-limiter.js";
export { PrometheusExporter, type PrometheusOptions } from "./prometheus.js";
export { REAL_SCHEDULER, type Scheduler } from "./scheduler.js";
export { attachSinks, type Sink } from "./sink.js";
export { createWarnOnce, type Warn } from "./warn-once.js";
export { alertPayload, summaryPayload, WEBHOOK_FORMATS, type WebhookFormat } from "./webhook-payload.js";
export {
  createWebhookSink,
  type WebhookSink,
  type WebhookSinkOptions,
  type WebhookStats,
} from "./webhook-sink.js";
