import type Database from "better-sqlite3";
import { bucketCount } from "../downsample.js";
import type { ResolvedSeriesQuery } from "../query-options.js";
import type { SeriesPoints } from "../store.js";

// Series values are the bulk of the file (~150 a step), so each row is (run, name id, step, value) in a
// WITHOUT ROWID table clustered by series: reading one series over a step range is one contiguous range scan.
export const SERIES_SCHEMA = `
CREATE TABLE series_names (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE run_series (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name_id INTEGER NOT NULL REFERENCES series_names (id),
  PRIMARY KEY (run_id, name_id)
) WITHOUT ROWID;
CREATE TABLE series (
  run_id INTEGER NOT NULL,
  name_id INTEGER NOT NULL,
  step INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (run_id, name_id, step)
) WITHOUT ROWID;`;

type Range = { run: number; name: number; from: number; to: number };

/** The series tables: the names, which run has which, and the values. */
export class SeriesTable {
  /** Name -> id, and the "run:name id" pairs known to be in run_series: filled after each commit. */
  private readonly ids = new Map<string, number>();
  private readonly linked = new Set<string>();
  private readonly nameId: Database.Statement<[string], { id: number }>;
  private readonly addName: Database.Statement<[string], { id: number }>;
  private readonly link: Database.Statement<[number, number]>;
  private readonly insert: Database.Statement<[number, number, number, number]>;
  private readonly removeStep: Database.Statement<{ run: number; step: number }>;
  private readonly namesOf: Database.Statement<[number], { name: string }>;
  private readonly extent: Database.Statement<Range, { n: number; lo: number | null; hi: number | null }>;
  private readonly points: Database.Statement<Range, { step: number; value: number }>;
  private readonly sampled: Database.Statement<Range & { buckets: number }, { step: number; value: number }>;

  constructor(db: Database.Database) {
    this.nameId = db.prepare("SELECT id FROM series_names WHERE name = ?");
    this.addName = db.prepare("INSERT INTO series_names (name) VALUES (?) RETURNING id");
    this.link = db.prepare("INSERT OR IGNORE INTO run_series (run_id, name_id) VALUES (?, ?)");
    this.insert = db.prepare(
      "INSERT OR REPLACE INTO series (run_id, name_id, step, value) VALUES (?, ?, ?, ?)",
    );
    this.removeStep = db.prepare(`
      DELETE FROM series WHERE run_id = :run AND step = :step
        AND name_id IN (SELECT name_id FROM run_series WHERE run_id = :run)`);
    this.namesOf = db.prepare(`
      SELECT n.name FROM run_series r JOIN series_names n ON n.id = r.name_id WHERE r.run_id = ? ORDER BY n.name`);
    const where = "run_id = :run AND name_id = :name AND step BETWEEN :from AND :to";
    this.extent = db.prepare(
      `SELECT count(*) AS n, min(step) AS lo, max(step) AS hi FROM series WHERE ${where}`,
    );
    this.points = db.prepare(`SELECT step, value FROM series WHERE ${where} ORDER BY step`);
    // downsample.ts's rule in SQL: buckets over [lo, hi], the first minimum and first maximum of each. The
    // parameters arrive as doubles, so the division is a double's, floored by the cast, exactly as bucketOf.
    this.sampled = db.prepare(`
      WITH ranked AS (
        SELECT step, value,
          row_number() OVER (PARTITION BY bucket ORDER BY value, step) AS low,
          row_number() OVER (PARTITION BY bucket ORDER BY value DESC, step) AS high
        FROM (SELECT step, value, CAST(((step - :from) * :buckets) / (:to - :from + 1) AS INTEGER) AS bucket
              FROM series WHERE ${where}))
      SELECT step, value FROM ranked WHERE low = 1 OR high = 1 ORDER BY step`);
  }

  /** Writes one step's values (finite, checked by the caller). Call inside the step's transaction. */
  put(runId: number, step: number, values: Record<string, number>): void {
    for (const name in values) {
      const id = this.idOf(name);
      const key = `${runId}:${id}`;
      if (!this.linked.has(key)) {
        this.link.run(runId, id);
        this.linked.add(key);
      }
      this.insert.run(runId, id, step, values[name] as number);
    }
  }

  /** Deletes one step's values, before the step is written again. */
  deleteStep(runId: number, step: number): void {
    this.removeStep.run({ run: runId, step });
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
    return query.names.map((name) => {
      const out: SeriesPoints = { name, steps: [], values: [] };
      const id = this.ids.get(name) ?? this.nameId.get(name)?.id;
      if (id === undefined) return out;
      const range = { run: runId, name: id, from: query.fromStep, to: query.toStep };
      const extent = this.extent.get(range);
      if (!extent || extent.n === 0 || extent.lo === null || extent.hi === null) return out;
      const rows =
        query.maxPoints === null || extent.n <= query.maxPoints
          ? this.points.all(range)
          : this.sampled.all({
              ...range,
              from: extent.lo,
              to: extent.hi,
              buckets: bucketCount(query.maxPoints),
            });
      for (const row of rows) {
        out.steps.push(row.step);
        out.values.push(row.value);
      }
      return out;
    });
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
