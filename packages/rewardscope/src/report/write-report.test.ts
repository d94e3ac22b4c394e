import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatNumber } from "../console/format.js";
import type { SqliteStore } from "../store/sqlite/sqlite-store.js";
import { CHARTS } from "./charts/index.js";
import { escapeHtml } from "./html/escape.js";
import { brightnessVariance, decodePng, inkFraction } from "./png.case.js";
import { storeWithSimulatedRun, tempDir } from "./report-fixture.case.js";
import { writeReport } from "./write-report.js";
import { runWithXssPayloads, XSS_FUNCTION, XSS_PAYLOADS } from "./xss.case.js";

const RUN = "demo-format-gaming";
let store: SqliteStore;
let out: string;
let html: string;

beforeAll(async () => {
  ({ store } = await storeWithSimulatedRun({
    runName: RUN,
    steps: 240,
    scenario: "format_gaming",
    seed: 7,
    promptsPerStep: 4,
    groupSize: 4,
  }));
  out = join(tempDir(), "report");
  await writeReport(store, RUN, out);
  html = readFileSync(join(out, "report.html"), "utf8");
}, 120_000);

afterAll(async () => {
  await store?.close();
});

/** The width and height attributes of a chart's inline SVG in the HTML. */
function svgSize(name: string): { width: number; height: number } {
  const match = new RegExp(`id="chart-${name}"><svg[^>]*? width="([\\d.]+)" height="([\\d.]+)"`).exec(html);
  if (!match) throw new Error(`no inline SVG for ${name}`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

describe("writeReport on a simulated run in a real SQLite store", () => {
  it("writes every file of the report", async () => {
    const files = [
      "report.html",
      "monitoring_data.json",
      "metrics_history.csv",
      ...CHARTS.map((c) => `${c.name}.png`),
    ];
    for (const file of files) expect(readFileSync(join(out, file)).length, file).toBeGreaterThan(100);
    expect(CHARTS.map((c) => c.name)).toEqual([
      "dashboard",
      "reward_history",
      "reward_distributions",
      "reward_statistics",
      "ema_comparison",
      "correlation_matrix",
      "training_curves",
      "memory",
    ]);
  });

  it("holds every section, and an inline SVG per chart", () => {
    for (const id of [
      "summary",
      "charts",
      "training",
      "alerts",
      "completions",
      "quality",
      "health",
      "correlations",
    ])
      expect(html).toContain(`<section id="${id}">`);
    for (const chart of CHARTS) expect(html).toMatch(new RegExp(`id="chart-${chart.name}"><svg`));
    // Nothing to fetch: no script, stylesheet or image element, no remote URL (vega's gradients are url(#local)).
    expect(html).not.toMatch(/<script|<link|<img|src=["']?https?:|url\((?!#)/i);
  });

  it("shows the store's numbers: latest statistics, verdicts, alerts with evidence and what to do", async () => {
    const run = await store.getRun(RUN);
    const latest = await store.stepReport(RUN, run?.lastStep ?? -1);
    expect(latest).not.toBeNull();
    for (const [fn, stats] of Object.entries(latest?.rewards ?? {})) {
      expect(html).toContain(`${formatNumber(stats.batch.mean)} ± ${formatNumber(stats.batch.std)}`);
      expect(html).toContain(`${formatNumber(stats.emaShort)} / ${formatNumber(stats.emaLong)}`);
      expect(html).toContain(`<td>${fn}</td>`);
    }
    const { total, alerts } = await store.alerts(RUN, { limit: 1000 });
    expect(total).toBeGreaterThan(0);
    expect(html).toContain(`${total} alerts`);
    const gaming = alerts.find((a) => a.type === "format_gaming");
    expect(gaming).toBeDefined();
    expect(html).toContain(escapeHtml(gaming?.message ?? "?"));
    expect(html).toContain(escapeHtml(gaming?.action ?? "?"));
    // format_gaming is high: the format function is failing or watched, with the alert as its reason.
    expect(html).toMatch(/verdict-(failing|watch)/);
    expect(html).toMatch(/format_gaming: \d+ alerts?, up to (high|critical)/);
  });

  it("writes monitoring_data.json with the store's statistics, alerts and history", async () => {
    const data = JSON.parse(readFileSync(join(out, "monitoring_data.json"), "utf8"));
    const run = await store.getRun(RUN);
    const latest = await store.stepReport(RUN, run?.lastStep ?? -1);
    expect(data.run.name).toBe(RUN);
    expect(data.stepCount).toBe(240);
    expect(data.stats.step).toBe(239);
    expect(data.stats.rewards.accuracy.batch.mean).toBe(latest?.rewards.accuracy?.batch.mean);
    expect(data.stats.metrics).toEqual(latest?.metrics);
    expect(data.alerts.length).toBe((await store.alerts(RUN, { limit: 1 })).total);
    const [mean] = await store.series(RUN, { names: ["accuracy.batch.mean"] });
    expect(data.history.series["accuracy.batch.mean"]).toEqual({ steps: mean?.steps, values: mean?.values });
    expect(data.verdicts.map((v: { fn: string | null }) => v.fn)).toEqual([
      "format",
      "accuracy",
      "reasoning_steps",
      "length_penalty",
      null,
    ]);
  });

  it("writes metrics_history.csv: one row per step, one column per series, the store's values", async () => {
    const lines = readFileSync(join(out, "metrics_history.csv"), "utf8").trimEnd().split("\r\n");
    const header = (lines[0] ?? "").split(",");
    const names = await store.seriesNames(RUN);
    expect(header).toEqual(["step", ...names]);
    expect(lines.length).toBe(241);
    const column = header.indexOf("kl");
    const [kl] = await store.series(RUN, { names: ["kl"] });
    const csvKl = lines.slice(1).map((line) => Number(line.split(",")[column]));
    expect(csvKl).toEqual(kl?.values);
    expect(lines.slice(1).map((line) => Number(line.split(",")[0]))).toEqual(kl?.steps);
  });

  it("writes each PNG at twice its SVG's size, decodable and not blank", () => {
    for (const chart of CHARTS) {
      const png = decodePng(readFileSync(join(out, `${chart.name}.png`)));
      const size = svgSize(chart.name);
      expect({ chart: chart.name, width: png.width, height: png.height }).toEqual({
        chart: chart.name,
        width: Math.round(size.width * 2),
        height: Math.round(size.height * 2),
      });
      expect(brightnessVariance(png), chart.name).toBeGreaterThan(50);
      expect(inkFraction(png), chart.name).toBeGreaterThan(0.01);
    }
  });
});

describe("writeReport with hostile completions", () => {
  it("keeps XSS payloads in completions, prompts and function names as text", async () => {
    const { store: hostile } = await storeWithSimulatedRun({ runName: "xss" }, runWithXssPayloads("xss"));
    try {
      const dir = join(tempDir(), "xss");
      await writeReport(hostile, "xss", dir, { completions: XSS_PAYLOADS.length });
      const page = readFileSync(join(dir, "report.html"), "utf8");
      for (const payload of XSS_PAYLOADS) {
        expect(page).not.toContain(payload);
        expect(page).toContain(escapeHtml(payload));
      }
      expect(page).not.toContain(XSS_FUNCTION);
      // Escaped text never holds a raw quote, so blanking quoted attribute values leaves only real markup.
      const markup = page.replace(/="[^"]*"/g, '=""');
      expect(markup).not.toMatch(/<(script|iframe|img|object|embed)\b/i);
      expect(markup).not.toMatch(/<[a-z][^>]*\son\w+=/i);
      expect(markup.match(/<style\b/gi)).toHaveLength(1);
      expect(page.match(/<a\b[^>]*>/gi)?.every((a) => /^<a href="#[a-z]+">$/.test(a))).toBe(true);
    } finally {
      await hostile.close();
    }
  });
});

describe("writeReport on a run with no analysed step yet", () => {
  it("writes every file, each chart saying there is nothing to draw", async () => {
    const { store: empty } = await storeWithSimulatedRun({ runName: "new" }, [
      { type: "run", name: "new", rewardFunctions: ["accuracy"] },
    ]);
    try {
      const dir = join(tempDir(), "new");
      const written = await writeReport(empty, "new", dir);
      expect(written).toMatchObject({ steps: 0, alerts: 0 });
      const page = readFileSync(join(dir, "report.html"), "utf8");
      expect(page).toContain("no step analysed yet");
      expect(readFileSync(join(dir, "metrics_history.csv"), "utf8")).toBe("step\r\n");
      for (const chart of CHARTS) {
        const png = decodePng(readFileSync(join(dir, `${chart.name}.png`)));
        expect(inkFraction(png), chart.name).toBeGreaterThan(0.001);
      }
    } finally {
      await empty.close();
    }
  });
});
