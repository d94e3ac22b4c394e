import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SECURITY_HEADERS } from "./security-headers.js";
import { ndjson, openTestApp, stepEvents, type TestApp } from "./test-app.case.js";

const NDJSON = { "content-type": "application/x-ndjson" };

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(() => t.close());

function post(url: string, body: string, headers: Record<string, string> = NDJSON) {
  return t.app.inject({ method: "POST", url, payload: body, headers });
}

function get(url: string) {
  return t.app.inject({ method: "GET", url });
}

describe("health and runs", () => {
  it("answers health with the version and uptime", async () => {
    const res = await get("/api/v1/health");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      ok: true,
      version: expect.any(String),
      uptimeS: expect.any(Number),
      analysis: { waitingBatches: 0, oldestWaitS: 0 },
    });
  });

  it("creates, updates, lists and gets runs; 404 for an unknown run", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/runs",
      payload: { name: "qwen-1", project: "math", rewardFunctions: ["format", "accuracy"], worldSize: 1 },
    });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({
      name: "qwen-1",
      project: "math",
      rewardFunctions: ["format", "accuracy"],
    });
    const updated = await t.app.inject({
      method: "POST",
      url: "/api/v1/runs",
      payload: { name: "qwen-1", project: "gsm8k" },
    });
    expect(updated.json()).toMatchObject({ name: "qwen-1", project: "gsm8k" });

    expect((await get("/api/v1/runs")).json().runs.map((r: { name: string }) => r.name)).toEqual(["qwen-1"]);
    expect((await get("/api/v1/runs/qwen-1")).json()).toMatchObject({ name: "qwen-1", status: "running" });
    const missing = await get("/api/v1/runs/nope");
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: "not_found", field: "run" });
  });

  it("refuses a bad run body with the field, and malformed JSON", async () => {
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/runs",
      payload: { name: "r", worldSize: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: "invalid_event", field: "worldSize" });
    const broken = await post("/api/v1/runs", "{not json", { "content-type": "application/json" });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toBe("invalid_json");
  });
});

describe("POST /api/v1/runs/:run/events", () => {
  it("ingests NDJSON, answers once analysed, and every read route shows the step", async () => {
    const res = await post(
      "/api/v1/runs/qwen-1/events",
      ndjson([{ type: "run", name: "qwen-1" }, ...stepEvents(0)]),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      run: "qwen-1",
      duplicate: false,
      accepted: 4,
      ack: "analysed",
      analysedSteps: [0],
    });

    const report = await get("/api/v1/runs/qwen-1/steps/0");
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({ step: 0, count: 4, metrics: { kl: 0.01 } });
    expect((await get("/api/v1/runs/qwen-1/steps/1")).statusCode).toBe(404);

    const names = (await get("/api/v1/runs/qwen-1/series/names")).json().names as string[];
    expect(names).toContain("accuracy.batch.mean");
    const series = (await get("/api/v1/runs/qwen-1/series?names=accuracy.batch.mean,kl")).json().series;
    expect(series).toEqual([
      { name: "accuracy.batch.mean", steps: [0], values: [expect.closeTo(0.375, 6)] },
      expect.objectContaining({ name: "kl", steps: [0] }),
    ]);

    const completions = (
      await get("/api/v1/runs/qwen-1/completions?step=0&sortBy=accuracy&order=desc")
    ).json();
    expect(completions.total).toBe(4);
    expect(completions.completions[0]).toMatchObject({ step: 0, index: 3, rewards: { accuracy: 0.75 } });
    const found = (await get("/api/v1/runs/qwen-1/completions?q=TRY%202")).json();
    expect(found.completions.map((c: { index: number }) => c.index)).toEqual([2]);

    const alerts = (await get("/api/v1/runs/qwen-1/alerts?minSeverity=low&limit=10")).json();
    expect(alerts).toEqual({ total: expect.any(Number), alerts: expect.any(Array) });
  });

  it("takes a JSON array", async () => {
    const res = await post("/api/v1/runs/r/events", JSON.stringify(stepEvents(0)), {
      "content-type": "application/json",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().analysedSteps).toEqual([0]);
  });

  it("rejects the whole batch on the first bad event, naming its field and line", async () => {
    const events = [...stepEvents(0), { type: "rewards", step: 1, rewards: { accuracy: [1, 0, "x"] } }];
    const res = await post("/api/v1/runs/r/events", ndjson(events));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: "invalid_event",
      message: 'must be a finite number or null, got string "x"',
      field: "events[3].rewards.accuracy[2]",
      line: 4,
    });
    expect((await get("/api/v1/runs/r")).statusCode).toBe(404);
    expect(await t.store.eventsAfter("r", 0)).toEqual([]);
  });

  it("names the index of a bad element of a JSON array", async () => {
    const body = JSON.stringify([stepEvents(0)[0], { type: "metrics", step: 0, values: { kl: "NaN" } }]);
    const res = await post("/api/v1/runs/r/events", body, { "content-type": "application/json" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: "invalid_event", field: "events[1].values.kl" });
    expect(res.json().line).toBeUndefined();
  });

  it("refuses an empty body, invalid JSON, a run event for another run, and an unknown media type", async () => {
    expect((await post("/api/v1/runs/r/events", "")).json()).toMatchObject({
      error: "invalid_event",
      field: "events",
    });
    const json = { "content-type": "application/json" };
    expect((await post("/api/v1/runs/r/events", "[{", json)).json()).toMatchObject({
      error: "invalid_event",
    });
    const other = await post("/api/v1/runs/r/events", ndjson([{ type: "run", name: "s" }]));
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({ field: "events[0].name", line: 1 });
    const xml = await post("/api/v1/runs/r/events", "<events/>", { "content-type": "application/xml" });
    expect(xml.statusCode).toBe(415);
  });

  it("stores a batch posted twice with the same Idempotency-Key once", async () => {
    const [rewards] = stepEvents(0);
    const headers = { ...NDJSON, "idempotency-key": "batch-17" };
    const first = await post("/api/v1/runs/r/events", ndjson([rewards]), headers);
    const again = await post("/api/v1/runs/r/events", ndjson([rewards]), headers);
    expect(first.json()).toMatchObject({ duplicate: false, accepted: 1 });
    expect(again.json()).toMatchObject({ duplicate: true, accepted: 0 });
    await post("/api/v1/runs/r/events", ndjson([{ type: "step_end", step: 0 }]));
    expect((await get("/api/v1/runs/r/steps/0")).json().count).toBe(4);
  });

  it("finishes a run: its open step is analysed and its status is finished; 404 for an unknown run", async () => {
    await post("/api/v1/runs/r/events", ndjson(stepEvents(0).slice(0, 1)));
    expect((await get("/api/v1/runs/r/steps/0")).statusCode).toBe(404);
    const finished = await t.app.inject({ method: "POST", url: "/api/v1/runs/r/finish" });
    expect(finished.json()).toMatchObject({ name: "r", status: "finished", stepCount: 1 });
    expect((await get("/api/v1/runs/r/steps/0")).json().count).toBe(4);
    expect((await t.app.inject({ method: "POST", url: "/api/v1/runs/nope/finish" })).statusCode).toBe(404);
  });

  it("dedupes by the batchId the events share when there is no header", async () => {
    const body = ndjson(stepEvents(0, 4, { batchId: "b-1" }).slice(0, 1));
    await post("/api/v1/runs/r/events", body);
    expect((await post("/api/v1/runs/r/events", body)).json().duplicate).toBe(true);
  });
});

describe("query validation", () => {
  it.each([
    ["/api/v1/runs/r/series?names=a&maxPoints=30000", "maxPoints"],
    ["/api/v1/runs/r/series", "names"],
    ["/api/v1/runs/r/alerts?severity=high,bogus", "severity"],
    ["/api/v1/runs/r/alerts?minSeverity=urgent", "minSeverity"],
    ["/api/v1/runs/r/completions?flagged=maybe", "flagged"],
    ["/api/v1/runs/r/completions?limit=0", "limit"],
    ["/api/v1/runs/r/steps/minus-one", "step"],
  ])("%s -> 400 naming %s", async (url, field) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: "invalid_argument", field });
  });

  it("404s the reads of an unknown run", async () => {
    for (const path of ["series?names=a", "series/names", "alerts", "completions"]) {
      expect((await get(`/api/v1/runs/nope/${path}`)).statusCode).toBe(404);
    }
  });
});

describe("errors and headers", () => {
  it("answers an unexpected failure with a bare 500", async () => {
    await post("/api/v1/runs/r/events", ndjson(stepEvents(0)));
    const db = new Database(t.dbPath);
    db.exec("DROP TABLE completions");
    db.close();
    const res = await get("/api/v1/runs/r/completions");
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: "internal", message: "internal server error" });
  });

  it("answers 503 once the store is closed", async () => {
    await t.store.close();
    const res = await get("/api/v1/runs");
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: "invalid_state" });
  });

  it("sends the security headers on every response", async () => {
    for (const res of [
      await get("/api/v1/health"),
      await get("/nowhere"),
      await get("/api/v1/runs/r/series"),
    ]) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name]).toBe(value);
    }
    expect(SECURITY_HEADERS["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  it("answers 404 for /metrics without a metrics source", async () => {
    expect((await get("/metrics")).statusCode).toBe(404);
  });
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3 JSON listing every route with its schemas", async () => {
    const res = await get("/api/v1/openapi.json");
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body);
    expect(doc.openapi).toMatch(/^3\./);
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        "GET /api/v1/health",
        "GET /api/v1/openapi.json",
        "GET /api/v1/runs",
        "POST /api/v1/runs",
        "GET /api/v1/runs/{run}",
        "POST /api/v1/runs/{run}/events",
        "POST /api/v1/runs/{run}/finish",
        "GET /api/v1/runs/{run}/series",
        "GET /api/v1/runs/{run}/series/names",
        "GET /api/v1/runs/{run}/alerts",
        "GET /api/v1/runs/{run}/completions",
        "GET /api/v1/runs/{run}/steps/{step}",
        "GET /api/v1/runs/{run}/stream",
        "GET /api/v1/stream",
        "GET /metrics",
      ].sort(),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Event", "StepReport", "RunRecord"]),
    );
    const alerts = doc.paths["/api/v1/runs/{run}/alerts"].get;
    expect(alerts.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        "run",
        "severity",
        "minSeverity",
        "type",
        "fn",
        "from",
        "to",
        "limit",
        "offset",
      ]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        "RunRecord",
        "Alert",
        "StepReport",
        "CompletionRecord",
        "ErrorBody",
        "IngestResult",
      ]),
    );
    expect(JSON.stringify(doc)).not.toMatch(/"\$ref":"(?!#\/components\/schemas\/)/);
  });
});
