import { CRASH_RUN, type PlannedBatch, plannedBatch, WORLD_SIZE } from "./crash-plan.case.js";
import type { ServeProcess } from "./serve-process.case.js";

/** The server the writers post to: it comes and goes as the test kills and restarts it. */
export class ServerSlot {
  private server: ServeProcess | null = null;
  private waiting: (() => void)[] = [];
  private closed = false;
  /** Acknowledgements received from the current server: the killer waits for one before it arms its timer. */
  acksSinceStart = 0;

  /** Resolves with the server's URL once one is up. */
  async url(): Promise<string> {
    while (this.server === null && !this.closed)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.closed || this.server === null) throw new SlotClosedError();
    return this.server.url;
  }

  /** The test is over: writers stop at their next post. */
  close(): void {
    this.closed = true;
    this.server = null;
    for (const wake of this.waiting.splice(0)) wake();
  }

  up(server: ServeProcess): void {
    this.server = server;
    this.acksSinceStart = 0;
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** Writers stop picking this server before it is killed. */
  down(): void {
    this.server = null;
  }
}

/** Thrown to a writer once the test has ended. */
export class SlotClosedError extends Error {}

/** What the server answered for a batch. */
interface IngestAnswer {
  run: string;
  duplicate: boolean;
  accepted: number;
  analysedSteps: number[];
}

/** A writer's record: batches acknowledged (and whether the first acknowledgement said duplicate). */
export interface WriterLog {
  acked: Map<string, { duplicate: boolean }>;
  /** Posts that failed on the network (the server died under them) and were retried. */
  retries: number;
  /** Acknowledged batches sent again on purpose: each must come back as a duplicate. */
  resent: number;
  /** Anything that is not a clean 200 or a network failure: the test fails on any. */
  problems: string[];
  /** The step the writer is sending. */
  step: number;
}

export function newWriterLog(): WriterLog {
  return { acked: new Map(), retries: 0, resent: 0, problems: [], step: 0 };
}

/** Posts one batch; throws RefusedError on a non-200 answer and a TypeError or SyntaxError on a network failure. */
async function post(url: string, batch: PlannedBatch): Promise<IngestAnswer> {
  const headers: Record<string, string> = { "content-type": "application/x-ndjson" };
  if (batch.idInHeader) headers["idempotency-key"] = batch.id;
  // Rank 1 asks for the answer once the batch is durable, before its analysis: both acknowledgement modes crash.
  const ack = batch.rank === 1 ? "?ack=durable" : "";
  const response = await fetch(`${url}/api/v1/runs/${CRASH_RUN}/events${ack}`, {
    method: "POST",
    headers,
    body: batch.body,
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new RefusedError(`batch ${batch.id}: ${response.status} ${text.slice(0, 300)}`);
  }
  // A body cut short by the kill is a network failure: the batch is not acknowledged.
  return JSON.parse(text) as IngestAnswer;
}

class RefusedError extends Error {}

/** Sends `batch` until a server acknowledges it, across crashes, with the same id every time. */
export async function sendUntilAcked(slot: ServerSlot, batch: PlannedBatch, log: WriterLog): Promise<void> {
  for (;;) {
    const url = await slot.url();
    try {
      const answer = await post(url, batch);
      slot.acksSinceStart++;
      if (!log.acked.has(batch.id)) log.acked.set(batch.id, { duplicate: answer.duplicate });
      if (answer.duplicate && answer.accepted !== 0)
        log.problems.push(`batch ${batch.id}: a duplicate answer accepted ${answer.accepted} events`);
      return;
    } catch (error) {
      if (error instanceof RefusedError) {
        log.problems.push(error.message);
        return;
      }
      log.retries++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/**
 * One rank's writer: steps 0, 1, ... up to `lastStep()` (which the test fixes once it has killed enough), each
 * step as batch "a" then batch "b", every batch retried until acknowledged. One acknowledged batch in ten is sent
 * again at once, and must be answered as a duplicate.
 */
export async function runRankWriter(
  slot: ServerSlot,
  rank: number,
  lastStep: () => number,
  log: WriterLog,
  random: () => number,
): Promise<number> {
  let step = 0;
  for (; step <= lastStep(); step++) {
    log.step = step;
    for (const part of ["a", "b"] as const) {
      const batch = plannedBatch(step, rank, part);
      await sendUntilAcked(slot, batch, log);
      if (random() < 0.1) {
        log.resent++;
        const again = await resendOnce(slot, batch, log);
        if (again !== null && !again.duplicate)
          log.problems.push(
            `batch ${batch.id}: sent again after its acknowledgement, it was not a duplicate`,
          );
      }
    }
  }
  return step;
}

/** Sends an acknowledged batch once more; null when the server died meanwhile (nothing to learn then). */
async function resendOnce(
  slot: ServerSlot,
  batch: PlannedBatch,
  log: WriterLog,
): Promise<IngestAnswer | null> {
  const url = await slot.url();
  try {
    return await post(url, batch);
  } catch (error) {
    if (error instanceof RefusedError) log.problems.push(`sent again, ${error.message}`);
    return null;
  }
}

/** The steps all of whose batches (every rank, both parts) are in `acked`. */
export function fullyAckedSteps(acked: ReadonlySet<string>): number[] {
  const steps: number[] = [];
  for (let step = 0; ; step++) {
    let all = true;
    for (let rank = 0; rank < WORLD_SIZE && all; rank++)
      all = acked.has(`s${step}-r${rank}-a`) && acked.has(`s${step}-r${rank}-b`);
    if (!all) return steps;
    steps.push(step);
  }
}
