import type { Scheduler } from "./scheduler.js";

export interface DeliveryOptions {
  fetch: typeof fetch;
  /** Attempts after the first. */
  retries: number;
  /** Per attempt. */
  timeoutMs: number;
  /** First backoff; attempt k waits backoffMs x 2^k, +-20% jitter. */
  backoffMs: number;
  /** Longest wait a 429's Retry-After can impose. */
  maxRetryAfterMs: number;
  scheduler: Scheduler;
  /** Aborts the attempt in flight and stops retrying (the sink's close deadline). */
  signal: AbortSignal;
}

export type DeliveryResult = { ok: true; attempts: number } | { ok: false; attempts: number; reason: string };

/** Milliseconds a Retry-After header asks for (delay-seconds or an HTTP date), or null without a usable one. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `timed out after ${timeoutMs} ms`;
  // undici hides the useful part in `cause`; a code (ECONNREFUSED) never carries the secret path of the URL.
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === "string") return `network error ${cause.code}`;
  return "network error";
}

/**
 * POSTs a JSON body, retrying on network errors, timeouts, 5xx and 429 with exponential backoff (a 429's
 * Retry-After is honoured up to `maxRetryAfterMs`); any other status ends it at once. Never throws; the
 * result's reason never contains the URL.
 * @example
 * const result = await postJson(url, { text: "hi" }, options);
 * if (!result.ok) warn(`webhook: ${result.reason}`);
 */
export async function postJson(url: URL, body: object, options: DeliveryOptions): Promise<DeliveryResult> {
  const text = JSON.stringify(body);
  let reason = "not attempted";
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (options.signal.aborted) return { ok: false, attempts: attempt, reason: "closed before delivery" };
    let wait: number | null = null;
    try {
      const response = await options.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: text,
        signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
      });
      // The answer's content does not matter, and reading it whole would let an endpoint send gigabytes.
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) return { ok: true, attempts: attempt + 1 };
      reason = `HTTP ${response.status}`;
      if (response.status !== 429 && response.status < 500)
        return { ok: false, attempts: attempt + 1, reason };
      if (response.status === 429) {
        const asked = retryAfterMs(response.headers.get("retry-after"), options.scheduler.now());
        if (asked !== null) wait = Math.min(asked, options.maxRetryAfterMs);
      }
    } catch (error) {
      if (options.signal.aborted)
        return { ok: false, attempts: attempt + 1, reason: "closed during delivery" };
      reason = networkReason(error, options.timeoutMs);
    }
    if (attempt < options.retries) {
      const backoff = options.backoffMs * 2 ** attempt * (0.8 + 0.4 * Math.random());
      await options.scheduler.sleep(wait ?? backoff, options.signal);
    }
  }
  return { ok: false, attempts: options.retries + 1, reason };
}
