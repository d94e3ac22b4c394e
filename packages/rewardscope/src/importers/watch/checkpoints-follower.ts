import { readFile } from "node:fs/promises";
import type { ImportOutput } from "../log-format.js";
import { parsePythonJson } from "../python-json.js";
import { newestTrainerState } from "../scan-folder.js";
import { isTrainerState, trainerStateEvents } from "../trainer-state.js";

/**
 * The `checkpoint-*\/trainer_state.json` files of a TRL run: when a checkpoint newer than the last one read
 * appears, only its log_history rows past those already read are imported (each checkpoint repeats the whole
 * history). A file still being written does not parse and is read at the next poll.
 */
export class CheckpointsFollower {
  private rowsRead = 0;
  private stepRead = -1;

  async poll(paths: readonly string[]): Promise<{ path: string; output: ImportOutput } | null> {
    const newest = await newestTrainerState(paths);
    if (newest === null || newest.step <= this.stepRead) return null;
    let json: unknown;
    try {
      json = parsePythonJson(await readFile(newest.path, "utf8"));
    } catch {
      return null;
    }
    if (!isTrainerState(json)) return null;
    // A new run in the same folder (training restarted from scratch) starts its history again.
    const from = json.log_history.length >= this.rowsRead ? this.rowsRead : 0;
    const output = trainerStateEvents(json, newest.path, from);
    this.rowsRead = json.log_history.length;
    this.stepRead = newest.step;
    return { path: newest.path, output };
  }
}
