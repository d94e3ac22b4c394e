import { get, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ndjson, openTestApp, stepEvents, type TestApp } from "./test-app.case.js";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function listen(options: Parameters<typeof openTestApp>[0] = {}): Promise<string> {
  t = await openTestApp(options);
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = t.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** An open stream: its response, and a reader that waits until the text seen so far matches. */
function openStream(url: string): Promise<{ res: IncomingMessage; until(pattern: RegExp): Promise<string> }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let text = "";
      const waiters = new Set<() => void>();
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
        for (const wake of waiters) wake();
      });
      const until = (pattern: RegExp) =>
        new Promise<string>((done, fail) => {
          const check = () => {
            if (!pattern.test(text)) return;
            waiters.delete(check);
            done(text);
          };
          res.on("end", () => fail(new Error(`stream ended before ${pattern}: ${text}`)));
          waiters.add(check);
          check();
        });
      resolve({ res, until });
    }).on("error", reject);
  });
}

async function postEvents(base: string, run: string, events: unknown[]): Promise<void> {
  const res = await fetch(`${base}/api/v1/runs/${run}/events`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson" },
    body: ndjson(events),
  });
  expect(res.status).toBe(200);
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

describe("the live stream", () => {
  it("streams a run's steps as SSE frames over a real socket", async () => {
    const base = await listen();
    const stream = await openStream(`${base}/api/v1/runs/qwen-1/stream`);
    expect(stream.res.statusCode).toBe(200);
    expect(stream.res.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(stream.res.headers["x-content-type-options"]).toBe("nosniff");
    await stream.until(/^retry: \d+\n\n/);

    await postEvents(base, "qwen-1", stepEvents(0));
    const text = await stream.until(/event: step\ndata: .*\n\n/);
    const frame = /event: step\ndata: (.*)\n\n/.exec(text)?.[1] ?? "";
    expect(JSON.parse(frame)).toMatchObject({ kind: "step", run: "qwen-1", report: { step: 0, count: 4 } });
    expect(text).toMatch(/event: run\ndata: /);
    stream.res.destroy();
  });

  it("streams every run on /api/v1/stream, and only its own run on a run's stream", async () => {
    const base = await listen();
    const all = await openStream(`${base}/api/v1/stream`);
    const other = await openStream(`${base}/api/v1/runs/other/stream`);
    await postEvents(base, "a", stepEvents(0));
    await postEvents(base, "other", [{ type: "run", name: "other" }]);
    expect(await all.until(/"run":"a".*"run":"other"/s)).toMatch(/event: step/);
    const seen = await other.until(/event: run/);
    expect(seen).not.toContain('"run":"a"');
    all.res.destroy();
    other.res.destroy();
  });

  it("sends heartbeats, and unsubscribes when the client leaves", async () => {
    const base = await listen({ sse: { heartbeatMs: 20 } });
    const stream = await openStream(`${base}/api/v1/stream`);
    await stream.until(/: heartbeat\n\n/);
    expect(t?.bus.listenerCount).toBe(1);
    stream.res.destroy();
    await waitFor(() => t?.bus.listenerCount === 0);
  });

  it("ends open streams when the app closes", async () => {
    const base = await listen();
    const stream = await openStream(`${base}/api/v1/runs/r/stream`);
    const ended = new Promise<void>((resolve) => stream.res.on("end", resolve));
    await t?.close();
    t = undefined;
    await ended;
  });
});
