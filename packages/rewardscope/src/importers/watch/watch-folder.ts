import { type FSWatcher, watch } from "node:fs";
import type { IngestService } from "../../ingest/ingest-service.js";
import { FolderWatcher } from "./folder-watcher.js";

export interface WatchFolderOptions {
  ingest: IngestService;
  run: string;
  /** Stops the watch: what is held back is read, stored, and the run finished. */
  signal: AbortSignal;
  /** Longest wait between two reads of the folder (ms); file-system notifications wake it sooner. Default 2,000. */
  pollMs?: number;
  /** Each problem of the logs, once. */
  onProblem?: (problem: string) => void;
  /** After each batch is stored. */
  onBatch?: (step: number | null, events: number) => void;
}

/** What a watch stored. */
export interface WatchResult {
  batches: number;
  events: number;
  sources: Map<string, string>;
}

/** Shortest gap between two reads, so a trainer writing many small pieces does not make us spin. */
const MIN_GAP_MS = 100;

/**
 * `rewardscope watch`: follows a training output folder into a live run (see FolderWatcher) until `signal` aborts,
 * then reads what was held back, stores it and finishes the run. Woken by fs.watch where the platform reports
 * changes (recursively), and by polling every `pollMs` regardless (network file systems report nothing).
 * @example
 * const stop = new AbortController();
 * process.once("SIGINT", () => stop.abort());
 * await watchFolder("outputs/qwen", { ingest: sessions, run: "qwen", signal: stop.signal });
 */
export async function watchFolder(dir: string, options: WatchFolderOptions): Promise<WatchResult> {
  const watcher = new FolderWatcher(dir);
  const seen = new Set<string>();
  const result: WatchResult = { batches: 0, events: 0, sources: watcher.sources };
  let wake: (() => void) | null = null;
  const notifier = notify(dir, () => wake?.());
  const pass = async (final: boolean): Promise<void> => {
    const { batches, problems } = await watcher.poll(final);
    for (const problem of problems)
      if (!seen.has(problem)) {
        seen.add(problem);
        options.onProblem?.(problem);
      }
    for (const batch of batches) {
      await options.ingest.ingest(options.run, batch.id, batch.events);
      result.batches++;
      result.events += batch.events.length;
      options.onBatch?.(batch.step, batch.events.length);
    }
  };
  try {
    while (!options.signal.aborted) {
      await pass(false);
      await pause(options.pollMs ?? 2000, options.signal, (resume) => {
        wake = resume;
      });
      wake = null;
    }
    await pass(true);
    if (result.batches > 0) await options.ingest.finish(options.run);
  } finally {
    notifier?.close();
  }
  return result;
}

/** Waits `ms`, or less when woken or aborted (never less than MIN_GAP_MS unless aborted). */
function pause(ms: number, signal: AbortSignal, setWake: (resume: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    setWake(() => {
      clearTimeout(timer);
      timer = setTimeout(done, Math.max(0, MIN_GAP_MS - (Date.now() - started)));
    });
  });
}

/** fs.watch on the folder and its subfolders, where supported; null where not (polling alone then). */
function notify(dir: string, onChange: () => void): FSWatcher | null {
  try {
    const watcher = watch(dir, { recursive: true, persistent: false }, onChange);
    watcher.on("error", () => watcher.close());
    return watcher;
  } catch {
    return null;
  }
}
