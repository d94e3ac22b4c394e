import { stat } from "node:fs/promises";
import { RewardscopeError, type RewardscopeEvent } from "@rewardscope/core";
import type { IngestService } from "../ingest/ingest-service.js";
import type { LiveBus } from "../ingest/live-bus.js";
import { fileErrorReason } from "../io/read-events.js";
import { detectFormat, importFile, readHead } from "./import-file.js";
import { ImportBatches, mergeRunEvents, type RunTally, tallyRun } from "./import-into-store.js";
import { JSONL_FORMATS, streamJsonlLog } from "./jsonl-stream.js";
import type { LogFormat } from "./log-format.js";
import { runNameFor } from "./run-name.js";
import { type FoundLog, scanFolder } from "./scan-folder.js";

/** One log as it was imported. */
export interface ImportedLog {
  path: string;
  format: LogFormat;
  events: number;
  problems: string[];
}

/** One run as it was imported. */
export interface ImportedRun {
  run: string;
  logs: ImportedLog[];
  /** Events stored now (0 when every batch had been imported before). */
  accepted: number;
  tally: RunTally;
  rewardFunctions: string[];
}

export interface ImportLogsOptions {
  ingest: IngestService;
  bus: LiveBus;
  /** Every path into this run; default: one run per path, named after it. */
  run?: string;
  /** Skip format detection. */
  format?: LogFormat;
}

async function logsOf(path: string): Promise<{ logs: FoundLog[]; isFolder: boolean }> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw new RewardscopeError("invalid_argument", `cannot read ${path}: ${fileErrorReason(error)}`);
  }
  if (!info.isDirectory()) return { logs: [{ path, format: null }], isFolder: false };
  const logs = await scanFolder(path);
  if (logs.length === 0)
    throw new RewardscopeError(
      "invalid_argument",
      `${path}: no logs found (trainer_state.json, events.out.tfevents.*, completions parquet, JSONL or CSV)`,
    );
  return { logs, isFolder: true };
}

/**
 * `rewardscope import`: reads each path (a log file, or a training output folder: see scanFolder), converts it to
 * events and stores them through the ingestion the server uses, then closes the run (its open steps analysed,
 * status finished). One run per path, or all into `run`. Problems of bad rows are returned with each log.
 * @throws RewardscopeError("invalid_argument") for a path that cannot be read or is not a log.
 * @example
 * const runs = await importLogs(["outputs/checkpoint-500/trainer_state.json"], { ingest: sessions, bus });
 */
export async function importLogs(
  paths: readonly string[],
  options: ImportLogsOptions,
): Promise<ImportedRun[]> {
  const groups = new Map<string, FoundLog[]>();
  for (const path of paths) {
    const { logs, isFolder } = await logsOf(path);
    const run = options.run ?? runNameFor(path, isFolder);
    groups.set(run, [...(groups.get(run) ?? []), ...logs]);
  }
  const imported: ImportedRun[] = [];
  for (const [run, logs] of groups) {
    const batches = new ImportBatches(options.ingest, run, "import");
    const { tally, stop } = tallyRun(options.bus, run);
    let read: ImportedLog[];
    try {
      read = await readRunLogs(run, logs, options.format, batches);
      await batches.end();
      if (batches.events > 0) await options.ingest.finish(run);
    } finally {
      stop();
    }
    imported.push({
      run,
      logs: read,
      accepted: batches.accepted,
      tally,
      rewardFunctions: [...batches.rewardFunctions],
    });
  }
  return imported;
}

/**
 * Reads a run's logs into `batches`: a run of one JSONL log a chunk at a time (a log of any size), several logs
 * whole, merged by step (the Monitor takes steps in order).
 */
async function readRunLogs(
  run: string,
  logs: readonly FoundLog[],
  format: LogFormat | undefined,
  batches: ImportBatches,
): Promise<ImportedLog[]> {
  const only = logs.length === 1 ? logs[0] : undefined;
  if (only) {
    const head = await readHead(only.path);
    const detected = format ?? only.format ?? detectFormat(only.path, head);
    const jsonArray = new TextDecoder()
      .decode(head)
      .replace(/^\uFEFF/, "")
      .trimStart()
      .startsWith("[");
    if (JSONL_FORMATS.has(detected) && !(detected === "events" && jsonArray)) {
      const streamed = await streamJsonlLog(only.path, (events) => batches.add(named(run, events)));
      return [{ path: only.path, ...streamed }];
    }
  }
  const outputs = [];
  for (const log of logs)
    outputs.push({ path: log.path, ...(await importFile(log.path, format ?? log.format ?? undefined)) });
  await batches.add(
    mergeRunEvents(
      run,
      outputs.map((o) => o.events),
    ),
  );
  return outputs.map((o) => ({
    path: o.path,
    format: o.format,
    events: o.events.length,
    problems: o.problems,
  }));
}

/** Events of a streamed log, its run events renamed to the run they are imported into. */
function named(run: string, events: RewardscopeEvent[]): RewardscopeEvent[] {
  return events.map((event) => (event.type === "run" ? { ...event, name: run } : event));
}
