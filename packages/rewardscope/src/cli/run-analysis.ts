import { Monitor, RewardscopeError, SEVERITIES, type Severity, severityRank } from "@rewardscope/core";
import { formatRunSummary } from "../console/run-summary.js";
import { createStyle } from "../console/style.js";
import { type JsonReportWriter, openJsonReport } from "../io/json-report.js";
import { loadConfig } from "../io/load-config.js";
import type { RawRecord } from "../io/read-events.js";
import { analyseStream, MAX_PROBLEMS_SHOWN } from "./analyse-stream.js";
import { type CliIo, EXIT } from "./cli-io.js";

export interface RunAnalysisOptions {
  /** The input's name in messages. */
  source: string;
  /** The run's name unless a run event declares one. */
  runName: string;
  /** A JSON or YAML configuration file. */
  configPath?: string;
  /** Where to write the JSON report. */
  jsonPath?: string;
  every: number;
  strict: boolean;
  quiet: boolean;
  /** Exit with EXIT.alerts when an alert at or above this severity was raised. */
  failOn?: Severity;
  /**
   * Problems found while converting the input to events (an imported log's bad rows, `FILE:LINE: problem`):
   * printed and counted as skipped, like malformed lines; under `strict` the first one stops the analysis.
   */
  problems?: readonly string[];
}

async function createMonitor(configPath: string | undefined, runName: string): Promise<Monitor> {
  const config = configPath === undefined ? undefined : await loadConfig(configPath);
  try {
    return new Monitor({ config, run: { name: runName } });
  } catch (error) {
    if (!(error instanceof RewardscopeError) || configPath === undefined) throw error;
    throw new RewardscopeError(error.code, `${configPath}: ${error.message}`);
  }
}

/**
 * One analysis from start to end, as `analyze` and `demo` run it: builds the Monitor from the config file,
 * analyses the records, writes the JSON report, prints the summary, and returns the exit code.
 * @throws RewardscopeError for user errors (bad config, unwritable report, a malformed line under strict).
 * @example
 * const code = await runAnalysis(readRecords(chunks, "run.jsonl"), io, { source: "run.jsonl", runName: "run", every: 50, strict: false, quiet: false });
 */
export async function runAnalysis(
  records: AsyncIterable<RawRecord> | Iterable<RawRecord>,
  io: CliIo,
  options: RunAnalysisOptions,
): Promise<number> {
  const problems = options.problems ?? [];
  if (options.strict && problems.length > 0)
    throw new RewardscopeError("invalid_event", problems[0] as string);
  for (const problem of problems.slice(0, MAX_PROBLEMS_SHOWN)) io.stderr(`${problem}\n`);
  if (problems.length > MAX_PROBLEMS_SHOWN) io.stderr("further malformed lines are counted, not shown\n");
  const monitor = await createMonitor(options.configPath, options.runName);
  const json: JsonReportWriter | undefined = options.jsonPath
    ? await openJsonReport(options.jsonPath)
    : undefined;
  let result: Awaited<ReturnType<typeof analyseStream>>;
  try {
    result = await analyseStream(records, { ...options, monitor, io, json });
    await json?.finish(monitor.run, monitor.alerts());
  } finally {
    await json?.close();
  }
  const alertCounts = monitor.alertCounts();
  const summary = {
    run: monitor.run.name,
    ...result,
    skipped: result.skipped + problems.length,
    lateEvents: monitor.lateEvents,
    alertCounts,
  };
  io.stdout(formatRunSummary(summary, createStyle(io.color === true)));
  if (options.jsonPath) io.stdout(`report written to ${options.jsonPath}\n`);
  if (options.failOn === undefined) return EXIT.ok;
  const threshold = severityRank(options.failOn);
  const failing = SEVERITIES.some(
    (s) => severityRank(s) >= threshold && (alertCounts.bySeverity[s] ?? 0) > 0,
  );
  return failing ? EXIT.alerts : EXIT.ok;
}
