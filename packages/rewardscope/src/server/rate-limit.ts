import type { FastifyInstance } from "fastify";
import type { ErrorBody } from "./error-handler.js";

/** A token bucket per client IP for writes: `perSecond` tokens flow in, at most `burst` are kept. */
export interface RateLimitOptions {
  /** Default 1,000. */
  perSecond: number;
  /** Default 2,000. */
  burst: number;
  /** Buckets kept at most: past it, the least recently seen client is forgotten. Default 10,000. */
  maxClients: number;
  /** Milliseconds; a clock for tests. Default Date.now. */
  now: () => number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  // Generous: one host may run 64 ranks posting several batches a step; this stops floods, not trainers.
  perSecond: 1000,
  burst: 2000,
  maxClients: 10_000,
  now: Date.now,
};

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets keyed by client. `take` spends one token and returns 0, or returns the seconds to wait.
 * @example
 * const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMIT, perSecond: 5 });
 * const wait = limiter.take("127.0.0.1"); // 0 while tokens remain
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimitOptions) {}

  take(client: string): number {
    const { perSecond, burst, now } = this.options;
    const at = now();
    const bucket = this.buckets.get(client) ?? { tokens: burst, at };
    bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 1000) * perSecond);
    bucket.at = at;
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    this.evict();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }

  get clients(): number {
    return this.buckets.size;
  }

  /** Keeps memory bounded under many clients: forgets the least recently seen (first in Map order). */
  private evict(): void {
    for (const client of this.buckets.keys()) {
      if (this.buckets.size <= this.options.maxClients) return;
      this.buckets.delete(client);
    }
  }
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Limits writes per client IP; a client over its budget gets 429 with `Retry-After` (seconds).
 * @example
 * installRateLimit(app, { perSecond: 50 });
 */
export function installRateLimit(app: FastifyInstance, options: Partial<RateLimitOptions>): void {
  const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMIT, ...options });
  app.addHook("onRequest", async (request, reply) => {
    if (!WRITE_METHODS.has(request.method)) return;
    const wait = limiter.take(request.ip);
    if (wait === 0) return;
    const body: ErrorBody = { error: "rate_limited", message: `too many requests; retry in ${wait} s` };
    return reply.code(429).header("retry-after", String(wait)).send(body);
  });
}
