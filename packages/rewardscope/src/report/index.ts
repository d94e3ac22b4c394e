export { DEFAULT_REPORT_SCHEDULE, type ReportSchedule, resolveReportSchedule } from "./report-config.js";
export { createReportSink, type ReportSinkOptions } from "./report-sink.js";
export { type WrittenReport, writeReport } from "./write-report.js";
