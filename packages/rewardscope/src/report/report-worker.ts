// A report written in its own worker thread: it opens the store itself, so rendering a long run's history (seconds
// of CPU, hundreds of MB) holds up neither the server's thread nor its heap.
import { parentPort, threadId, workerData } from "node:worker_threads";
import { openStoreToRead } from "../store/open-store.js";
import { toWorkerError } from "../workers/worker-error.js";
import type { ReportJob, ReportJobAnswer } from "./report-job.js";
import { writeReport } from "./write-report.js";

async function answer({ location, run, dir }: ReportJob): Promise<ReportJobAnswer> {
  try {
    const store = await openStoreToRead(location);
    try {
      return { ok: true, written: await writeReport(store, run, dir), threadId };
    } finally {
      await store.close();
    }
  } catch (error) {
    return { ok: false, error: toWorkerError(error) };
  }
}

parentPort?.postMessage(await answer(workerData as ReportJob));
