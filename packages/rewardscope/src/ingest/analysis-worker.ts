// The analysis worker thread: Monitors of open runs, driven by AnalysisRequests from the server's thread.
import { parentPort } from "node:worker_threads";
import type { StepWrite } from "../store/store.js";
import { toWorkerError } from "../workers/worker-error.js";
import type { AnalysisRequest, AnalysisResponse } from "./analysis-protocol.js";
import { RunAnalyses } from "./analyst.js";

const analyses = new RunAnalyses();

function answer(request: AnalysisRequest): StepWrite[] | StepWrite | null {
  switch (request.op) {
    case "open":
      analyses.open({ ...request.init, stateAs: "json" });
      return null;
    case "apply":
      return analyses.apply(request.key, request.input, request.now);
    case "closeOverdue":
      return analyses.closeOverdue(request.key, request.timeoutMs, request.now);
    case "finish":
      return analyses.finish(request.key, request.now);
    case "drop":
      analyses.drop(request.key);
      return null;
  }
}

parentPort?.on("message", (request: AnalysisRequest) => {
  let response: AnalysisResponse;
  try {
    response = { id: request.id, ok: true, value: answer(request) };
  } catch (error) {
    response = { id: request.id, ok: false, error: toWorkerError(error) };
  }
  parentPort?.postMessage(response);
});
