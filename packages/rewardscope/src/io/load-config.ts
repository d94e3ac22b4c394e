import { readFile } from "node:fs/promises";
import { type MonitorConfigInput, RewardscopeError } from "@rewardscope/core";
import { parse as parseYaml } from "yaml";
import { fileErrorReason } from "./read-events.js";

/**
 * Reads a Monitor configuration from a JSON file (`.json`) or a YAML file (anything else). Only the
 * syntax and the top-level shape are checked here: the Monitor checks every setting when it starts.
 * An empty file is an empty configuration.
 * @throws RewardscopeError("invalid_argument") when the file cannot be read,
 *   RewardscopeError("invalid_config") when it does not parse or is not a mapping.
 * @example
 * const monitor = new Monitor({ config: await loadConfig("rewardscope.yaml") });
 */
export async function loadConfig(path: string): Promise<MonitorConfigInput> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new RewardscopeError("invalid_argument", `cannot read config ${path}: ${fileErrorReason(error)}`);
  }
  return parseConfigText(text, path);
}

/**
 * Parses the text of a configuration file; `path` picks the syntax (JSON for `.json`, else YAML) and names
 * the file in messages.
 * @example
 * parseConfigText("window: 500\n", "rewardscope.yaml"); // { window: 500 }
 */
export function parseConfigText(text: string, path: string): MonitorConfigInput {
  let value: unknown;
  try {
    value = path.toLowerCase().endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new RewardscopeError("invalid_config", `cannot parse config ${path}: ${reason}`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    const got = Array.isArray(value) ? "a list" : `${typeof value} ${JSON.stringify(value)}`;
    throw new RewardscopeError("invalid_config", `config ${path} must be a mapping of settings, got ${got}`);
  }
  // The Monitor validates every field and names the bad one, so the shape is not restated here.
  return value as MonitorConfigInput;
}
