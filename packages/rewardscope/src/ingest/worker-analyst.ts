import { Worker } from "node:worker_threads";
import type { StepWrite } from "../store/store.js";
import { fromWorkerError } from "../workers/worker-error.js";
import { workerScript } from "../workers/worker-script.js";
import type { AnalysisRequest, AnalysisResponse } from "./analysis-protocol.js";
import type { AnalysisInput, Analyst } from "./analyst.js";
import type { RunAnalysisInit } from "./run-analysis.js";

type Pending = { resolve: (value: AnalysisResponse) => void };
type RequestBody = AnalysisRequest extends infer R ? (R extends unknown ? Omit<R, "id"> : never) : never;

/**
 * Runs analysis in a worker thread, so a run's Monitor works while the server's thread answers HTTP and
 * writes the store. Requests are answered in order. If the worker dies, every pending call rejects and the
 * next call starts a new worker with no runs open: sessions reopen from the store (SessionManager does).
 */
export class WorkerAnalyst implements Analyst {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  async open(init: RunAnalysisInit): Promise<void> {
    await this.call({ op: "open", init });
  }

  async apply(key: string, input: AnalysisInput, now: number): Promise<StepWrite[]> {
    return (await this.call({ op: "apply", key, input, now })) as StepWrite[];
  }

  async closeOverdue(key: string, timeoutMs: number, now: number): Promise<StepWrite | null> {
    return (await this.call({ op: "closeOverdue", key, timeoutMs, now })) as StepWrite | null;
  }

  async finish(key: string, now: number): Promise<StepWrite[]> {
    return (await this.call({ op: "finish", key, now })) as StepWrite[];
  }

  async drop(key: string): Promise<void> {
    if (this.worker) await this.call({ op: "drop", key });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private async call(body: RequestBody): Promise<StepWrite[] | StepWrite | null> {
    const id = this.nextId++;
    const response = await new Promise<AnalysisResponse>((resolve) => {
      this.pending.set(id, { resolve });
      this.start().postMessage({ ...body, id });
    });
    if (response.ok) return response.value;
    throw fromWorkerError(response.error, "analysis");
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript(import.meta.url, "analysis-worker.js"));
    // The HTTP server keeps the process alive; a worker left open must not.
    worker.unref();
    worker.on("message", (response: AnalysisResponse) => {
      this.pending.get(response.id)?.resolve(response);
      this.pending.delete(response.id);
    });
    const fail = (message: string) => {
      if (this.worker === worker) this.worker = null;
      for (const [id, { resolve }] of this.pending)
        resolve({ id, ok: false, error: { message: `the analysis worker stopped: ${message}` } });
      this.pending.clear();
    };
    worker.on("error", (error) => fail(error.message));
    worker.on("exit", (code) => fail(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }
}
