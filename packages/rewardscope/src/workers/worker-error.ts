import { type ErrorCode, RewardscopeError } from "@rewardscope/core";

/** An error as it crosses between threads: a RewardscopeError keeps its code and field. */
export interface WorkerError {
  message: string;
  code?: string;
  field?: string;
}

/** The error thrown in a worker, fit to post. */
export function toWorkerError(error: unknown): WorkerError {
  const { message } = error instanceof Error ? error : { message: String(error) };
  if (!(error instanceof RewardscopeError)) return { message };
  // A RewardscopeError's message starts with its field ("field: problem"); the field travels on its own.
  return error.field
    ? { message: message.slice(error.field.length + 2), code: error.code, field: error.field }
    : { message, code: error.code };
}

/** The error a worker posted, thrown again in this thread; `what` names the work for an unexpected error. */
export function fromWorkerError(error: WorkerError, what: string): Error {
  if (error.code === undefined) return new Error(`${what} failed: ${error.message}`);
  return new RewardscopeError(error.code as ErrorCode, error.message, error.field);
}
