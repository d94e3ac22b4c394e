import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sendRaw } from "./hostile-client.case.js";
import { post, STEP } from "./raw-post.case.js";
import { serveFixture } from "./serve-fixture.case.js";
import { runCommand } from "./serve-process.case.js";

const TOKEN = "write-token-0123456789";
const READ_TOKEN = "read-token-abcdef";
const fixture = serveFixture("rewardscope-security-");
const serve = fixture.serve;

describe("tokens", () => {
  it("refuses writes without the write token and reads without a read token, whatever the token's length", async () => {
    const server = await serve("tokens", ["--token", TOKEN, "--read-token", READ_TOKEN]);
    const events = `${server.url}/api/v1/runs/r/events`;
    for (const token of [
      "",
      "x",
      TOKEN.slice(0, -1),
      `${TOKEN}x`,
      TOKEN.toUpperCase(),
      READ_TOKEN,
      "t".repeat(10_000),
    ]) {
      const answer = await post(server.url, "/api/v1/runs/r/events", STEP(0, ["a"]), token || undefined);
      expect(answer.status, `token of length ${token.length}`).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ error: "unauthorized", field: "Authorization" });
    }
    expect((await post(server.url, "/api/v1/runs/r/events", STEP(0, ["a"]), TOKEN)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/runs`)).status).toBe(401);
    expect(
      (await fetch(`${server.url}/api/v1/runs`, { headers: { authorization: "Bearer nope" } })).status,
    ).toBe(401);
    for (const token of [READ_TOKEN, TOKEN])
      expect(
        (await fetch(`${server.url}/api/v1/runs`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(200);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    expect((await fetch(events, { headers: { authorization: `Bearer ${READ_TOKEN}` } })).status).not.toBe(
      200,
    );
  });
});

describe("binding", () => {
  it.each(["0.0.0.0", "::", "192.0.2.10"])(
    "refuses to listen on %s without a token: exit 2 and why",
    async (host) => {
      const data = join(fixture.root, `bind-${host.replaceAll(":", "_")}`);
      const { code, output } = await runCommand([
        "serve",
        "--data",
        data,
        "--host",
        host,
        "--port",
        "0",
        "--quiet",
      ]);
      expect(code).toBe(2);
      expect(output).toContain(`refusing to listen on ${JSON.stringify(host)} without a token`);
      expect(output).not.toContain("listening on");
    },
  );

  it("listens on another loopback address without a token", async () => {
    const server = await serve("loopback", ["--host", "127.0.0.2"]);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });
});

describe("the rate limit, per client address", () => {
  it("answers 429 with Retry-After past the burst, leaves reads alone, refills, and keys by address", async () => {
    const server = await serve("rate", ["--rate-limit", "5"]);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(server.url, "/api/v1/runs/r/events", STEP(i, ["a"]))),
    );
    const limited = answers.filter((a) => a.status === 429);
    // A burst of twice the rate (10) passes; refilling at 5/s lets at most a few more through meanwhile.
    expect(limited.length).toBeGreaterThanOrEqual(15);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(10);
    for (const answer of limited) {
      expect(JSON.parse(answer.body)).toMatchObject({ error: "rate_limited" });
      expect(Number(answer.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    }
    expect((await fetch(`${server.url}/api/v1/runs`)).status).toBe(200);
    // Another client address has its own bucket.
    expect(
      (await post(server.url, "/api/v1/runs/other/events", STEP(0, ["a"]), undefined, "127.0.0.3")).status,
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await post(server.url, "/api/v1/runs/r/events", STEP(100, ["a"]))).status).toBe(200);
  });
});

describe("request size", () => {
  it("answers 413 to a body over 16 MiB and takes one under it", async () => {
    const server = await serve("size", []);
    const big = `${JSON.stringify({ type: "rewards", step: 0, rewards: { a: [1] }, completions: ["x".repeat(16 * 1024 * 1024)] })}\n`;
    // On a raw socket, sent in slices until the answer comes: the server refuses before reading it all.
    const head = `POST /api/v1/runs/r/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: ${Buffer.byteLength(big)}\r\n\r\n`;
    const over = await sendRaw(new URL(server.url), Buffer.concat([Buffer.from(head), Buffer.from(big)]));
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body)).toMatchObject({ error: "payload_too_large" });
    const under = STEP(0, ["y".repeat(4 * 1024 * 1024)]);
    expect((await post(server.url, "/api/v1/runs/r/events", under)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });
});

describe("untrusted text stays text", () => {
  const PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "</script><svg onload=alert(1)>",
    "{{constructor.constructor('alert(1)')()}}",
  ];

  it("serves completions, reports, runs and errors as JSON with nosniff and a CSP, never as HTML", async () => {
    const server = await serve("xss", []);
    const run = encodeURIComponent('<img src=x onerror="alert(1)">');
    expect((await post(server.url, `/api/v1/runs/${run}/events`, STEP(0, PAYLOADS))).status).toBe(200);
    const paths = [
      `/api/v1/runs/${run}/completions?step=0&limit=100`,
      `/api/v1/runs/${run}/completions?q=${encodeURIComponent("<script>")}`,
      `/api/v1/runs/${run}/steps/0`,
      `/api/v1/runs/${run}`,
      "/api/v1/runs",
      `/api/v1/<script>alert(1)</script>`,
      `/api/v1/runs/${run}/steps/<svg>`,
    ];
    for (const path of paths) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get("content-type"), path).toMatch(/^application\/json/);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("content-security-policy"), path).toContain("script-src 'self'");
      expect(JSON.parse(await response.text())).toBeTypeOf("object");
    }
    const kept = (await (await fetch(`${server.url}${paths[0]}`)).json()) as {
      completions: { completion: string }[];
    };
    expect(kept.completions.map((c) => c.completion).sort()).toEqual([...PAYLOADS].sort());
  });
});
