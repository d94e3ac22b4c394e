import { afterEach, describe, expect, it } from "vitest";
import { PrometheusExporter } from "../../sinks/prometheus.js";
import { ndjson, openTestApp, stepEvents, type TestApp } from "../test-app.case.js";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("GET /metrics", () => {
  it("serves the exporter's Prometheus text, updated by ingestion", async () => {
    let exporter: PrometheusExporter | undefined;
    t = await openTestApp({ metrics: () => exporter?.render() ?? "" });
    exporter = new PrometheusExporter(t.bus);
    const post = await t.app.inject({
      method: "POST",
      url: "/api/v1/runs/qwen-1/events",
      headers: { "content-type": "application/x-ndjson" },
      payload: ndjson(stepEvents(0)),
    });
    expect(post.statusCode).toBe(200);
    const res = await t.app.inject({ url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toMatch(/^# HELP /);
    expect(res.body).toMatch(/rewardscope_\w+\{[^}]*run="qwen-1"/);
  });

  it("is guarded by the read token", async () => {
    t = await openTestApp({ metrics: () => "", readToken: "r" });
    expect((await t.app.inject({ url: "/metrics" })).statusCode).toBe(401);
    const ok = await t.app.inject({ url: "/metrics", headers: { authorization: "Bearer r" } });
    expect(ok.statusCode).toBe(200);
  });
});
