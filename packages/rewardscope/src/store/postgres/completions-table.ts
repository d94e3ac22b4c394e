import type { ResolvedCompletionQuery } from "../query-options.js";
import type { CompletionRecord } from "../store.js";
import { storableText, unstorable } from "./pg-text.js";
import { FOLD } from "./schema.js";
import type { Sql } from "./sql.js";

interface CompletionRow {
  step: number;
  idx: number;
  prompt: string | null;
  completion: string;
  exact: string | null;
  rewards: string;
  total: number | null;
  grp: number | null;
  length: number | null;
  truncated: boolean | null;
  advantage: number | null;
  flags: string;
}

// The search text is plain text: lower-cased as the stored text is (FOLD), then LIKE's wildcards and its escape
// character escaped, so "100%" or "50_5" mean those characters.
const PATTERN = `'%' || replace(replace(replace(${FOLD("$5::text")}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;

const WHERE = `
  run_id = $1 AND step BETWEEN $2::bigint AND $3::bigint AND ($4::boolean IS NULL OR flagged = $4::boolean)
  AND ($5::text IS NULL OR ${FOLD("completion")} LIKE ${PATTERN} OR ${FOLD("prompt")} LIKE ${PATTERN})`;

/** NaN has no place in a sort column: SQLite stores it as null, and so does this store. */
function finiteOrNull(value: number | null): number | null {
  return value === null || Number.isNaN(value) ? null : value;
}

/** The `completions` table: the completions kept of each step, searchable by their folded text. */
export const completionsTable = {
  /**
   * Writes one step's kept completions (checked by the caller) in one statement. Serialising the rewards may throw
   * (a value JSON cannot hold): call it inside the step's transaction, which then rolls back whole.
   */
  async add(sql: Sql, runId: number, step: number, records: readonly CompletionRecord[]): Promise<void> {
    if (records.length === 0) return;
    const exact = (c: CompletionRecord) =>
      unstorable(c.completion) || (c.prompt !== null && unstorable(c.prompt))
        ? JSON.stringify([c.completion, c.prompt])
        : null;
    await sql.query(
      `INSERT INTO completions
         (run_id, step, idx, prompt, completion, exact, rewards, total, grp, length, truncated, advantage, flags,
          flagged)
       SELECT $1, $2, * FROM unnest($3::integer[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[],
         $9::float8[], $10::float8[], $11::boolean[], $12::float8[], $13::text[], $14::boolean[])`,
      [
        runId,
        step,
        records.map((c) => c.index),
        records.map((c) => (c.prompt === null ? null : storableText(c.prompt))),
        records.map((c) => storableText(c.completion)),
        records.map(exact),
        records.map((c) => JSON.stringify(c.rewards)),
        records.map((c) => finiteOrNull(c.total)),
        records.map((c) => finiteOrNull(c.group)),
        records.map((c) => finiteOrNull(c.length)),
        records.map((c) => c.truncated),
        records.map((c) => finiteOrNull(c.advantage)),
        records.map((c) => JSON.stringify(c.flags)),
        records.map((c) => c.flags.length > 0),
      ],
    );
  },

  async deleteStep(sql: Sql, runId: number, step: number): Promise<void> {
    await sql.query("DELETE FROM completions WHERE run_id = $1 AND step = $2", [runId, step]);
  },

  async query(
    sql: Sql,
    runId: number,
    query: ResolvedCompletionQuery,
  ): Promise<{ total: number; completions: CompletionRecord[] }> {
    const filter = [
      runId,
      query.fromStep,
      query.toStep,
      query.flagged,
      query.search === null ? null : storableText(query.search),
    ];
    const { rows: counted } = await sql.query<{ total: number }>(
      `SELECT count(*) AS total FROM completions WHERE ${WHERE}`,
      filter,
    );
    const total = counted[0]?.total ?? 0;
    if (query.limit === 0 || total === 0) return { total, completions: [] };
    const dir = query.order === "asc" ? "ASC" : "DESC";
    // Nulls last either way; ties by newest step, then index. A function's value is read from the stored rewards
    // by its name as a parameter, so any name works and none is SQL.
    const [order, params]: [string, string[]] =
      query.sortBy === null
        ? [`step ${dir}, idx`, []]
        : query.sortBy === "total"
          ? [`total ${dir} NULLS LAST, step DESC, idx`, []]
          : [`(rewards::jsonb ->> $8::text)::float8 ${dir} NULLS LAST, step DESC, idx`, [query.sortBy]];
    const { rows } = await sql.query<CompletionRow>(
      `SELECT step, idx, prompt, completion, exact, rewards, total, grp, length, truncated, advantage, flags
       FROM completions WHERE ${WHERE} ORDER BY ${order} LIMIT $6 OFFSET $7`,
      [...filter, query.limit, query.offset, ...params],
    );
    return { total, completions: rows.map(toRecord) };
  },
};

function toRecord(row: CompletionRow): CompletionRecord {
  const [completion, prompt] = row.exact
    ? (JSON.parse(row.exact) as [string, string | null])
    : [row.completion, row.prompt];
  return {
    step: row.step,
    index: row.idx,
    prompt,
    completion,
    rewards: JSON.parse(row.rewards) as Record<string, number | null>,
    total: row.total,
    group: row.grp,
    length: row.length,
    truncated: row.truncated,
    advantage: row.advantage,
    flags: JSON.parse(row.flags) as string[],
  };
}
