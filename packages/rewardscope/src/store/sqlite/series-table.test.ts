import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { downsampleMinMax } from "../downsample.js";
import { MIGRATIONS, migrate } from "./migrations.js";
import { CHUNK_STEPS, SeriesTable } from "./series-table.js";

function database(migrations = MIGRATIONS): Database.Database {
  const db = new Database(":memory:");
  migrate(db, migrations);
  db.prepare("INSERT INTO runs (name, created_at, updated_at) VALUES ('r', 'now', 'now')").run();
  return db;
}

/** A seeded linear congruential generator: the same writes every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const query = (names: string[], maxPoints: number | null = null, fromStep = 0, toStep = 10 ** 9) => ({
  names,
  maxPoints,
  fromStep,
  toStep,
});

describe("SeriesTable", () => {
  it("reads back what was written over many chunks, with rewritten and late steps, as a plain map would", () => {
    const db = database();
    const table = new SeriesTable(db);
    const next = random(7);
    const model = new Map<number, Record<string, number>>();
    const write = (step: number) => {
      const values: Record<string, number> = {};
      for (const name of ["a", "b", "c"]) if (next() < 0.8) values[name] = Math.round(next() * 1000) / 10;
      db.transaction(() => table.put(1, step, values))();
      model.set(step, values);
    };
    const steps = 5 * CHUNK_STEPS + 17;
    for (let step = 0; step < steps; step++) if (step % 97 !== 5) write(step);
    for (let i = 0; i < 40; i++) write(Math.floor(next() * steps)); // rewritten whole, in compacted chunks too
    for (let step = 5; step < steps; step += 97) write(step); // late
    for (let step = steps; step < steps + 3 * CHUNK_STEPS; step++) write(step); // compacts the late ones

    const chunks = db.prepare("SELECT count(*) AS n FROM series_chunks").get() as { n: number };
    expect(chunks.n).toBeGreaterThan(0);
    for (const name of ["a", "b", "c"]) {
      const expected = [...model.entries()]
        .filter(([, values]) => values[name] !== undefined)
        .sort(([x], [y]) => x - y);
      const [whole] = table.read(1, query([name]));
      expect(whole?.steps).toEqual(expected.map(([step]) => step));
      expect(whole?.values).toEqual(expected.map(([, values]) => values[name]));
      const inRange = expected.filter(([step]) => step >= 300 && step <= 900);
      const [range] = table.read(1, query([name], 40, 300, 900));
      const extent = { count: inRange.length, lo: inRange[0]?.[0] ?? 0, hi: inRange.at(-1)?.[0] ?? 0 };
      const points = inRange.map(([step, values]) => [step, values[name] as number] as const);
      expect(range).toEqual({ name, ...downsampleMinMax(points, extent, 40) });
    }
    expect(table.read(1, query(["absent"]))).toEqual([{ name: "absent", steps: [], values: [] }]);
    expect(table.names(1)).toEqual(["a", "b", "c"]);
  });

  it("keeps at most about three chunks of steps as single rows", () => {
    const db = database();
    const table = new SeriesTable(db);
    for (let step = 0; step < 10 * CHUNK_STEPS; step++)
      db.transaction(() => table.put(1, step, { x: step }))();
    const recent = db.prepare("SELECT count(*) AS n FROM series_recent").get() as { n: number };
    expect(recent.n).toBeLessThanOrEqual(2 * CHUNK_STEPS);
  });

  it("moves a version 1 file's series into chunks, value for value", () => {
    const db = database(MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO series_names (id, name) VALUES (1, 'loss'), (2, 'kl')").run();
    db.prepare("INSERT INTO run_series (run_id, name_id) VALUES (1, 1), (1, 2)").run();
    const insert = db.prepare("INSERT INTO series (run_id, name_id, step, value) VALUES (1, ?, ?, ?)");
    for (let step = 0; step < 3 * CHUNK_STEPS + 9; step++) {
      insert.run(1, step, step / 2);
      if (step % 3 === 0) insert.run(2, step, -step);
    }
    expect(migrate(db)).toEqual([2]);
    const table = new SeriesTable(db);
    const [loss, kl] = table.read(1, query(["loss", "kl"]));
    expect(loss?.steps.length).toBe(3 * CHUNK_STEPS + 9);
    expect(loss?.values[101]).toBe(50.5);
    expect(kl?.steps.every((s) => s % 3 === 0)).toBe(true);
    expect(kl?.values.at(-1)).toBe(-(kl?.steps.at(-1) ?? 0));
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE name = 'series'").all();
    expect(tables).toEqual([]);
  });
});
