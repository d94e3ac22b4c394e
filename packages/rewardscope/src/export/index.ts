export type { ExportFormat, ExportOutput, ExportSummary } from "./export-format.js";
export { EXPORT_FORMATS, exportFormat } from "./formats.js";
export { type RebuildCounts, rebuildRunEvents } from "./run-events.js";
