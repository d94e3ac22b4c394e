import { parseEvent, RewardscopeError, type RewardscopeEvent } from "@rewardscope/core";
import { checkJsonDepth } from "./json-depth.js";

/** A bad event of a posted batch: the field path starts at `events[i]`, and `line` is set for NDJSON. */
export class BatchError extends RewardscopeError {
  readonly line: number | undefined;

  constructor(message: string, field: string, line?: number) {
    super("invalid_event", message, field);
    this.name = "BatchError";
    this.line = line;
  }
}

/**
 * A checked batch: its events, the batchId they share (null when none carries one), and for NDJSON the line of
 * each event, so it is stored and analysed without being encoded again.
 */
export interface ParsedBatch {
  events: RewardscopeEvent[];
  batchId: string | null;
  lines?: string[];
}

/** Checks events one by one against the event format and against the rest of their batch. */
class BatchChecker {
  readonly events: RewardscopeEvent[] = [];
  private batchId: string | undefined;

  constructor(private readonly run: string) {}

  add(raw: unknown, line: number | undefined): void {
    const index = this.events.length;
    const event = this.parse(raw, index, line);
    if (event.type === "run" && event.name !== this.run) {
      const message = `names run ${JSON.stringify(event.name)}, but the batch is for ${JSON.stringify(this.run)}`;
      throw new BatchError(message, `events[${index}].name`, line);
    }
    if (event.type !== "run" && event.type !== "step_end" && event.batchId !== undefined) {
      if (this.batchId !== undefined && event.batchId !== this.batchId) {
        const message = `is ${JSON.stringify(event.batchId)}, but an earlier event has ${JSON.stringify(this.batchId)}: one batch, one batchId (or send an Idempotency-Key header)`;
        throw new BatchError(message, `events[${index}].batchId`, line);
      }
      this.batchId = event.batchId;
    }
    this.events.push(event);
  }

  done(): ParsedBatch {
    if (this.events.length === 0) throw new BatchError("the batch holds no events", "events");
    return { events: this.events, batchId: this.batchId ?? null };
  }

  private parse(raw: unknown, index: number, line: number | undefined): RewardscopeEvent {
    try {
      const event = parseEvent(raw);
      // Stored as is and read back by recursive code: a config nested thousands deep is refused here.
      if (event.type === "run" && event.config !== undefined) checkJsonDepth(event.config, "config");
      return event;
    } catch (error) {
      if (!(error instanceof RewardscopeError)) throw error;
      if (error.field === undefined) throw new BatchError(error.message, `events[${index}]`, line);
      const message = error.message.slice(error.field.length + 2);
      throw new BatchError(message, `events[${index}].${error.field}`, line);
    }
  }
}

/**
 * Parses an NDJSON body for `run`, one event a line (blank lines skipped but counted), all or nothing.
 * @throws BatchError on the first bad line, e.g. field "events[3].rewards.accuracy[2]", line 4; on an empty
 * batch, a "run" event naming another run, or events carrying different batchIds.
 * @example
 * const { events, batchId } = parseNdjsonBatch("qwen-1", '{"type":"metrics","step":1,"values":{"kl":0.1}}\n');
 */
export function parseNdjsonBatch(run: string, text: string): ParsedBatch {
  const checker = new BatchChecker(run);
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split("\n");
  const eventLines: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "") continue;
    eventLines.push(line);
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      const field = `events[${checker.events.length}]`;
      throw new BatchError(`invalid JSON: ${(error as Error).message}`, field, i + 1);
    }
    checker.add(raw, i + 1);
  }
  return { ...checker.done(), lines: eventLines };
}

/**
 * Checks a decoded JSON body for `run`: an array of events (or one event object), all or nothing.
 * @throws BatchError on the first bad element, e.g. field "events[3].step", and as parseNdjsonBatch does.
 * @example
 * const { events } = parseArrayBatch("qwen-1", [{ type: "metrics", step: 1, values: { kl: 0.1 } }]);
 */
export function parseArrayBatch(run: string, value: unknown): ParsedBatch {
  const checker = new BatchChecker(run);
  for (const raw of Array.isArray(value) ? value : [value]) checker.add(raw, undefined);
  return checker.done();
}
