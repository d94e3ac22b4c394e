import {
  type ErrorCode,
  foldNotRun,
  type Monitor,
  parseEvent,
  parseEventLine,
  RewardscopeError,
  type StepReport,
} from "@rewardscope/core";
import { formatRaisedAlert } from "../console/alert-line.js";
import { formatBreakdown } from "../console/breakdown.js";
import { createStyle } from "../console/style.js";
import type { JsonReportWriter } from "../io/json-report.js";
import { locate, type RawRecord } from "../io/read-events.js";
import type { CliIo } from "./cli-io.js";

/** Malformed lines beyond this many are counted but not printed, so a garbage file cannot flood the terminal. */
export const MAX_PROBLEMS_SHOWN = 20;

export interface AnalyseOptions {
  monitor: Monitor;
  /** The input's name in messages: a path, "stdin", "demo". */
  source: string;
  io: CliIo;
  /** Print the breakdown of the first step, then each time the step number reaches a multiple of this. */
  every: number;
  /** Stop at the first malformed record (throwing) instead of skipping it. */
  strict: boolean;
  /** Print no breakdowns and no alerts (problems still go to stderr). */
  quiet: boolean;
  /** Receives every step report, if given. */
  json?: JsonReportWriter;
}

export interface AnalyseResult {
  /** Steps analysed. */
  steps: number;
  /** Malformed records skipped. */
  skipped: number;
  /** Detectors that could not run on any step for lack of completions (a log of aggregates only). */
  notRun: string[];
}

/**
 * Feeds a stream of raw records through the Monitor: decodes and validates each, prints the breakdown
 * of the first step, of each step that reaches a multiple of `every`, and of the last one, prints each alert as it is raised, writes every report to
 * the JSON report. A malformed record is reported as `SOURCE:LINE: field: problem` on stderr and skipped.
 * The one path that `analyze` and `demo` share.
 * @throws RewardscopeError("invalid_event") on the first malformed record when `strict` is set.
 * @example
 * const result = await analyseStream(readRecords(await openInput("run.jsonl")), {
 *   monitor: new Monitor(), source: "run.jsonl", io, every: 50, strict: false, quiet: false,
 * });
 */
export async function analyseStream(
  records: AsyncIterable<RawRecord> | Iterable<RawRecord>,
  options: AnalyseOptions,
): Promise<AnalyseResult> {
  const { monitor, io, every, json } = options;
  const style = createStyle(io.color === true);
  let steps = 0;
  let skipped = 0;
  let notRun: string[] | undefined;
  // The first step is shown at once (the user sees the layout early), then every `every` steps.
  let nextPrintAt = 0;
  // Held back one step so that the last step, known only at the end, gets a breakdown rather than alert lines.
  let pending: StepReport | null = null;

  const show = (report: StepReport, last: boolean): void => {
    if (options.quiet) return;
    if (last || report.step >= nextPrintAt) {
      io.stdout(`${formatBreakdown(report, style)}\n`);
      nextPrintAt = (Math.floor(report.step / every) + 1) * every;
    } else {
      for (const alert of report.alerts) io.stdout(formatRaisedAlert(alert, style));
    }
  };
  const take = async (reports: StepReport[]): Promise<void> => {
    for (const report of reports) {
      steps++;
      notRun = foldNotRun(notRun, report);
      if (json) await json.step(report);
      if (pending) show(pending, false);
      pending = report;
    }
  };

  const malformed = (problem: string, code: ErrorCode): void => {
    if (options.strict) throw new RewardscopeError(code, problem);
    skipped++;
    if (skipped <= MAX_PROBLEMS_SHOWN) io.stderr(`${problem}\n`);
    if (skipped === MAX_PROBLEMS_SHOWN + 1) io.stderr("further malformed lines are counted, not shown\n");
  };

  for await (const record of records) {
    if (record.kind === "problem") {
      malformed(record.message, "invalid_event");
      continue;
    }
    let reports: StepReport[];
    try {
      reports = monitor.ingest(
        record.kind === "line" ? parseEventLine(record.text) : parseEvent(record.value),
      );
    } catch (error) {
      if (!(error instanceof RewardscopeError)) throw error;
      malformed(`${locate(options.source, record)}: ${error.message}`, error.code);
      continue;
    }
    await take(reports);
  }
  await take(monitor.flush());
  if (pending) show(pending, true);
  return { steps, skipped, notRun: notRun ?? [] };
}
