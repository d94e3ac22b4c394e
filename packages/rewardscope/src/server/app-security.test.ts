import { afterEach, describe, expect, it } from "vitest";
import type { AppOptions } from "./app.js";
import { ndjson, openTestApp, stepEvents, type TestApp } from "./test-app.case.js";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function open(options: Partial<AppOptions>): Promise<TestApp> {
  t = await openTestApp(options);
  return t;
}

function request(app: TestApp, method: "GET" | "POST", url: string, token?: string) {
  const headers: Record<string, string> = { "content-type": "application/x-ndjson" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const payload = method === "POST" ? ndjson(stepEvents(0).slice(0, 1)) : undefined;
  return app.app.inject({ method, url, headers, ...(payload !== undefined && { payload }) });
}

const EVENTS = "/api/v1/runs/r/events";

describe("the write token", () => {
  it("guards writes: 401 without or with a wrong token, 200 with it", async () => {
    const app = await open({ token: "write-secret" });
    const none = await request(app, "POST", EVENTS);
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ error: "unauthorized", field: "Authorization" });
    expect(none.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect((await request(app, "POST", EVENTS, "write-secreT")).statusCode).toBe(401);
    expect((await request(app, "POST", EVENTS, "write-secret-and-more")).statusCode).toBe(401);
    expect((await request(app, "POST", EVENTS, "write-secret")).statusCode).toBe(200);
    expect((await request(app, "POST", "/api/v1/runs", "write-secret")).statusCode).not.toBe(401);
  });

  it("leaves reads and health open when only the write token is set", async () => {
    const app = await open({ token: "write-secret" });
    expect((await request(app, "GET", "/api/v1/runs")).statusCode).toBe(200);
    expect((await request(app, "GET", "/api/v1/health")).statusCode).toBe(200);
  });

  it("refuses a malformed Authorization header", async () => {
    const app = await open({ token: "w" });
    const res = await app.app.inject({
      method: "POST",
      url: EVENTS,
      headers: { authorization: "Basic dzp3" },
      payload: "",
    });
    expect(res.statusCode).toBe(401);
  });
});

describe("the read token", () => {
  it("guards reads, takes the write token too, and never opens writes", async () => {
    const app = await open({ token: "w", readToken: "r" });
    expect((await request(app, "GET", "/api/v1/runs")).statusCode).toBe(401);
    expect((await request(app, "GET", "/api/v1/runs", "x")).statusCode).toBe(401);
    expect((await request(app, "GET", "/api/v1/runs", "r")).statusCode).toBe(200);
    expect((await request(app, "GET", "/api/v1/runs", "w")).statusCode).toBe(200);
    expect((await request(app, "GET", "/api/v1/openapi.json")).statusCode).toBe(401);
    expect((await request(app, "GET", "/api/v1/health")).statusCode).toBe(200);
    expect((await request(app, "POST", EVENTS, "r")).statusCode).toBe(401);
  });

  it("takes the token of a read as access_token in the query (a browser's EventSource), never of a write", async () => {
    const app = await open({ token: "w", readToken: "r" });
    expect((await request(app, "GET", "/api/v1/runs?access_token=r")).statusCode).toBe(200);
    expect((await request(app, "GET", "/api/v1/runs?access_token=x")).statusCode).toBe(401);
    expect((await request(app, "GET", "/api/v1/runs?access_token=")).statusCode).toBe(401);
    expect((await request(app, "POST", `${EVENTS}?access_token=w`)).statusCode).toBe(401);
    const stream = await app.app.inject({ method: "GET", url: "/api/v1/runs/r/stream?access_token=x" });
    expect(stream.statusCode).toBe(401);
  });
});

describe("the rate limit", () => {
  it("answers 429 with Retry-After once a client's burst is spent, for writes only", async () => {
    const app = await open({ rateLimit: { perSecond: 0.001, burst: 3 } });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await request(app, "POST", EVENTS)).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const limited = await request(app, "POST", EVENTS);
    expect(limited.json()).toMatchObject({ error: "rate_limited" });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(limited.headers["x-content-type-options"]).toBe("nosniff");
    expect((await request(app, "GET", "/api/v1/runs")).statusCode).toBe(200);
  });

  it("keys the buckets by client address", async () => {
    const app = await open({ rateLimit: { perSecond: 0.001, burst: 1 } });
    const from = (remoteAddress: string) =>
      app.app.inject({
        method: "POST",
        url: EVENTS,
        remoteAddress,
        headers: { "content-type": "text/plain" },
        payload: ndjson(stepEvents(0).slice(0, 1)),
      });
    expect((await from("10.0.0.1")).statusCode).toBe(200);
    expect((await from("10.0.0.1")).statusCode).toBe(429);
    expect((await from("10.0.0.2")).statusCode).toBe(200);
  });

  it("can be turned off", async () => {
    const app = await open({ rateLimit: false });
    for (let i = 0; i < 5; i++) expect((await request(app, "POST", EVENTS)).statusCode).toBe(200);
  });
});

describe("the body limit", () => {
  it("answers 413 payload_too_large above maxBodyBytes", async () => {
    const app = await open({ maxBodyBytes: 1024 });
    const big = ndjson(stepEvents(0, 200));
    const res = await app.app.inject({
      method: "POST",
      url: EVENTS,
      headers: { "content-type": "application/x-ndjson" },
      payload: big,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: "payload_too_large" });
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
  });
});
