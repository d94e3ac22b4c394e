import { RewardscopeError } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { LiveBus } from "../ingest/live-bus.js";
import { PrometheusExporter } from "./prometheus.js";
import { escapeLabelValue, formatSampleValue, METRIC_NAME, renderFamily } from "./prometheus-text.js";
import { messagesOf, simulatedReports } from "./simulated-messages.case.js";

interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict reader of the text format 0.0.4, enough to prove what render() writes reads back the same. */
function parseExposition(text: string): {
  help: Map<string, string>;
  types: Map<string, string>;
  samples: ParsedSample[];
} {
  const help = new Map<string, string>();
  const types = new Map<string, string>();
  const samples: ParsedSample[] = [];
  expect(text.endsWith("\n")).toBe(true);
  for (const line of text.slice(0, -1).split("\n")) {
    const meta = /^# (HELP|TYPE) ([^ ]+) (.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      const map = kind === "HELP" ? help : types;
      expect(map.has(name), `${kind} ${name} twice`).toBe(false);
      expect(
        samples.some((s) => s.name === name),
        `${kind} ${name} after its samples`,
      ).toBe(false);
      map.set(name, rest);
      continue;
    }
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, name, labelText = "", valueText] = match as unknown as [
      string,
      string,
      string | undefined,
      string,
    ];
    const labels: Record<string, string> = {};
    const labelRe = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/y;
    for (let at = 0; at < labelText.length; ) {
      labelRe.lastIndex = at;
      const label = labelRe.exec(labelText);
      expect(label, labelText).not.toBeNull();
      labels[label![1]!] = label![2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
      at = labelRe.lastIndex;
    }
    const value = valueText === "+Inf" ? Infinity : valueText === "-Inf" ? -Infinity : Number(valueText);
    expect(valueText === "NaN" || !Number.isNaN(value), valueText).toBe(true);
    expect(types.has(name), `${name} before its TYPE`).toBe(true);
    samples.push({ name, labels, value });
  }
  return { help, types, samples };
}

const REPORTS = simulatedReports();
const LAST = REPORTS[29]!;

function sampleValue(
  samples: ParsedSample[],
  name: string,
  labels: Record<string, string>,
): number | undefined {
  return samples.find((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels))?.value;
}

describe("PrometheusExporter", () => {
  it("exports the latest step's gauges and the run's counters from the bus", () => {
    const bus = new LiveBus();
    const exporter = new PrometheusExporter(bus);
    for (const message of messagesOf("sim", REPORTS)) bus.publish(message);
    const { help, types, samples } = parseExposition(exporter.render());

    expect([...types]).toEqual([
      ["rewardscope_step", "gauge"],
      ["rewardscope_reward_mean", "gauge"],
      ["rewardscope_reward_std", "gauge"],
      ["rewardscope_reward_min", "gauge"],
      ["rewardscope_reward_max", "gauge"],
      ["rewardscope_reward_p90", "gauge"],
      ["rewardscope_reward_ema_short", "gauge"],
      ["rewardscope_reward_ema_long", "gauge"],
      ["rewardscope_total_reward_mean", "gauge"],
      ["rewardscope_zero_std_group_fraction", "gauge"],
      ["rewardscope_quality", "gauge"],
      ["rewardscope_metric", "gauge"],
      ["rewardscope_reward_fn_calls_total", "counter"],
      ["rewardscope_reward_fn_errors_total", "counter"],
      ["rewardscope_alerts_total", "counter"],
    ]);
    expect([...help.keys()]).toEqual([...types.keys()]);
    for (const name of types.keys()) expect(name).toMatch(METRIC_NAME);

    expect(sampleValue(samples, "rewardscope_step", { run: "sim" })).toBe(29);
    expect(sampleValue(samples, "rewardscope_reward_mean", { run: "sim", fn: "accuracy" })).toBe(0);
    expect(sampleValue(samples, "rewardscope_reward_p90", { run: "sim", fn: "format" })).toBe(
      LAST.rewards.format!.batch.p90,
    );
    expect(sampleValue(samples, "rewardscope_reward_ema_long", { run: "sim", fn: "accuracy" })).toBe(
      LAST.rewards.accuracy!.emaLong,
    );
    expect(sampleValue(samples, "rewardscope_total_reward_mean", { run: "sim" })).toBe(
      LAST.aggregate.total.mean,
    );
    expect(sampleValue(samples, "rewardscope_zero_std_group_fraction", { run: "sim" })).toBe(
      LAST.groups!.zeroStdFraction,
    );
    const quality = Object.entries(LAST.quality!).filter(([, v]) => v !== null);
    expect(
      samples.filter((s) => s.name === "rewardscope_quality").map((s) => [s.labels.metric, s.value]),
    ).toEqual(quality);
    expect(sampleValue(samples, "rewardscope_metric", { run: "sim", name: "kl" })).toBe(LAST.metrics.kl);
    const calls = REPORTS.reduce((sum, r) => sum + (r.calls.accuracy?.calls ?? 0), 0);
    expect(calls).toBe(30 * 64);
    expect(sampleValue(samples, "rewardscope_reward_fn_calls_total", { run: "sim", fn: "accuracy" })).toBe(
      calls,
    );
    expect(sampleValue(samples, "rewardscope_reward_fn_errors_total", { run: "sim", fn: "accuracy" })).toBe(
      0,
    );
    expect(samples.filter((s) => s.name === "rewardscope_alerts_total")).toEqual([
      {
        name: "rewardscope_alerts_total",
        labels: { run: "sim", type: "flatline", severity: "high" },
        value: 1,
      },
      {
        name: "rewardscope_alerts_total",
        labels: { run: "sim", type: "variance_collapse", severity: "high" },
        value: 1,
      },
      {
        name: "rewardscope_alerts_total",
        labels: { run: "sim", type: "saturation_low", severity: "medium" },
        value: 1,
      },
      {
        name: "rewardscope_alerts_total",
        labels: { run: "sim", type: "drop", severity: "medium" },
        value: 1,
      },
    ]);
  });

  it("escapes label values so that they read back the same, and spells NaN and infinities", () => {
    const exporter = new PrometheusExporter();
    const run = 'we"ird\\run\nname} x="1';
    const report = { ...LAST, metrics: { "a\\b": Number.NaN, inf: Infinity, ninf: -Infinity } };
    exporter.handle({ kind: "step", run, report });
    const text = exporter.render();
    expect(text).toContain('rewardscope_step{run="we\\"ird\\\\run\\nname} x=\\"1"} 29\n');
    expect(text).toContain(`rewardscope_metric{run="we\\"ird\\\\run\\nname} x=\\"1",name="a\\\\b"} NaN\n`);
    const { samples } = parseExposition(text);
    expect(new Set(samples.map((s) => s.labels.run))).toEqual(new Set([run]));
    expect(
      samples.filter((s) => s.name === "rewardscope_metric").map((s) => [s.labels.name, s.value]),
    ).toEqual([
      ["a\\b", Number.NaN],
      ["inf", Infinity],
      ["ninf", -Infinity],
    ]);
  });

  it("forgets a run on demand and the oldest run beyond maxRuns, and unsubscribes on close", async () => {
    const bus = new LiveBus();
    const exporter = new PrometheusExporter(bus, { maxRuns: 2 });
    for (const run of ["a", "b", "c"]) bus.publish({ kind: "step", run, report: REPORTS[0]! });
    bus.publish({ kind: "alert", run: "b", alert: REPORTS[14]!.alerts[0]! });
    const runs = () => new Set(parseExposition(exporter.render()).samples.map((s) => s.labels.run));
    expect(runs()).toEqual(new Set(["b", "c"]));
    exporter.forgetRun("b");
    expect(runs()).toEqual(new Set(["c"]));
    exporter.forgetRun("c");
    expect(exporter.render()).toBe("");
    expect(bus.listenerCount).toBe(1);
    await exporter.close();
    expect(bus.listenerCount).toBe(0);
    expect(() => new PrometheusExporter(undefined, { maxRuns: 0 })).toThrow(RewardscopeError);
  });
});

describe("prometheus text format", () => {
  it("escapes, spells values, and checks names", () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect([Number.NaN, Infinity, -Infinity, 1e-7, -0.5].map(formatSampleValue)).toEqual([
      "NaN",
      "+Inf",
      "-Inf",
      "1e-7",
      "-0.5",
    ]);
    const family = { name: "x_total", help: "Line\none \\ two", type: "counter" as const };
    expect(renderFamily(family, [])).toBe("");
    expect(renderFamily(family, [{ labels: {}, value: 2 }])).toBe(
      "# HELP x_total Line\\none \\\\ two\n# TYPE x_total counter\nx_total 2\n",
    );
    expect(() => renderFamily({ ...family, name: "1bad" }, [{ labels: {}, value: 1 }])).toThrow(
      RewardscopeError,
    );
    expect(() => renderFamily(family, [{ labels: { "bad-label": "x" }, value: 1 }])).toThrow(
      /bad label name/,
    );
  });
});
