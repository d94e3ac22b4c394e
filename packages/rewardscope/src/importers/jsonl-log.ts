import { RewardscopeError } from "@rewardscope/core";
import { type CompletionRow, completionRowsToEvents, isCompletionRow } from "./completion-rows.js";
import { EventCollector } from "./event-collector.js";
import type { ImportOutput, LogFormat } from "./log-format.js";
import { parsePythonJson } from "./python-json.js";
import { scalarRowEvents } from "./scalar-row.js";
import { readStep, stepColumn, stepProblem } from "./step-column.js";

const EVENT_TYPES = new Set(["run", "rewards", "reward_stats", "metrics", "calls", "step_end"]);

type Row = Record<string, unknown>;

/** Which JSONL format a decoded line says its file is. */
export function classifyJsonlRow(row: Row): LogFormat {
  if (typeof row.type === "string" && EVENT_TYPES.has(row.type)) return "events";
  if (typeof row.data === "object" && row.data !== null && row.step !== undefined) return "verl-metrics";
  if (isCompletionRow(row)) return "completion-rows";
  return "scalars-jsonl";
}

function numbersOf(row: Row, skip: string | null): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [key, value] of Object.entries(row))
    if (key !== skip && typeof value === "number") values[key] = value;
  return values;
}

/**
 * Reads a JSONL log of any of the JSONL formats, a piece at a time (a watcher feeds a growing file): the first
 * object line decides the format (events, verl's file logger `{"step", "data"}`, completion rows, flat scalars
 * with a step column), each later line is read as that format. Python's bare NaN and Infinity read as missing.
 * Completion rows of a step are held until a later step or `end()` (a step's completions belong in one event).
 * @example
 * const reader = new JsonlLogReader("metrics.jsonl");
 * const { events, problems } = reader.push(text); // complete lines only
 * reader.end();
 */
export class JsonlLogReader {
  format: LogFormat | null = null;
  private line = 0;
  private held: CompletionRow[] = [];

  /** `defaultStep`: the step of completion rows without one (a verl rollout dump `<step>.jsonl`). */
  constructor(
    private readonly source: string,
    private readonly defaultStep?: number,
  ) {}

  /** Reads complete lines (a trailing piece without its newline is read as a line too). */
  push(text: string): ImportOutput {
    const out = new EventCollector();
    for (const raw of text.split("\n")) {
      this.line++;
      if (raw.trim() === "") continue;
      this.readLine(raw, `${this.source}:${this.line}`, out);
    }
    // The split counts one line past a final newline.
    if (text.endsWith("\n")) this.line--;
    const rows = this.takeHeldRows(false);
    return this.merge(out, rows);
  }

  /** The end of the input: completion rows still held are read. */
  end(): ImportOutput {
    return this.merge(new EventCollector(), this.takeHeldRows(true));
  }

  private readLine(text: string, where: string, out: EventCollector): void {
    let row: unknown;
    try {
      row = this.format === "events" ? JSON.parse(text) : parsePythonJson(text);
    } catch (error) {
      out.problem(
        where,
        error instanceof RewardscopeError ? error.message : `invalid JSON: ${(error as Error).message}`,
      );
      return;
    }
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      out.problem(where, "must be a JSON object");
      return;
    }
    this.format ??= classifyJsonlRow(row as Row);
    this.readRow(row as Row, where, out);
  }

  private readRow(row: Row, where: string, out: EventCollector): void {
    if (this.format === "events") out.add(row, where);
    else if (this.format === "completion-rows") this.held.push({ row, where });
    else if (this.format === "verl-metrics") {
      const step = readStep(row.step);
      if (step === null) out.problem(where, stepProblem(row.step));
      else if (typeof row.data !== "object" || row.data === null)
        out.problem(where, "data: must be an object");
      else scalarRowEvents(step, numbersOf(row.data as Row, null), out, where);
    } else {
      const column = stepColumn(row);
      const step = column === null ? null : readStep(row[column]);
      if (step === null) out.problem(where, stepProblem(column === null ? undefined : row[column]));
      else scalarRowEvents(step, numbersOf(row, column), out, where);
    }
  }

  /** Completion rows of steps before the latest one seen (all of them at the end). */
  private takeHeldRows(all: boolean): CompletionRow[] {
    if (this.held.length === 0) return [];
    if (all) return this.held.splice(0);
    let latest = -1;
    for (const { row } of this.held) if (typeof row.step === "number" && row.step > latest) latest = row.step;
    const ready = this.held.filter(({ row }) => typeof row.step === "number" && row.step < latest);
    this.held = this.held.filter(({ row }) => !(typeof row.step === "number" && row.step < latest));
    return ready;
  }

  private merge(out: EventCollector, rows: CompletionRow[]): ImportOutput {
    const format = this.format ?? "scalars-jsonl";
    if (rows.length > 0) {
      const fromRows = completionRowsToEvents(rows, format, this.defaultStep);
      out.events.push(...fromRows.events);
      out.problems.push(...fromRows.problems);
    }
    return { format, events: out.events, problems: out.problems };
  }
}
