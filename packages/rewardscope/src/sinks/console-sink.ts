import type { StepReport } from "@rewardscope/core";
import { formatRaisedAlert } from "../console/alert-line.js";
import { formatBreakdown } from "../console/breakdown.js";
import { createStyle, stripControl } from "../console/style.js";
import type { RunMessage } from "../ingest/live-bus.js";
import { integerOption } from "./check-options.js";
import type { Sink } from "./sink.js";

export interface ConsoleSinkOptions {
  /** Where the text goes, e.g. `(text) => process.stdout.write(text)`. */
  write(text: string): void;
  /** Show a step's breakdown at the first step, then each time the step reaches a multiple of this. Default 50. */
  every?: number;
  /** ANSI colours. Default false. */
  color?: boolean;
  /** Runs remembered at once; the least recently seen is forgotten beyond this. Default 1,000. */
  maxRuns?: number;
}

interface RunView {
  nextPrintAt: number;
  /** The step last shown as a breakdown: its alerts are in it, so their `alert` messages are not printed. */
  shownStep: number | null;
  last: StepReport | null;
}

/**
 * Prints the live runs the way `rewardscope analyze` prints a file: per run, the step breakdown of the
 * first step and every `every` steps, each alert as it is raised, and the breakdown of the last step when
 * the run finishes. Once a second run streams, every line starts with `[run] `.
 * @throws RewardscopeError("invalid_argument") for a bad `every` or `maxRuns`.
 * @example
 * attachSinks(bus, [createConsoleSink({ write: (text) => process.stdout.write(text), every: 50 })]);
 */
export function createConsoleSink(options: ConsoleSinkOptions): Sink {
  const every = integerOption(options.every, 50, "every", 1);
  const maxRuns = integerOption(options.maxRuns, 1000, "maxRuns", 1);
  const style = createStyle(options.color ?? false);
  const runs = new Map<string, RunView>();
  let several = false;
  let closed = false;

  const view = (run: string): RunView => {
    let state = runs.get(run);
    if (state) {
      runs.delete(run); // re-inserted below: the Map's order is the recency order
    } else {
      state = { nextPrintAt: 0, shownStep: null, last: null };
      if (runs.size > 0) several = true;
      if (runs.size >= maxRuns) runs.delete(runs.keys().next().value as string);
    }
    runs.set(run, state);
    return state;
  };
  const out = (run: string, text: string): void => {
    const prefix = several ? style.dim(`[${stripControl(run)}] `) : "";
    const body = prefix === "" ? text : text.replace(/^(?=.)/gm, prefix);
    try {
      options.write(body);
    } catch {
      // A closed stdout must not stop ingestion; there is nowhere left to say so.
    }
  };
  const breakdown = (run: string, state: RunView, report: StepReport): void => {
    out(run, `${formatBreakdown(report, style)}\n`);
    state.shownStep = report.step;
    state.nextPrintAt = (Math.floor(report.step / every) + 1) * every;
  };

  const handle = (message: RunMessage): void => {
    if (closed) return;
    const state = view(message.run);
    if (message.kind === "step") {
      state.last = message.report;
      if (message.report.step >= state.nextPrintAt) breakdown(message.run, state, message.report);
    } else if (message.kind === "alert") {
      if (message.alert.step !== state.shownStep) out(message.run, formatRaisedAlert(message.alert, style));
    } else if (message.record.status === "finished" && state.last && state.last.step !== state.shownStep) {
      breakdown(message.run, state, state.last);
    }
  };

  return {
    name: "console",
    handle,
    async close() {
      closed = true;
      runs.clear();
    },
  };
}
