import { expect, it } from "vitest";
import * as api from "./index.js";

it("exports exactly the public API", () => {
  expect(Object.keys(api).sort()).toEqual([
    "COMMANDS",
    "EXIT",
    "HELP_FLAG",
    "MAX_PROBLEMS_SHOWN",
    "analyseStream",
    "createStyle",
    "fileErrorReason",
    "formatAlertLine",
    "formatBreakdown",
    "formatFlagHelp",
    "formatMetric",
    "formatMs",
    "formatNumber",
    "formatPercent",
    "formatRaisedAlert",
    "formatRunSummary",
    "formatSigned",
    "loadConfig",
    "locate",
    "openFileSink",
    "openInput",
    "openJsonReport",
    "padColumns",
    "paintSeverity",
    "parseConfigText",
    "parseFlags",
    "readRecords",
    "runAnalysis",
    "runCli",
    "stripControl",
  ]);
});
