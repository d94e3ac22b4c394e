import { type Alert, RewardscopeError, SEVERITIES, type Severity, severityRank } from "@rewardscope/core";
import type { RunMessage } from "../ingest/live-bus.js";
import { choiceOption, integerOption } from "./check-options.js";
import { MinuteLimiter, type SuppressedSummary } from "./minute-limiter.js";
import { resolveScheduler, type Scheduler } from "./scheduler.js";
import type { Sink } from "./sink.js";
import { createWarnOnce, type Warn } from "./warn-once.js";
import { postJson } from "./webhook-delivery.js";
import { alertPayload, summaryPayload, WEBHOOK_FORMATS, type WebhookFormat } from "./webhook-payload.js";
import { redactUrl } from "./webhook-text.js";

export interface WebhookSinkOptions extends Partial<Scheduler> {
  /** The webhook URL, http or https. A secret: messages show its host only. */
  url: string;
  format: WebhookFormat;
  /** Alerts below this severity are not sent. Default "high". */
  minSeverity?: Severity;
  /** Alerts sent per minute at most; the rest of the minute is summed up in one message. Default 10. */
  maxPerMinute?: number;
  /** Attempts after the first, on network errors, 5xx and 429. Default 3. */
  retries?: number;
  /** Per attempt. Default 5,000. */
  timeoutMs?: number;
  /** First retry delay, doubled at each retry. Default 250. */
  backoffMs?: number;
  /** Longest Retry-After honoured. Default 60,000. */
  maxRetryAfterMs?: number;
  /** Messages waiting at most; beyond, the oldest are dropped and counted. Default 1,000. */
  maxQueue?: number;
  /** How long close() waits for the queue. Default 10,000. */
  closeTimeoutMs?: number;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  warn?: Warn;
}

/** What a webhook sink has done so far: for health checks and tests. */
export interface WebhookStats {
  sent: number;
  failed: number;
  /** Held back by the per-minute limit (and counted in a summary). */
  suppressed: number;
  /** Dropped because the queue was full or close() ran out of time. */
  dropped: number;
  queued: number;
}

export interface WebhookSink extends Sink {
  stats(): WebhookStats;
}

type Job = { kind: "alert"; run: string; alert: Alert } | { kind: "summary"; summary: SuppressedSummary };

function parseUrl(text: string): URL {
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    // Reported below without echoing the text: it may be a secret with a typo.
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
    throw new RewardscopeError("invalid_argument", "must be an http:// or https:// URL", "url");
  return url;
}

/**
 * Posts the alerts at or above `minSeverity` to a Slack, Discord or generic JSON webhook, one message each,
 * in order, from a bounded queue that ingestion never waits for. Beyond `maxPerMinute` alerts in a minute,
 * the rest are counted and one summary is sent when the minute ends. Failed posts are retried (see postJson)
 * and then warned about, with the URL's host only.
 * @throws RewardscopeError("invalid_argument") naming a bad option.
 * @example
 * const slack = createWebhookSink({ url: process.env.SLACK_WEBHOOK_URL!, format: "slack", minSeverity: "high" });
 * attachSinks(bus, [slack]);
 * // ...on shutdown: waits for the queue, at most closeTimeoutMs
 * await slack.close();
 */
export function createWebhookSink(options: WebhookSinkOptions): WebhookSink {
  const url = parseUrl(options.url);
  const format = choiceOption(options.format, "json", "format", WEBHOOK_FORMATS);
  const minRank = severityRank(choiceOption(options.minSeverity, "high", "minSeverity", SEVERITIES));
  const maxPerMinute = integerOption(options.maxPerMinute, 10, "maxPerMinute", 1);
  const maxQueue = integerOption(options.maxQueue, 1000, "maxQueue", 1);
  const closeTimeoutMs = integerOption(options.closeTimeoutMs, 10_000, "closeTimeoutMs", 0);
  const scheduler = resolveScheduler(options);
  // Aborted when close() runs out of time: stops the post in flight and every retry.
  const abort = new AbortController();
  const delivery = {
    fetch: options.fetch ?? globalThis.fetch,
    retries: integerOption(options.retries, 3, "retries", 0, 20),
    timeoutMs: integerOption(options.timeoutMs, 5000, "timeoutMs", 1),
    backoffMs: integerOption(options.backoffMs, 250, "backoffMs", 0),
    maxRetryAfterMs: integerOption(options.maxRetryAfterMs, 60_000, "maxRetryAfterMs", 0),
    scheduler,
    signal: abort.signal,
  };
  const name = `webhook ${format} (${redactUrl(url)})`;
  const warn = options.warn ?? createWarnOnce();
  const stats: Omit<WebhookStats, "queued"> = { sent: 0, failed: 0, suppressed: 0, dropped: 0 };
  const queue: Job[] = [];
  let pumping: Promise<void> | null = null;
  let closing: Promise<void> | null = null;

  const deliver = async (job: Job): Promise<void> => {
    let result: Awaited<ReturnType<typeof postJson>>;
    try {
      const body =
        job.kind === "alert" ? alertPayload(format, job.run, job.alert) : summaryPayload(format, job.summary);
      result = await postJson(url, body, delivery);
    } catch (error) {
      // postJson does not throw; this guards the pump, whose rejection nobody would catch.
      result = { ok: false, attempts: 0, reason: error instanceof Error ? error.message : String(error) };
    }
    if (result.ok) {
      stats.sent++;
    } else {
      stats.failed++;
      warn(`${name}: gave up after ${result.attempts} attempt(s): ${result.reason}`);
    }
  };
  // One message at a time, in order: webhooks rate-limit per URL, and order matters to a reader.
  const pump = (): void => {
    // Aborted, the loop below would end before its first await and leave `pumping` set for good.
    if (pumping || abort.signal.aborted) return;
    pumping = (async () => {
      for (let job = queue.shift(); job && !abort.signal.aborted; job = queue.shift()) await deliver(job);
      pumping = null;
    })();
  };
  const enqueue = (job: Job): void => {
    queue.push(job);
    if (queue.length > maxQueue) {
      queue.shift();
      stats.dropped++;
      warn(`${name}: queue full (${maxQueue}); dropping the oldest alerts`);
    }
    pump();
  };
  const limiter = new MinuteLimiter(maxPerMinute, scheduler, (summary) =>
    enqueue({ kind: "summary", summary }),
  );

  const close = async (): Promise<void> => {
    limiter.flush();
    let cancel = () => {};
    const deadline = new Promise<void>((resolve) => {
      cancel = scheduler.after(closeTimeoutMs, resolve);
    });
    await Promise.race([pumping ?? Promise.resolve(), deadline]);
    cancel();
    if (pumping || queue.length > 0) {
      abort.abort();
      stats.dropped += queue.length;
      warn(`${name}: closed with ${queue.length} message(s) undelivered`);
      queue.length = 0;
    }
  };

  return {
    name,
    handle(message: RunMessage) {
      if (closing || message.kind !== "alert" || severityRank(message.alert.severity) < minRank) return;
      if (limiter.admit(message.run, message.alert))
        enqueue({ kind: "alert", run: message.run, alert: message.alert });
      else stats.suppressed++;
    },
    close() {
      closing ??= close();
      return closing;
    },
    stats: () => ({ ...stats, queued: queue.length }),
  };
}
