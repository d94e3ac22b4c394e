import { bucketCount } from "../downsample.js";
import type { ResolvedSeriesQuery } from "../query-options.js";
import type { SeriesPoints } from "../store.js";
import type { Sql } from "./sql.js";

const RANGE = "run_id = $1 AND name_id = $2 AND step BETWEEN $3::bigint AND $4::bigint";

// downsample.ts's rule in SQL: buckets over [lo, hi], the first minimum and first maximum of each. The bucket is
// computed in double precision, as bucketOf computes it in JavaScript, so both cut the steps alike.
const SAMPLED = `
WITH ranked AS (
  SELECT step, value,
    row_number() OVER (PARTITION BY bucket ORDER BY value, step) AS low,
    row_number() OVER (PARTITION BY bucket ORDER BY value DESC, step) AS high
  FROM (SELECT step, value,
          floor(((step - $3::bigint)::float8 * $5::float8) / ($4::bigint - $3::bigint + 1)::float8) AS bucket
        FROM series WHERE ${RANGE}) AS bucketed)
SELECT step, value FROM ranked WHERE low = 1 OR high = 1 ORDER BY step`;

/**
 * The series tables: the names (shared by all runs), which run has which, and the values. Name ids and the links
 * known to exist are cached; a link is cached only once the transaction that made it has committed.
 */
export class SeriesTable {
  private readonly ids = new Map<string, number>();
  private readonly linked = new Set<string>();

  /**
   * The ids of these names, creating the missing ones outside any step transaction (committed at once, so they can
   * be cached; an unused name row is harmless, as in the SQLite store).
   */
  async idsOf(sql: Sql, names: readonly string[]): Promise<Map<string, number>> {
    const missing = names.filter((name) => !this.ids.has(name));
    if (missing.length > 0) {
      await sql.query("INSERT INTO series_names (name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING", [
        missing,
      ]);
      const { rows } = await sql.query<{ id: number; name: string }>(
        "SELECT id, name FROM series_names WHERE name = ANY($1::text[])",
        [missing],
      );
      for (const row of rows) this.ids.set(row.name, row.id);
    }
    return new Map(names.map((name) => [name, this.ids.get(name) as number]));
  }

  /**
   * Writes one step's values (finite, checked by the caller) inside the step's transaction. Returns what to call once
   * that transaction has committed.
   */
  async put(
    sql: Sql,
    runId: number,
    step: number,
    values: Record<string, number>,
    ids: Map<string, number>,
  ): Promise<() => void> {
    const names = Object.keys(values);
    const nameIds = names.map((name) => ids.get(name) as number);
    const unlinked = nameIds.filter((id) => !this.linked.has(`${runId}:${id}`));
    if (unlinked.length > 0)
      await sql.query(
        "INSERT INTO run_series (run_id, name_id) SELECT $1, unnest($2::integer[]) ON CONFLICT DO NOTHING",
        [runId, unlinked],
      );
    if (names.length > 0)
      await sql.query(
        `INSERT INTO series (run_id, name_id, step, value)
         SELECT $1, unnest($2::integer[]), $3, unnest($4::float8[])
         ON CONFLICT (run_id, name_id, step) DO UPDATE SET value = excluded.value`,
        [runId, nameIds, step, names.map((name) => values[name])],
      );
    return () => {
      for (const id of unlinked) this.linked.add(`${runId}:${id}`);
    };
  }

  /** Deletes one step's values, before the step is written again. */
  async deleteStep(sql: Sql, runId: number, step: number): Promise<void> {
    // Through run_series so that each delete is a primary-key lookup per series, not a scan of the run.
    await sql.query(
      `DELETE FROM series WHERE run_id = $1 AND step = $2
         AND name_id IN (SELECT name_id FROM run_series WHERE run_id = $1)`,
      [runId, step],
    );
  }

  async names(sql: Sql, runId: number): Promise<string[]> {
    const { rows } = await sql.query<{ name: string }>(
      `SELECT n.name FROM run_series r JOIN series_names n ON n.id = r.name_id WHERE r.run_id = $1
       ORDER BY n.name COLLATE "C"`,
      [runId],
    );
    return rows.map((row) => row.name);
  }

  async read(sql: Sql, runId: number, query: ResolvedSeriesQuery): Promise<SeriesPoints[]> {
    const ids = new Map<string, number>();
    const unknown = query.names.filter((name) => !this.ids.has(name));
    if (unknown.length > 0) {
      const { rows } = await sql.query<{ id: number; name: string }>(
        "SELECT id, name FROM series_names WHERE name = ANY($1::text[])",
        [unknown],
      );
      for (const row of rows) ids.set(row.name, row.id);
    }
    return Promise.all(
      query.names.map(async (name): Promise<SeriesPoints> => {
        const out: SeriesPoints = { name, steps: [], values: [] };
        const id = this.ids.get(name) ?? ids.get(name);
        if (id === undefined) return out;
        const range = [runId, id, query.fromStep, query.toStep];
        const { rows: extents } = await sql.query<{ n: number; lo: number | null; hi: number | null }>(
          `SELECT count(*) AS n, min(step) AS lo, max(step) AS hi FROM series WHERE ${RANGE}`,
          range,
        );
        const extent = extents[0];
        if (!extent || extent.n === 0 || extent.lo === null || extent.hi === null) return out;
        const { rows } =
          query.maxPoints === null || extent.n <= query.maxPoints
            ? await sql.query<{ step: number; value: number }>(
                `SELECT step, value FROM series WHERE ${RANGE} ORDER BY step`,
                range,
              )
            : await sql.query<{ step: number; value: number }>(SAMPLED, [
                runId,
                id,
                extent.lo,
                extent.hi,
                bucketCount(query.maxPoints),
              ]);
        for (const row of rows) {
          out.steps.push(row.step);
          out.values.push(row.value);
        }
        return out;
      }),
    );
  }
}
