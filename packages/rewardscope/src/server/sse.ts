import type { FastifyReply } from "fastify";
import type { RunMessage } from "../ingest/live-bus.js";

/** Server-Sent Events settings. */
export interface SseOptions {
  /** A comment line this often keeps proxies from closing an idle stream. Default 15,000 ms. */
  heartbeatMs: number;
  /** The reconnection delay suggested to clients (`retry:`). Default 3,000 ms. */
  retryMs: number;
  /** A client this far behind (bytes unsent) is cut off rather than buffered without end. Default 8 MiB. */
  maxBufferedBytes: number;
}

export const DEFAULT_SSE: SseOptions = { heartbeatMs: 15_000, retryMs: 3_000, maxBufferedBytes: 8 << 20 };

/** One frame: `event: step`, then the message as one line of JSON (JSON escapes newlines). */
export function sseFrame(message: RunMessage): string {
  return `event: ${message.kind}\ndata: ${JSON.stringify(message)}\n\n`;
}

/**
 * The open streams of an app, so that closing the app ends them instead of waiting on them forever.
 * @example
 * const streams = new SseStreams(DEFAULT_SSE);
 * streams.open(reply, (send) => bus.subscribeAll(send));
 */
export class SseStreams {
  private readonly closers = new Set<() => void>();

  constructor(private readonly options: SseOptions) {}

  /** Takes over the reply and streams what `subscribe` delivers until the client leaves. */
  open(reply: FastifyReply, subscribe: (send: (message: RunMessage) => void) => () => void): void {
    reply.hijack();
    const res = reply.raw;
    const inherited = Object.entries(reply.getHeaders()).filter(([, v]) => v !== undefined);
    res.writeHead(200, {
      ...(Object.fromEntries(inherited) as Record<string, string | number | string[]>),
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // Tells nginx not to buffer the stream.
      "x-accel-buffering": "no",
    });
    res.write(`retry: ${this.options.retryMs}\n\n`);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
      this.closers.delete(close);
      res.end();
    };
    const write = (text: string) => {
      if (closed) return;
      if (res.writableLength > this.options.maxBufferedBytes) return close();
      res.write(text);
    };
    const unsubscribe = subscribe((message) => write(sseFrame(message)));
    const heartbeat = setInterval(() => write(": heartbeat\n\n"), this.options.heartbeatMs);
    heartbeat.unref();
    this.closers.add(close);
    // The response's close, not the request's: a request without a body "closes" as soon as it is read.
    res.on("close", close);
    res.on("error", close);
  }

  /** Ends every open stream. */
  closeAll(): void {
    for (const close of [...this.closers]) close();
  }

  get size(): number {
    return this.closers.size;
  }
}
