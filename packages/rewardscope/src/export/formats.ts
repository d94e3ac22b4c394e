import { RewardscopeError } from "@rewardscope/core";
import { csvFormat } from "./csv-format.js";
import type { ExportFormat } from "./export-format.js";
import { jsonFormat } from "./json-format.js";
import { jsonlFormat } from "./jsonl-format.js";
import { tfeventsFormat } from "./tfevents-format.js";

/** Every format of `rewardscope export --format`; a new format is one module and one line here. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [jsonFormat, csvFormat, jsonlFormat, tfeventsFormat];

/**
 * The export format of that name.
 * @throws RewardscopeError("invalid_argument", ..., "--format") for an unknown name, listing the known ones.
 * @example
 * exportFormat("csv").extension; // "csv"
 */
export function exportFormat(name: string): ExportFormat {
  const format = EXPORT_FORMATS.find((f) => f.name === name);
  if (!format)
    throw new RewardscopeError(
      "invalid_argument",
      `unknown format ${JSON.stringify(name)}; one of: ${EXPORT_FORMATS.map((f) => f.name).join(", ")}`,
      "--format",
    );
  return format;
}
