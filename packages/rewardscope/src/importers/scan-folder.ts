import { readdir, readFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import type { LogFormat } from "./log-format.js";
import { parsePythonJson } from "./python-json.js";

/** A log file found in a training output folder, with the format its place and name say it holds. */
export interface FoundLog {
  path: string;
  /** null: JSONL, whose format its first line tells (see detectFormat). */
  format: LogFormat | null;
}

/** Folders a trainer writes that hold no logs, or too much to walk (model weights, caches). */
const SKIPPED_DIRS = new Set(["node_modules", ".git", "__pycache__", "wandb", ".rewardscope"]);
const MAX_DEPTH = 6;

async function walk(dir: string, depth: number, out: string[]): Promise<void> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    // A folder removed while we looked (a checkpoint rotated away by save_total_limit).
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (depth < MAX_DEPTH && !SKIPPED_DIRS.has(entry.name)) await walk(path, depth + 1, out);
    } else if (entry.isFile()) out.push(path);
  }
}

/** The global step a trainer_state.json says it was saved at (0 when unreadable: it is being written). */
export async function savedStep(path: string): Promise<number> {
  try {
    const json = parsePythonJson(await readFile(path, "utf8")) as { global_step?: unknown };
    return typeof json.global_step === "number" ? json.global_step : 0;
  } catch {
    return 0;
  }
}

/** Every log file of a folder, by kind (all trainer_state.json files, one per checkpoint). */
export interface FolderLogs {
  tfevents: string[];
  trainerStates: string[];
  parquet: string[];
  /** JSONL logs: their first line tells their format. */
  jsonl: string[];
  csv: string[];
}

/**
 * Lists the log files of a folder and its subfolders (to depth 6), sorted by path. Model files, caches and
 * `wandb/` are not looked into.
 */
export async function listLogs(dir: string): Promise<FolderLogs> {
  const files: string[] = [];
  await walk(dir, 0, files);
  files.sort();
  const logs: FolderLogs = { tfevents: [], trainerStates: [], parquet: [], jsonl: [], csv: [] };
  for (const path of files) {
    const name = basename(path);
    if (name.includes("tfevents")) logs.tfevents.push(path);
    else if (name === "trainer_state.json") logs.trainerStates.push(path);
    else if (name.endsWith(".parquet") && /completions/.test(relative(dir, path))) logs.parquet.push(path);
    else if (/\.(jsonl|ndjson)$/i.test(name)) logs.jsonl.push(path);
    else if (/\.csv$/i.test(name)) logs.csv.push(path);
  }
  return logs;
}

/** The trainer_state.json saved at the latest step (each checkpoint holds the whole history so far). */
export async function newestTrainerState(
  paths: readonly string[],
): Promise<{ path: string; step: number } | null> {
  let newest: { path: string; step: number } | null = null;
  for (const path of paths) {
    const step = await savedStep(path);
    if (newest === null || step > newest.step) newest = { path, step };
  }
  return newest;
}

/**
 * The logs of a training output folder (TRL's output_dir, verl's default_local_dir, a custom loop's folder),
 * as one run: TensorBoard event files when there are any, else the newest `trainer_state.json` (both hold the
 * same per-step scalars; event files have every logged step); TRL's `completions/*.parquet`; verl rollout dumps
 * (`<step>.jsonl`) and other JSONL and CSV logs.
 * @example
 * for (const { path, format } of await scanFolder("outputs/qwen-grpo")) console.log(format, path);
 */
export async function scanFolder(dir: string): Promise<FoundLog[]> {
  const logs = await listLogs(dir);
  const found: FoundLog[] = logs.tfevents.map((path) => ({ path, format: "tfevents" as const }));
  if (logs.tfevents.length === 0) {
    const newest = await newestTrainerState(logs.trainerStates);
    if (newest) found.push({ path: newest.path, format: "trl-trainer-state" });
  }
  for (const path of logs.parquet) found.push({ path, format: "trl-completions" });
  for (const path of logs.jsonl) found.push({ path, format: null });
  for (const path of logs.csv) found.push({ path, format: "scalars-csv" });
  return found;
}
