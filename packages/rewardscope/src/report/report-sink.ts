import { join } from "node:path";
import type { RunMessage } from "../ingest/live-bus.js";
import type { Sink } from "../sinks/sink.js";
import { createWarnOnce, type Warn } from "../sinks/warn-once.js";
import { checkRunName } from "../store/run-name.js";
import type { Store } from "../store/store.js";
import type { ReportSchedule } from "./report-config.js";
import { writeReport } from "./write-report.js";

export interface ReportSinkOptions {
  store: Store;
  /** Reports go to `<dataDir>/reports/<run>/`, where `rewardscope report` writes them too. */
  dataDir: string;
  schedule: ReportSchedule;
  warn?: Warn;
  /** Writes one report; default writeReport in this thread (`serve` writes them in a worker: report-job.ts). */
  write?: (store: Store, run: string, dir: string) => Promise<unknown>;
}

/** The folder of a run's report in a data folder. */
export function reportDirOf(dataDir: string, run: string): string {
  return join(dataDir, "reports", checkRunName(run));
}

/**
 * The sink that writes a run's report when the run finishes and, if configured, every N steps. Reports are written
 * in the background, one at a time (a run's whole history is in memory while its report is written); a request that arrives while one is being written is folded into one
 * more report after it, so a fast run never queues a report per step. A failed report is warned about, never thrown.
 * @example
 * attachSinks(bus, [createReportSink({ store, dataDir, schedule: { everySteps: 1000, onFinish: true } })]);
 */
export function createReportSink(options: ReportSinkOptions): Sink {
  const warn = options.warn ?? createWarnOnce();
  const write = options.write ?? writeReport;
  const every = options.schedule.everySteps;
  const lastStep = new Map<string, number>();
  const finishedAt = new Map<string, number | null>();
  const running = new Map<string, Promise<void>>();
  const pending = new Set<string>();
  let turn: Promise<void> = Promise.resolve();
  let closed = false;

  const start = (run: string): void => {
    if (running.has(run)) {
      pending.add(run);
      return;
    }
    // One report at a time across runs too: each holds a run's whole history in memory for a while.
    const task = turn
      .then(() => write(options.store, run, reportDirOf(options.dataDir, run)))
      .then(
        () => {},
        (error: unknown) => {
          warn(`report of ${run} failed: ${error instanceof Error ? error.message : String(error)}`);
        },
      )
      .then(() => {
        running.delete(run);
        if (pending.delete(run)) start(run);
      });
    running.set(run, task);
    turn = task;
  };

  return {
    name: "report",
    handle(message: RunMessage): void {
      if (closed) return;
      if (message.kind === "step" && every !== null) {
        const step = message.report.step;
        const previous = lastStep.get(message.run) ?? step - 1;
        lastStep.set(message.run, step);
        // Steps count from 0: step N-1 completes the first N steps.
        if (Math.floor((step + 1) / every) > Math.floor((previous + 1) / every)) start(message.run);
      } else if (
        message.kind === "run" &&
        options.schedule.onFinish &&
        message.record.status === "finished"
      ) {
        // The run message repeats; one report per finished state (a run resumed and finished again gets another).
        if (finishedAt.has(message.run) && finishedAt.get(message.run) === message.record.lastStep) return;
        finishedAt.set(message.run, message.record.lastStep);
        start(message.run);
      }
    },
    async close(): Promise<void> {
      closed = true;
      while (running.size > 0) await Promise.all(running.values());
    },
  };
}
