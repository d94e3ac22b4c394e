import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HttpIngest } from "./http-ingest.js";

interface Seen {
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A local HTTP server answering each request with the next of `answers` (status, body). */
async function serve(answers: [number, unknown][]): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const created = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      seen.push({ url: request.url ?? "", headers: request.headers, body });
      const [status, answer] = answers[Math.min(seen.length - 1, answers.length - 1)] as [number, unknown];
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
  });
  server = created;
  await new Promise<void>((resolve) => created.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(created.address() as AddressInfo).port}/`, seen };
}

const fast = { sleep: async () => {} };
const events = [{ type: "metrics" as const, step: 1, values: { kl: 0.1 } }];

describe("HttpIngest", () => {
  it("retries a 503 with the same idempotency key, token and body", async () => {
    const { url, seen } = await serve([
      [503, { error: "unavailable", message: "busy" }],
      [200, { run: "r", duplicate: false, accepted: 1, ack: "analysed", analysedSteps: [] }],
    ]);
    const result = await new HttpIngest(url, "t0k", fast).ingest("my run", "b-1", events);
    expect(result.accepted).toBe(1);
    expect(seen).toHaveLength(2);
    expect(seen.map((s) => s.url)).toEqual(["/api/v1/runs/my%20run/events", "/api/v1/runs/my%20run/events"]);
    expect(seen[1]?.headers).toMatchObject({ "idempotency-key": "b-1", authorization: "Bearer t0k" });
    expect(JSON.parse(seen[1]?.body ?? "")).toEqual(events);
  });

  it("names a 4xx's field and problem without retrying", async () => {
    const { url, seen } = await serve([
      [400, { error: "invalid_event", message: "bad", field: "events[0].step" }],
    ]);
    await expect(new HttpIngest(url, undefined, fast).ingest("r", null, events)).rejects.toThrow(
      /400 events\[0\]\.step: bad$/,
    );
    expect(seen).toHaveLength(1);
  });

  it("gives up after its attempts when nothing answers, or at once when stopped", async () => {
    const { url } = await serve([]);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = null;
    await expect(new HttpIngest(url, undefined, { ...fast, attempts: 2 }).finish("r")).rejects.toThrow(
      /no answer after 2 tries/,
    );
    const stopped = AbortSignal.abort();
    await expect(
      new HttpIngest(url, undefined, { ...fast, attempts: Number.POSITIVE_INFINITY, signal: stopped }).finish(
        "r",
      ),
    ).rejects.toThrow(/no answer after 1 try/);
  });
});
