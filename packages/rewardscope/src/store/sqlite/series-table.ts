import type Database from "better-sqlite3";
import { downsampleMinMax } from "../downsample.js";
import type { ResolvedSeriesQuery } from "../query-options.js";
import type { SeriesPoints } from "../store.js";
import {
  decodeChunk,
  decodeStepValues,
  encodeChunk,
  encodeStepValues,
  type SeriesChunk,
  stepValueOf,
} from "./series-codec.js";

/** Steps per chunk of one series: a chunk is 4 KB, about one page. */
export const CHUNK_STEPS = 256;

// A step has ~150 values. Written one row per value into a table clustered by series, a step dirtied ~150
// pages; so a step is written as one row (series_recent), and once its chunk is two chunks behind the newest
// step, the chunk is moved into one row per series (series_chunks), where reading one series over a long run
// is a short range scan. A series_recent row holds all of its step's values and overrides the chunks.
export const SERIES_CHUNKS_SCHEMA = `
CREATE TABLE series_recent (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  data BLOB NOT NULL,
  UNIQUE (run_id, step)
);
CREATE TABLE series_chunks (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name_id INTEGER NOT NULL,
  chunk INTEGER NOT NULL,
  points BLOB NOT NULL,
  UNIQUE (run_id, name_id, chunk)
);
CREATE INDEX series_chunks_by_chunk ON series_chunks (run_id, chunk);`;

type ChunkRange = { run: number; name: number; from: number; to: number };

/** The series tables: the names, which run has which, and the values. */
export class SeriesTable {
  /** Name -> id, and the "run:name id" pairs known to be in run_series: filled after each commit. */
  private readonly ids = new Map<string, number>();
  private readonly linked = new Set<string>();
  private readonly nameId: Database.Statement<[string], { id: number }>;
  private readonly addName: Database.Statement<[string], { id: number }>;
  private readonly link: Database.Statement<[number, number]>;
  private readonly putRecent: Database.Statement<[number, number, Buffer]>;
  private readonly oldestRecent: Database.Statement<[number], { step: number | null }>;
  private readonly recentIn: Database.Statement<[number, number, number], { step: number; data: Buffer }>;
  private readonly dropRecent: Database.Statement<[number, number, number]>;
  private readonly chunksAt: Database.Statement<[number, number], { name_id: number; points: Buffer }>;
  private readonly putChunk: Database.Statement<[number, number, number, Buffer]>;
  private readonly dropChunk: Database.Statement<[number, number, number]>;
  private readonly chunksOf: Database.Statement<ChunkRange, { points: Buffer }>;
  private readonly namesOf: Database.Statement<[number], { name: string }>;

  constructor(db: Database.Database) {
    this.nameId = db.prepare("SELECT id FROM series_names WHERE name = ?");
    this.addName = db.prepare("INSERT INTO series_names (name) VALUES (?) RETURNING id");
    this.link = db.prepare("INSERT OR IGNORE INTO run_series (run_id, name_id) VALUES (?, ?)");
    this.putRecent = db.prepare("INSERT OR REPLACE INTO series_recent (run_id, step, data) VALUES (?, ?, ?)");
    this.oldestRecent = db.prepare("SELECT min(step) AS step FROM series_recent WHERE run_id = ?");
    this.recentIn = db.prepare(
      "SELECT step, data FROM series_recent WHERE run_id = ? AND step BETWEEN ? AND ? ORDER BY step",
    );
    this.dropRecent = db.prepare("DELETE FROM series_recent WHERE run_id = ? AND step BETWEEN ? AND ?");
    this.chunksAt = db.prepare("SELECT name_id, points FROM series_chunks WHERE run_id = ? AND chunk = ?");
    this.putChunk = db.prepare(
      "INSERT OR REPLACE INTO series_chunks (run_id, name_id, chunk, points) VALUES (?, ?, ?, ?)",
    );
    this.dropChunk = db.prepare("DELETE FROM series_chunks WHERE run_id = ? AND name_id = ? AND chunk = ?");
    this.chunksOf = db.prepare(`
      SELECT points FROM series_chunks
      WHERE run_id = :run AND name_id = :name AND chunk BETWEEN :from AND :to ORDER BY chunk`);
    this.namesOf = db.prepare(`
      SELECT n.name FROM run_series r JOIN series_names n ON n.id = r.name_id WHERE r.run_id = ? ORDER BY n.name`);
  }

  /**
   * Writes one step's values (finite, checked by the caller), replacing whatever the step had. Call inside the
   * step's transaction.
   */
  put(runId: number, step: number, values: Record<string, number>): void {
    const byId = new Map<number, number>();
    for (const name in values) {
      const id = this.idOf(name);
      const key = `${runId}:${id}`;
      if (!this.linked.has(key)) {
        this.link.run(runId, id);
        this.linked.add(key);
      }
      byId.set(id, values[name] as number);
    }
    this.putRecent.run(runId, step, encodeStepValues(byId));
    this.compactBehind(runId, Math.floor(step / CHUNK_STEPS));
  }

  /** The caches may hold ids of rows a rolled-back transaction inserted. */
  forgetUncommitted(): void {
    this.ids.clear();
    this.linked.clear();
  }

  names(runId: number): string[] {
    return this.namesOf.all(runId).map((row) => row.name);
  }

  read(runId: number, query: ResolvedSeriesQuery): SeriesPoints[] {
    const { fromStep, toStep } = query;
    const recent = this.recentIn.all(runId, fromStep, toStep);
    return query.names.map((name) => {
      const id = this.ids.get(name) ?? this.nameId.get(name)?.id;
      if (id === undefined) return { name, steps: [], values: [] };
      const merged = this.points(runId, id, fromStep, toStep, recent);
      const extent = { count: merged.steps.length, lo: merged.steps[0] ?? 0, hi: merged.steps.at(-1) ?? 0 };
      return { name, ...downsampleMinMax(pairs(merged), extent, query.maxPoints) };
    });
  }

  /** One series over [from, to], in step order: its chunks, overridden by the recent steps. */
  private points(
    runId: number,
    id: number,
    from: number,
    to: number,
    recent: { step: number; data: Buffer }[],
  ): SeriesChunk {
    const overridden = new Set(recent.map((r) => r.step));
    const old: SeriesChunk = { steps: [], values: [] };
    const range = {
      run: runId,
      name: id,
      from: Math.floor(from / CHUNK_STEPS),
      to: Math.floor(to / CHUNK_STEPS),
    };
    for (const row of this.chunksOf.iterate(range)) {
      const chunk = decodeChunk(row.points);
      for (let i = 0; i < chunk.steps.length; i++) {
        const step = chunk.steps[i] as number;
        if (step < from || step > to || overridden.has(step)) continue;
        old.steps.push(step);
        old.values.push(chunk.values[i] as number);
      }
    }
    const fresh: SeriesChunk = { steps: [], values: [] };
    for (const row of recent) {
      const value = stepValueOf(row.data, id);
      if (value === undefined) continue;
      fresh.steps.push(row.step);
      fresh.values.push(value);
    }
    return mergeByStep(old, fresh);
  }

  /** Moves every chunk at least two behind `newestChunk` from series_recent into series_chunks. */
  private compactBehind(runId: number, newestChunk: number): void {
    for (;;) {
      const oldest = this.oldestRecent.get(runId)?.step;
      if (oldest === null || oldest === undefined) return;
      const chunk = Math.floor(oldest / CHUNK_STEPS);
      if (chunk >= newestChunk - 1) return;
      this.compact(runId, chunk);
    }
  }

  private compact(runId: number, chunk: number): void {
    const first = chunk * CHUNK_STEPS;
    const last = first + CHUNK_STEPS - 1;
    const rows = this.recentIn.all(runId, first, last);
    const overridden = new Set(rows.map((r) => r.step));
    const byName = new Map<number, SeriesChunk>();
    for (const row of this.chunksAt.all(runId, chunk)) {
      const kept: SeriesChunk = { steps: [], values: [] };
      const old = decodeChunk(row.points);
      old.steps.forEach((step, i) => {
        if (overridden.has(step)) return;
        kept.steps.push(step);
        kept.values.push(old.values[i] as number);
      });
      byName.set(row.name_id, kept);
    }
    const fresh = new Map<number, SeriesChunk>();
    for (const row of rows)
      for (const [id, value] of decodeStepValues(row.data)) {
        let points = fresh.get(id);
        if (!points) {
          points = { steps: [], values: [] };
          fresh.set(id, points);
        }
        points.steps.push(row.step);
        points.values.push(value);
      }
    for (const id of new Set([...byName.keys(), ...fresh.keys()])) {
      const points = mergeByStep(
        byName.get(id) ?? { steps: [], values: [] },
        fresh.get(id) ?? { steps: [], values: [] },
      );
      if (points.steps.length === 0) this.dropChunk.run(runId, id, chunk);
      else this.putChunk.run(runId, id, chunk, encodeChunk(points));
    }
    this.dropRecent.run(runId, first, last);
  }

  private idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = (this.nameId.get(name) ?? (this.addName.get(name) as { id: number })).id;
      this.ids.set(name, id);
    }
    return id;
  }
}

/** Two step-ordered point lists with no step in common, merged in step order. */
function mergeByStep(a: SeriesChunk, b: SeriesChunk): SeriesChunk {
  if (b.steps.length === 0) return a;
  if (a.steps.length === 0) return b;
  const out: SeriesChunk = { steps: [], values: [] };
  let i = 0;
  let j = 0;
  while (i < a.steps.length || j < b.steps.length) {
    const takeA =
      j >= b.steps.length || (i < a.steps.length && (a.steps[i] as number) < (b.steps[j] as number));
    const [from, k] = takeA ? [a, i++] : [b, j++];
    out.steps.push(from.steps[k] as number);
    out.values.push(from.values[k] as number);
  }
  return out;
}

function* pairs({ steps, values }: SeriesChunk): Generator<readonly [number, number]> {
  for (let i = 0; i < steps.length; i++) yield [steps[i] as number, values[i] as number];
}
