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
export {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportOutput,
  type ExportSummary,
  exportFormat,
  rebuildRunEvents,
} from "./export/index.js";
export {
  detectFormat,
  FolderWatcher,
  HttpIngest,
  type ImportedLog,
  type ImportedRun,
  type ImportLogsOptions,
  type ImportOutput,
  importFile,
  importLogs,
  LOG_FORMATS,
  type LocalIngest,
  type LogFormat,
  openLocalIngest,
  type RunTally,
  type WatchBatch,
  type WatchFolderOptions,
  type WatchPoll,
  type WatchResult,
  watchFolder,
} from "./importers/index.js";
export type { IngestResult, IngestService } from "./ingest/ingest-service.js";
export { LiveBus, type RunMessage } from "./ingest/live-bus.js";
export { DEFAULT_RETENTION, type RetentionOptions, selectCompletions } from "./ingest/retention.js";
export type { RunLeases } from "./ingest/run-leases.js";
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
export {
  createReportSink,
  DEFAULT_REPORT_SCHEDULE,
  type ReportSchedule,
  type WrittenReport,
  writeReport,
} from "./report/index.js";
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
export { type OpenedStore, openStore } from "./store/open-store.js";
export { openPgStore, PgStore } from "./store/postgres/index.js";
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
