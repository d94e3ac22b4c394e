import { RewardscopeError, type RewardscopeEvent } from "@rewardscope/core";
import type { IngestResult, IngestService } from "../ingest/ingest-service.js";

/** Options of HttpIngest. */
export interface HttpIngestOptions {
  /** Tries of a batch the server did not answer (down, restarting) or answered 429/5xx. Default 6. */
  attempts?: number;
  /** Stops retrying (a watch that is being stopped). */
  signal?: AbortSignal;
  /** How to wait between tries (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The ingestion of a running `rewardscope serve`, over its HTTP API: what `watch --server` posts to. A batch is
 * sent with its id as Idempotency-Key, so a retry after a lost answer is stored once. Network errors, 429 and 5xx
 * are retried with backoff (up to 8 s between tries); a 4xx names the problem.
 * @example
 * const ingest = new HttpIngest("http://127.0.0.1:8808", process.env.REWARDSCOPE_TOKEN);
 * await ingest.ingest("qwen", "watch:1", events);
 */
export class HttpIngest implements IngestService {
  private readonly base: string;
  private readonly attempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    url: string,
    private readonly token?: string,
    private readonly options: HttpIngestOptions = {},
  ) {
    this.base = url.replace(/\/+$/, "");
    this.attempts = options.attempts ?? 6;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async ingest(run: string, batchId: string | null, events: RewardscopeEvent[]): Promise<IngestResult> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (batchId !== null) headers["idempotency-key"] = batchId;
    const body = await this.post(
      `/api/v1/runs/${encodeURIComponent(run)}/events`,
      headers,
      JSON.stringify(events),
    );
    return body as IngestResult;
  }

  async finish(run: string): Promise<void> {
    await this.post(`/api/v1/runs/${encodeURIComponent(run)}/finish`, {}, undefined);
  }

  private async post(
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<unknown> {
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    let problem = "";
    let attempt = 0;
    for (; attempt < this.attempts; attempt++) {
      if (attempt > 0) {
        if (this.options.signal?.aborted) break;
        await this.sleep(Math.min(8000, 250 * 2 ** attempt));
      }
      let response: Response;
      try {
        response = await fetch(`${this.base}${path}`, { method: "POST", headers, body });
      } catch (error) {
        problem =
          error instanceof Error
            ? error.cause instanceof Error
              ? error.cause.message
              : error.message
            : String(error);
        continue;
      }
      const text = await response.text();
      if (response.ok) return text === "" ? {} : JSON.parse(text);
      problem = `${response.status} ${serverMessage(text)}`;
      if (response.status !== 429 && response.status < 500)
        throw new RewardscopeError("invalid_argument", `${this.base}${path}: ${problem}`);
    }
    throw new RewardscopeError(
      "invalid_argument",
      `${this.base}${path}: no answer after ${attempt} ${attempt === 1 ? "try" : "tries"} (${problem})`,
    );
  }
}

function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; field?: unknown };
    const field = typeof body.field === "string" ? `${body.field}: ` : "";
    return typeof body.message === "string" ? `${field}${body.message}` : text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}
