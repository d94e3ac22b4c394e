export { HttpIngest } from "./http-ingest.js";
export { detectFormat, importFile } from "./import-file.js";
export type { RunTally } from "./import-into-store.js";
export { type ImportedLog, type ImportedRun, type ImportLogsOptions, importLogs } from "./import-logs.js";
export { type LocalIngest, openLocalIngest } from "./local-ingest.js";
export { type ImportOutput, LOG_FORMATS, type LogFormat } from "./log-format.js";
export { FolderWatcher, type WatchBatch, type WatchPoll } from "./watch/folder-watcher.js";
export { type WatchFolderOptions, type WatchResult, watchFolder } from "./watch/watch-folder.js";
