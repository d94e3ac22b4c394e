import { stat } from "node:fs/promises";
import type { RewardscopeEvent } from "@rewardscope/core";
import { readTfEventRecords, type TfEvent } from "../../formats/tfevents/index.js";
import { csvToEvents } from "../csv-log.js";
import { importFile, stepOfFileName } from "../import-file.js";
import { JsonlLogReader } from "../jsonl-log.js";
import type { ImportOutput } from "../log-format.js";
import { tfEventsToEvents } from "../tfevents-log.js";
import { readFrom } from "./read-range.js";

/** New events of one followed file since the last poll; `final` (the watch stops) gives everything held back. */
export interface Follower {
  readonly path: string;
  poll(final: boolean): Promise<ImportOutput | null>;
}

const NOTHING = null;

/**
 * A growing TensorBoard event file, read from the end of the last whole record. The records of the newest
 * step are held back until a later step appears: the trainer may still be writing that step's scalars.
 */
export class TfEventsFollower implements Follower {
  private offset = 0;
  private held: TfEvent[] = [];

  constructor(readonly path: string) {}

  async poll(final: boolean): Promise<ImportOutput | null> {
    const { bytes, restarted } = await readFrom(this.path, this.offset);
    if (restarted) [this.offset, this.held] = [0, []];
    const { events, nextOffset, errors } = readTfEventRecords(bytes);
    this.offset += nextOffset;
    this.held.push(...events);
    let latest = -1;
    for (const e of this.held) if (e.step > latest) latest = e.step;
    const ready = final ? this.held : this.held.filter((e) => e.step < latest);
    this.held = final ? [] : this.held.filter((e) => e.step >= latest);
    if (ready.length === 0 && errors.length === 0) return NOTHING;
    return tfEventsToEvents(ready, this.path, errors);
  }
}

/**
 * A growing JSONL log (verl's file logger, a custom loop's metrics, events, completion rows), read line by line
 * from where it stopped; a line still being written waits for its newline. Completion rows of a file that
 * stopped growing are read at once (a verl rollout dump is written whole).
 */
export class JsonlFollower implements Follower {
  private offset = 0;
  private reader: JsonlLogReader;
  private readonly decoder = new TextDecoder();

  constructor(readonly path: string) {
    this.reader = new JsonlLogReader(path, stepOfFileName(path));
  }

  async poll(final: boolean): Promise<ImportOutput | null> {
    const { bytes, restarted } = await readFrom(this.path, this.offset);
    if (restarted) [this.offset, this.reader] = [0, new JsonlLogReader(this.path, stepOfFileName(this.path))];
    const end = final ? bytes.length : bytes.lastIndexOf(0x0a) + 1;
    const parts: ImportOutput[] = [];
    if (end > 0) {
      this.offset += end;
      parts.push(this.reader.push(this.decoder.decode(bytes.subarray(0, end))));
    }
    // Nothing new this poll: the writer paused, so what is held (a step's completion rows) is complete.
    if (final || end === 0) parts.push(this.reader.end());
    return joined(parts, this.reader.format ?? "events");
  }
}

/** A CSV log that grows by rows: the header once, then every complete new line. */
export class CsvFollower implements Follower {
  private offset = 0;
  private header: string | null = null;

  constructor(readonly path: string) {}

  async poll(final: boolean): Promise<ImportOutput | null> {
    const { bytes, restarted } = await readFrom(this.path, this.offset);
    if (restarted) [this.offset, this.header] = [0, null];
    const end = final ? bytes.length : bytes.lastIndexOf(0x0a) + 1;
    if (end === 0) return NOTHING;
    this.offset += end;
    let text = new TextDecoder().decode(bytes.subarray(0, end));
    if (this.header === null) {
      const newline = text.indexOf("\n");
      this.header = newline === -1 ? text : text.slice(0, newline);
      text = newline === -1 ? "" : text.slice(newline + 1);
    }
    if (text.trim() === "") return NOTHING;
    return csvToEvents(`${this.header}\n${text}`, this.path);
  }
}

/**
 * A TRL completions parquet file: written whole, read once its size has held still for a poll (a file still
 * being written does not parse).
 */
export class ParquetFollower implements Follower {
  private lastSize = -1;
  private done = false;
  private failures = 0;

  constructor(readonly path: string) {}

  async poll(final: boolean): Promise<ImportOutput | null> {
    if (this.done) return NOTHING;
    let size: number;
    try {
      size = (await stat(this.path)).size;
    } catch {
      return NOTHING;
    }
    const settled = size > 0 && size === this.lastSize;
    this.lastSize = size;
    if (!settled && !final) return NOTHING;
    try {
      const output = await importFile(this.path, "trl-completions");
      this.done = true;
      return output;
    } catch (error) {
      // Settled yet unreadable: give it a few polls (a writer that paused), then report it once.
      if (!final && ++this.failures < 3) return NOTHING;
      this.done = true;
      return { format: "trl-completions", events: [], problems: [(error as Error).message] };
    }
  }
}

function joined(parts: ImportOutput[], format: ImportOutput["format"]): ImportOutput | null {
  const events: RewardscopeEvent[] = parts.flatMap((p) => p.events);
  const problems = parts.flatMap((p) => p.problems);
  return events.length === 0 && problems.length === 0 ? null : { format, events, problems };
}
