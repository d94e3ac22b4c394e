import { mkdirSync } from "node:fs";
import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { RewardscopeError, seriesOf } from "@rewardscope/core";
import type { RunMessage } from "../ingest/live-bus.js";
import { fileErrorReason } from "../io/read-events.js";
import { integerOption } from "./check-options.js";
import { resolveScheduler, type Scheduler } from "./scheduler.js";
import type { Sink } from "./sink.js";
import { createWarnOnce, type Warn } from "./warn-once.js";

export interface JsonlSinkOptions extends Partial<Scheduler> {
  /** Directory of `alerts.jsonl` and `metrics.jsonl`; created if missing. */
  dir: string;
  /** Buffered lines are appended at least this often (ms). Default 1,000. */
  flushMs?: number;
  /** Lines waiting in memory at most; beyond, the oldest are dropped and counted. Default 100,000. */
  maxPendingLines?: number;
  warn?: Warn;
}

/** The fields of a metrics line itself; a series with one of these names is written as `series.<name>`. */
const RESERVED = new Set(["run", "step", "time"]);

interface JsonlFile {
  path: string;
  lines: string[];
}

function metricsLine(run: string, step: number, time: string, series: Record<string, number>): string {
  const line: Record<string, unknown> = { run, step, time };
  for (const [name, value] of Object.entries(series))
    line[RESERVED.has(name) ? `series.${name}` : name] = value;
  return `${JSON.stringify(line)}\n`;
}

/**
 * Appends every alert to `<dir>/alerts.jsonl` (the alert with its `run`) and one line per analysed step to
 * `<dir>/metrics.jsonl` (`{run, step, time, ...seriesOf(report)}`, time in ISO 8601). Lines are buffered and
 * appended at least every `flushMs`, and on close; one append is in flight at a time. A failed append is
 * warned about and its lines are lost; ingestion never waits for the disk.
 * @throws RewardscopeError("invalid_argument") when the directory cannot be created, or for a bad option.
 * @example
 * const sink = createJsonlSink({ dir: ".rewardscope/out" });
 * attachSinks(bus, [sink]);
 * // ...
 * await sink.close(); // everything buffered is on disk
 */
export function createJsonlSink(options: JsonlSinkOptions): Sink {
  const flushMs = integerOption(options.flushMs, 1000, "flushMs", 1);
  const maxPending = integerOption(options.maxPendingLines, 100_000, "maxPendingLines", 1);
  const scheduler = resolveScheduler(options);
  const warn = options.warn ?? createWarnOnce();
  try {
    mkdirSync(options.dir, { recursive: true });
  } catch (error) {
    throw new RewardscopeError(
      "invalid_argument",
      `cannot create ${options.dir}: ${fileErrorReason(error)}`,
      "dir",
    );
  }
  const alerts: JsonlFile = { path: join(options.dir, "alerts.jsonl"), lines: [] };
  const metrics: JsonlFile = { path: join(options.dir, "metrics.jsonl"), lines: [] };
  let cancelTimer: (() => void) | null = null;
  let writing: Promise<void> | null = null;
  let dropped = 0;
  let closed = false;

  const append = async (file: JsonlFile): Promise<void> => {
    const lines = file.lines.splice(0);
    if (lines.length === 0) return;
    try {
      await appendFile(file.path, lines.join(""), "utf8");
    } catch (error) {
      warn(`jsonl: cannot append to ${file.path}: ${fileErrorReason(error)}`);
    }
  };
  // At most one append in flight: lines that arrive meanwhile wait in the (bounded) buffers.
  const flush = (): Promise<void> => {
    cancelTimer?.();
    cancelTimer = null;
    if (writing) return writing;
    if (alerts.lines.length + metrics.lines.length === 0) return Promise.resolve();
    writing = Promise.all([append(alerts), append(metrics)]).then(() => {
      writing = null;
      if (alerts.lines.length + metrics.lines.length > 0) return flush();
    });
    return writing;
  };
  const push = (file: JsonlFile, line: string): void => {
    file.lines.push(line);
    if (alerts.lines.length + metrics.lines.length > maxPending) {
      // Metrics lines are many and alike; an alert is worth keeping longer.
      (metrics.lines.length > 0 ? metrics : alerts).lines.shift();
      dropped++;
      warn(`jsonl: ${options.dir} cannot keep up; dropping the oldest unwritten lines`);
    }
    if (!cancelTimer && !writing) cancelTimer = scheduler.after(flushMs, () => void flush());
  };

  return {
    name: `jsonl(${options.dir})`,
    handle(message: RunMessage) {
      if (closed) return;
      if (message.kind === "alert") {
        push(alerts, `${JSON.stringify({ run: message.run, ...message.alert })}\n`);
      } else if (message.kind === "step") {
        const time = new Date(scheduler.now()).toISOString();
        push(
          metrics,
          metricsLine(message.run, message.report.step, time, message.series ?? seriesOf(message.report)),
        );
      }
    },
    async close() {
      closed = true;
      // Twice: the first may only wait for an append in flight, the second writes what it left behind.
      await flush();
      await flush();
      if (dropped > 0) warn(`jsonl: ${dropped} lines were dropped in all`);
    },
  };
}
