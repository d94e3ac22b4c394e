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
export type { IngestResult, IngestService } from "./ingest/ingest-service.js";
export { LiveBus, type RunMessage } from "./ingest/live-bus.js";
export { DEFAULT_RETENTION, type RetentionOptions, selectCompletions } from "./ingest/retention.js";
export { SessionManager, type SessionManagerOptions } from "./ingest/session-manager.js";
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
export { demoRunName, feedDemoRun } from "./serve/demo-feed.js";
export { type RunningServer, type ServerOptions, startServer } from "./serve/start-server.js";
export { type AppOptions, buildApp, checkBind } from "./server/index.js";
export {
  attachSinks,
  createConsoleSink,
  createJsonlSink,
  createWebhookSink,
  PrometheusExporter,
  type Sink,
} from "./sinks/index.js";
export { openSqliteStore, SqliteStore } from "./store/sqlite/index.js";
export type {
  AlertQuery,
  CompletionQuery,
  CompletionRecord,
  RunRecord,
  SeriesPoints,
  SeriesQuery,
  StepWrite,
  Store,
  StoredEvent,
} from "./store/store.js";
