import { Worker } from "node:worker_threads";
import { fromWorkerError, type WorkerError } from "../workers/worker-error.js";
import { workerScript } from "../workers/worker-script.js";
import type { WrittenReport } from "./write-report.js";

/** One report for the report worker: the run in the store at `location` (a SQLite file or a PostgreSQL URL). */
export interface ReportJob {
  location: string;
  run: string;
  dir: string;
}

/** What the report worker posts back: the report written (and the thread that wrote it), or why not. */
export type ReportJobAnswer =
  | { ok: true; written: WrittenReport; threadId: number }
  | { ok: false; error: WorkerError };

/**
 * Writes a run's report (writeReport) in a worker thread of its own, which opens the store at `location` to read
 * it: the calling thread stays free to answer requests while the history is loaded and the charts rendered.
 * @throws what writeReport throws (RewardscopeError "not_found" for an unknown run), or an Error if the worker dies.
 * @example
 * const { written } = await writeReportInWorker(".rewardscope/rewardscope.db", "qwen-1", ".rewardscope/reports/qwen-1");
 */
export function writeReportInWorker(
  location: string,
  run: string,
  dir: string,
): Promise<{ written: WrittenReport; threadId: number }> {
  return new Promise((resolve, reject) => {
    const job: ReportJob = { location, run, dir };
    const worker = new Worker(workerScript(import.meta.url, "report-worker.js"), { workerData: job });
    worker.once("message", (answer: ReportJobAnswer) => {
      if (answer.ok) resolve({ written: answer.written, threadId: answer.threadId });
      else reject(fromWorkerError(answer.error, `the report of ${run}`));
    });
    worker.once("error", reject);
    // After a message this settles nothing: the promise is settled already.
    worker.once("exit", (code) =>
      reject(new Error(`the report worker of ${run} stopped (${code}) before it answered`)),
    );
  });
}
