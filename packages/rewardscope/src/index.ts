/**
 * The public API of the `rewardscope` package: the pieces of the command that the server, importers and
 * scripts reuse. `@rewardscope/core` holds the analysis engine itself.
 */
export {
  type AnalyseOptions,
  type AnalyseResult,
  analyseStream,
  MAX_PROBLEMS_SHOWN,
} from "./cli/analyse-stream.js";
export { type CliIo, type Command, EXIT } from "./cli/cli-io.js";
export {
  type FlagSpec,
  type FlagTable,
  type FlagValues,
  formatFlagHelp,
  HELP_FLAG,
  parseFlags,
} from "./cli/flags.js";
export { type RunAnalysisOptions, runAnalysis } from "./cli/run-analysis.js";
export { COMMANDS, runCli } from "./cli/run-cli.js";
export { formatAlertLine, formatRaisedAlert } from "./console/alert-line.js";
export { formatBreakdown } from "./console/breakdown.js";
export {
  formatMetric,
  formatMs,
  formatNumber,
  formatPercent,
  formatSigned,
  padColumns,
} from "./console/format.js";
export { formatRunSummary, type RunSummaryInput } from "./console/run-summary.js";
export { createStyle, paintSeverity, type Style, stripControl } from "./console/style.js";
export { type FileSink, openFileSink } from "./io/file-sink.js";
export { type JsonReportWriter, openJsonReport } from "./io/json-report.js";
export { loadConfig, parseConfigText } from "./io/load-config.js";
export {
  fileErrorReason,
  type Input,
  locate,
  openInput,
  type RawRecord,
  readRecords,
} from "./io/read-events.js";
