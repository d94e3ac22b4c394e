import { basename, dirname, resolve } from "node:path";
import { MAX_RUN_NAME_LENGTH } from "../store/run-name.js";

const LOG_SUFFIX = /(\.trainer_state)?\.(json|jsonl|ndjson|csv|parquet)$/i;
const TFEVENTS = /\.?events\.out\.tfevents\..*$/;

/**
 * The run a log is imported into when no --run is given: a folder's name; a file's name without its log
 * suffixes (`aaipl.trainer_state.json` -> "aaipl"); for a bare `trainer_state.json` or event file, the folder
 * that holds it (above `checkpoint-N`). Made a valid run name (no "/", "\\", "..", control characters).
 * @example
 * runNameFor("outputs/qwen/checkpoint-500/trainer_state.json", false); // "qwen"
 */
export function runNameFor(path: string, isFolder: boolean): string {
  const full = resolve(path);
  let name = isFolder ? basename(full) : basename(full).replace(TFEVENTS, "").replace(LOG_SUFFIX, "");
  if (!isFolder && (name === "" || name === "trainer_state" || /^\d+$/.test(name))) {
    let dir = dirname(full);
    if (/^checkpoint-\d+$/.test(basename(dir))) dir = dirname(dir);
    name = basename(dir);
  }
  const clean = [...name.replace(/[\p{Cc}/\\]/gu, "-").replace(/\.\.+/g, ".")]
    .slice(0, MAX_RUN_NAME_LENGTH)
    .join("");
  return clean === "" || clean === "." ? "imported" : clean;
}
