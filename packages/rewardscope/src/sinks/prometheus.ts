import type { LiveBus, RunMessage } from "../ingest/live-bus.js";
import { integerOption } from "./check-options.js";
import { COUNTERS, GAUGES, type GaugeKey, gaugesOf } from "./prometheus-families.js";
import { renderFamily, type Sample } from "./prometheus-text.js";
import type { Sink } from "./sink.js";

export interface PrometheusOptions {
  /** Runs exported at once; beyond, the run updated least recently is forgotten. Default 1,000. */
  maxRuns?: number;
}

interface RunSeries {
  gauges: Map<GaugeKey, Sample[]>;
  calls: Map<string, number>;
  errors: Map<string, number>;
  /** Keyed by type and severity. */
  alerts: Map<string, { type: string; severity: string; count: number }>;
}

/**
 * Prometheus gauges of each run's latest step (step, reward mean/std/min/max/p90 and EMAs per function, total
 * reward, zero-std groups, quality, training metrics) and counters (reward-function calls and errors, alerts by
 * type and severity), rendered in the text format 0.0.4 for `GET /metrics`. Given a bus it subscribes itself;
 * it is also a Sink for `attachSinks`. Memory is bounded by `maxRuns` and `forgetRun`.
 * @example
 * const prometheus = new PrometheusExporter(bus);
 * app.get("/metrics", (_req, reply) => reply.type("text/plain; version=0.0.4").send(prometheus.render()));
 */
export class PrometheusExporter implements Sink {
  readonly name = "prometheus";
  private readonly runs = new Map<string, RunSeries>();
  private readonly maxRuns: number;
  private readonly unsubscribe: () => void;

  constructor(bus?: LiveBus, options: PrometheusOptions = {}) {
    this.maxRuns = integerOption(options.maxRuns, 1000, "maxRuns", 1);
    this.unsubscribe = bus ? bus.subscribeAll((message) => this.handle(message)) : () => {};
  }

  handle(message: RunMessage): void {
    if (message.kind === "run") return;
    const series = this.series(message.run);
    if (message.kind === "step") {
      series.gauges = gaugesOf(message.run, message.report);
      for (const [fn, calls] of Object.entries(message.report.calls)) {
        series.calls.set(fn, (series.calls.get(fn) ?? 0) + calls.calls);
        series.errors.set(fn, (series.errors.get(fn) ?? 0) + calls.errors);
      }
    } else {
      const { type, severity } = message.alert;
      const key = `${type}\u0000${severity}`;
      const entry = series.alerts.get(key) ?? { type, severity, count: 0 };
      entry.count++;
      series.alerts.set(key, entry);
    }
  }

  /** Stops exporting a run (it was deleted, or is of no more interest). */
  forgetRun(run: string): void {
    this.runs.delete(run);
  }

  /**
   * Every family with samples, each with `# HELP` and `# TYPE` once, runs in the order they were last updated.
   * @example
   * prometheus.render().split("\n")[0]; // "# HELP rewardscope_step The last analysed step of the run."
   */
  render(): string {
    const runs = [...this.runs.entries()];
    let text = "";
    for (const key of Object.keys(GAUGES) as GaugeKey[])
      text += renderFamily(
        GAUGES[key],
        runs.flatMap(([, s]) => s.gauges.get(key) ?? []),
      );
    const counter = (field: "calls" | "errors"): Sample[] =>
      runs.flatMap(([run, s]) => [...s[field]].map(([fn, value]) => ({ labels: { run, fn }, value })));
    text += renderFamily(COUNTERS.calls, counter("calls"));
    text += renderFamily(COUNTERS.errors, counter("errors"));
    text += renderFamily(
      COUNTERS.alerts,
      runs.flatMap(([run, s]) =>
        [...s.alerts.values()].map((a) => ({
          labels: { run, type: a.type, severity: a.severity },
          value: a.count,
        })),
      ),
    );
    return text;
  }

  /** Unsubscribes from the bus given to the constructor. */
  async close(): Promise<void> {
    this.unsubscribe();
  }

  private series(run: string): RunSeries {
    let series = this.runs.get(run);
    if (series) {
      this.runs.delete(run); // re-inserted below: the Map's order is the recency order
    } else {
      series = { gauges: new Map(), calls: new Map(), errors: new Map(), alerts: new Map() };
      if (this.runs.size >= this.maxRuns) this.runs.delete(this.runs.keys().next().value as string);
    }
    this.runs.set(run, series);
    return series;
  }
}
