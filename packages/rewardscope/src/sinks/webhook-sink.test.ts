import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Alert, Monitor, RewardscopeError, type StepReport, simulateRun } from "@rewardscope/core";
import { afterEach, describe, expect, it } from "vitest";
import type { RunMessage } from "../ingest/live-bus.js";
import type { Scheduler } from "./scheduler.js";
import { retryAfterMs } from "./webhook-delivery.js";
import { createWebhookSink, type WebhookSinkOptions } from "./webhook-sink.js";

function simulatedReports(): StepReport[] {
  const monitor = new Monitor();
  const reports: StepReport[] = [];
  for (const event of simulateRun({ steps: 30, scenario: "flatline", onset: 10 }))
    reports.push(...monitor.ingest(event));
  return [...reports, ...monitor.flush()];
}

const REPORTS = simulatedReports();
const ALERTS = REPORTS.flatMap((r) => r.alerts);
const HIGH = ALERTS.filter((a) => a.severity === "high");
const alertMessage = (alert: Alert, run = "sim"): RunMessage => ({ kind: "alert", run, alert });
const SECRET = "/services/T000/B000/s3cr3t";

type Reply = { status: number; headers?: Record<string, string> } | "hang";
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A real webhook endpoint on 127.0.0.1 that answers from a script (200 once the script is used up). */
async function startHook(replies: Reply[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: JSON.parse(text) });
      const reply = replies.shift() ?? { status: 200 };
      if (reply === "hang") return;
      res.writeHead(reply.status, reply.headers).end("ok");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return { url: `http://127.0.0.1:${port}${SECRET}`, received, server };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** Time that moves only when told; sleeps are recorded and return at once. */
function fakeTime(): Scheduler & {
  sleeps: number[];
  timers: { ms: number; fn: () => void }[];
  advance(ms: number): void;
} {
  let t = Date.parse("2025-03-01T10:04:00Z");
  const sleeps: number[] = [];
  const timers: { ms: number; fn: () => void }[] = [];
  return {
    sleeps,
    timers,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    after: (ms, fn) => {
      timers.push({ ms, fn });
      return () => {};
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

function sink(
  options: Partial<WebhookSinkOptions> & Pick<WebhookSinkOptions, "url">,
  warnings: string[] = [],
) {
  const time = fakeTime();
  const s = createWebhookSink({
    format: "json",
    now: time.now,
    sleep: time.sleep,
    after: time.after,
    warn: (m) => warnings.push(m),
    ...options,
  });
  return { sink: s, time, warnings };
}

describe("createWebhookSink", () => {
  it("posts each alert at or above minSeverity, in order, as Slack messages", async () => {
    const hook = await startHook();
    const { sink: slack } = sink({ url: hook.url, format: "slack" });
    expect(slack.name).toBe("webhook slack (http://127.0.0.1:" + new URL(hook.url).port + "/…)");
    for (const report of REPORTS) {
      slack.handle({ kind: "step", run: "sim", report });
      for (const alert of report.alerts) slack.handle(alertMessage(alert));
    }
    await slack.close();
    expect(hook.received.map((r) => r.path)).toEqual([SECRET, SECRET]);
    expect(hook.received[0]!.headers["content-type"]).toBe("application/json");
    const texts = hook.received.map((r) => r.body.text);
    expect(texts).toEqual([
      expect.stringMatching(/^HIGH flatline in run sim at step 14: /),
      expect.stringMatching(/^HIGH variance_collapse in run sim at step 14: /),
    ]);
    expect(hook.received[0]!.body.blocks).toHaveLength(3);
    expect(slack.stats()).toEqual({ sent: 2, failed: 0, suppressed: 0, dropped: 0, queued: 0 });
  });

  it("sends Discord embeds and JSON bodies, and everything with minSeverity low", async () => {
    const hook = await startHook();
    const { sink: discord } = sink({ url: hook.url, format: "discord", minSeverity: "low" });
    const { sink: json } = sink({ url: hook.url, format: "json", minSeverity: "medium" });
    for (const alert of ALERTS) discord.handle(alertMessage(alert, "@everyone"));
    await discord.close();
    for (const alert of ALERTS) json.handle(alertMessage(alert));
    await json.close();
    const discordBodies = hook.received.slice(0, 4).map((r) => r.body);
    const jsonBodies = hook.received.slice(4).map((r) => r.body);
    expect(discordBodies.map((b) => (b.embeds as { title: string }[])[0]!.title)).toEqual([
      "HIGH · flatline",
      "HIGH · variance\\_collapse",
      "MEDIUM · saturation\\_low",
      "MEDIUM · drop",
    ]);
    expect(JSON.stringify(discordBodies)).not.toContain("@everyone");
    expect(jsonBodies).toEqual(
      ALERTS.map((alert) => ({ run: "sim", alert: JSON.parse(JSON.stringify(alert)) })),
    );
  });

  it("retries a 500 with exponential backoff, then succeeds", async () => {
    const hook = await startHook([{ status: 500 }, { status: 503 }]);
    const { sink: s, time } = sink({ url: hook.url });
    s.handle(alertMessage(HIGH[0]!));
    await s.close();
    expect(hook.received.length).toBe(3);
    expect(time.sleeps.length).toBe(2);
    expect(time.sleeps[0]).toBeGreaterThanOrEqual(200);
    expect(time.sleeps[0]).toBeLessThanOrEqual(300);
    expect(time.sleeps[1]).toBeGreaterThanOrEqual(400);
    expect(time.sleeps[1]).toBeLessThanOrEqual(600);
    expect(s.stats()).toMatchObject({ sent: 1, failed: 0 });
  });

  it("never retries a 400, and gives up on 5xx after the retries, warning without the URL's secret", async () => {
    const hook = await startHook([{ status: 400 }, { status: 502 }, { status: 502 }]);
    const { sink: s, time, warnings } = sink({ url: hook.url, retries: 1 });
    s.handle(alertMessage(HIGH[0]!));
    s.handle(alertMessage(HIGH[1]!));
    await s.close();
    expect(hook.received.length).toBe(3);
    expect(time.sleeps.length).toBe(1);
    expect(s.stats()).toMatchObject({ sent: 0, failed: 2 });
    expect(warnings).toEqual([
      expect.stringMatching(/: gave up after 1 attempt\(s\): HTTP 400$/),
      expect.stringMatching(/: gave up after 2 attempt\(s\): HTTP 502$/),
    ]);
    expect(warnings.join("\n")).not.toContain("s3cr3t");
  });

  it("honours a 429's Retry-After, up to its cap", async () => {
    const hook = await startHook([
      { status: 429, headers: { "retry-after": "2" } },
      { status: 429, headers: { "retry-after": "9999" } },
      { status: 429 },
    ]);
    const { sink: s, time } = sink({ url: hook.url, maxRetryAfterMs: 5000, backoffMs: 10 });
    s.handle(alertMessage(HIGH[0]!));
    await s.close();
    expect(hook.received.length).toBe(4);
    expect(time.sleeps.slice(0, 2)).toEqual([2000, 5000]);
    expect(time.sleeps[2]).toBeLessThanOrEqual(48);
    expect(s.stats().sent).toBe(1);
    expect(retryAfterMs("Sat, 01 Mar 2025 10:04:30 GMT", Date.parse("2025-03-01T10:04:00Z"))).toBe(30_000);
    expect(retryAfterMs("soon", 0)).toBeNull();
  });

  it("retries network errors", async () => {
    const hook = await startHook();
    hook.server.close();
    await once(hook.server, "close");
    const { sink: s, time, warnings } = sink({ url: hook.url, retries: 2 });
    s.handle(alertMessage(HIGH[0]!));
    await s.close();
    expect(time.sleeps.length).toBe(2);
    expect(warnings).toEqual([
      expect.stringMatching(/gave up after 3 attempt\(s\): network error ECONNREFUSED$/),
    ]);
  });

  it("sends maxPerMinute alerts a minute, then one summary of the rest when the minute ends", async () => {
    const hook = await startHook();
    const { sink: s, time } = sink({ url: hook.url, format: "slack", minSeverity: "low", maxPerMinute: 2 });
    for (const alert of ALERTS) s.handle(alertMessage(alert));
    s.handle(alertMessage(ALERTS[0]!, "other"));
    time.advance(10_000);
    s.handle(alertMessage(ALERTS[3]!));
    expect(s.stats().suppressed).toBe(4);
    expect(time.timers.map((t) => t.ms)).toEqual([60_000]);
    time.advance(50_000);
    time.timers[0]!.fn();
    s.handle(alertMessage(ALERTS[2]!));
    await s.close();
    expect(hook.received.map((r) => r.body.text)).toEqual([
      expect.stringMatching(/^HIGH flatline /),
      expect.stringMatching(/^HIGH variance_collapse /),
      "4 more alerts suppressed (rate limit) 10:04:00-10:05:00 UTC: by type: drop 2, flatline 1, saturation_low 1; " +
        "by severity: medium 3, high 1; runs: sim, other",
      expect.stringMatching(/^MEDIUM saturation_low /),
    ]);
  });

  it("keeps a bounded queue that drops the oldest, and close() waits for the rest", async () => {
    const hook = await startHook();
    const { sink: s, warnings } = sink({ url: hook.url, maxQueue: 2, maxPerMinute: 100, minSeverity: "low" });
    for (const alert of [...ALERTS, ALERTS[0]!]) s.handle(alertMessage(alert));
    await s.close();
    // The first is in flight at once; of the four that queue behind it, the two oldest are dropped.
    expect(hook.received.map((r) => (r.body.alert as Alert).type)).toEqual(["flatline", "drop", "flatline"]);
    expect(s.stats()).toMatchObject({ sent: 3, dropped: 2 });
    expect(warnings).toContain(`${s.name}: queue full (2); dropping the oldest alerts`);
  });

  it("stops waiting at the close deadline and aborts the post in flight", async () => {
    const hook = await startHook(["hang"]);
    const warnings: string[] = [];
    const s = createWebhookSink({
      url: hook.url,
      format: "json",
      closeTimeoutMs: 50,
      warn: (m) => warnings.push(m),
    });
    s.handle(alertMessage(HIGH[0]!));
    s.handle(alertMessage(HIGH[1]!));
    await s.close();
    expect(s.stats()).toMatchObject({ sent: 0, dropped: 1, queued: 0 });
    s.handle(alertMessage(HIGH[0]!));
    expect(s.stats().queued).toBe(0);
    expect(warnings[0]).toMatch(/closed with 1 message\(s\) undelivered$/);
  });

  it("refuses bad options without echoing the URL", () => {
    const make = (options: Partial<WebhookSinkOptions>) => () =>
      createWebhookSink({ url: "https://hooks.example/secret", format: "slack", ...options });
    expect(make({ url: "ftp://x/secret" })).toThrow(/^url: must be an http:\/\/ or https:\/\/ URL$/);
    expect(make({ url: "not a url secret" })).toThrow(RewardscopeError);
    expect(make({ format: "teams" as "slack" })).toThrow(/^format: must be one of slack, discord, json/);
    expect(make({ minSeverity: "urgent" as "high" })).toThrow(/^minSeverity:/);
    expect(make({ maxPerMinute: 0 })).toThrow(/^maxPerMinute:/);
  });
});
