import type Database from "better-sqlite3";
import type { ResolvedCompletionQuery } from "../query-options.js";
import type { CompletionRecord } from "../store.js";
import { completionSearch, registerFold } from "./completion-search.js";
import type { SearchIndex } from "./search-index.js";

export const COMPLETIONS_SCHEMA = `
CREATE TABLE completions (
  -- AUTOINCREMENT: ids are never reused, so the search index's high-water mark stays true after deletes.
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  prompt TEXT,
  completion TEXT NOT NULL,
  rewards TEXT NOT NULL,
  total REAL,
  grp INTEGER,
  length INTEGER,
  truncated INTEGER,
  advantage REAL,
  flags TEXT NOT NULL,
  flagged INTEGER NOT NULL,
  UNIQUE (run_id, step, idx)
);`;

interface CompletionRow {
  step: number;
  idx: number;
  prompt: string | null;
  completion: string;
  rewards: string;
  total: number | null;
  grp: number | null;
  length: number | null;
  truncated: number | null;
  advantage: number | null;
  flags: string;
}

type Filter = {
  run: number;
  fromStep: number;
  toStep: number;
  flagged: number | null;
  match: string | null;
  contains: string | null;
};

/** The `completions` table (with its text index): the completions kept of each step. */
export class CompletionsTable {
  private readonly insert: Database.Statement<unknown[]>;
  private readonly removeStep: Database.Statement<[number, number]>;
  private readonly count: Database.Statement<Filter, { total: number }>;
  /** One statement per ordering (the ORDER BY cannot be a parameter), prepared on first use. */
  private readonly pages = new Map<
    string,
    Database.Statement<Filter & Record<string, unknown>, CompletionRow>
  >();
  private readonly where: string;
  private readonly indexed: boolean;

  constructor(
    private readonly db: Database.Database,
    private readonly index: SearchIndex | null,
  ) {
    registerFold(db);
    this.indexed = index !== null;
    this.insert = db.prepare(`
      INSERT INTO completions
        (run_id, step, idx, prompt, completion, rewards, total, grp, length, truncated, advantage, flags, flagged)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.removeStep = db.prepare("DELETE FROM completions WHERE run_id = ? AND step = ?");
    this.where = `
      run_id = :run AND step BETWEEN :fromStep AND :toStep AND (:flagged IS NULL OR flagged = :flagged)
      AND ${this.indexed ? "(:match IS NULL OR id IN (SELECT rowid FROM completions_fts WHERE completions_fts MATCH :match))" : ":match IS NULL"}
      AND (:contains IS NULL OR rs_contains(completion, :contains) OR rs_contains(prompt, :contains))`;
    this.count = db.prepare(`SELECT count(*) AS total FROM completions WHERE ${this.where}`);
  }

  /** Writes one step's kept completions (checked by the caller). */
  add(runId: number, step: number, records: readonly CompletionRecord[]): void {
    for (const c of records)
      this.insert.run(
        runId,
        step,
        c.index,
        c.prompt,
        c.completion,
        JSON.stringify(c.rewards),
        c.total,
        c.group,
        c.length,
        c.truncated === null ? null : Number(c.truncated),
        c.advantage,
        JSON.stringify(c.flags),
        c.flags.length > 0 ? 1 : 0,
      );
  }

  deleteStep(runId: number, step: number): void {
    this.removeStep.run(runId, step);
  }

  query(runId: number, query: ResolvedCompletionQuery): { total: number; completions: CompletionRecord[] } {
    if (query.search !== null) this.index?.catchUp();
    const filter: Filter = {
      run: runId,
      fromStep: query.fromStep,
      toStep: query.toStep,
      flagged: query.flagged === null ? null : Number(query.flagged),
      ...completionSearch(query.search, this.indexed),
    };
    const total = this.count.get(filter)?.total ?? 0;
    if (query.limit === 0) return { total, completions: [] };
    const { statement, params } = this.page(query);
    const rows = statement.all({ ...filter, ...params, limit: query.limit, offset: query.offset });
    return { total, completions: rows.map(toRecord) };
  }

  private page(query: ResolvedCompletionQuery) {
    const dir = query.order === "asc" ? "ASC" : "DESC";
    const key =
      query.sortBy === null ? `step ${dir}` : query.sortBy === "total" ? `total ${dir}` : `fn ${dir}`;
    let statement = this.pages.get(key);
    if (!statement) {
      // Nulls last either way; ties by newest step, then index.
      const order =
        query.sortBy === null
          ? `step ${dir}, idx`
          : query.sortBy === "total"
            ? `total IS NULL, total ${dir}, step DESC, idx`
            : `sort_value IS NULL, sort_value ${dir}, step DESC, idx`;
      const sortValue =
        query.sortBy === null || query.sortBy === "total" ? "" : ", rewards ->> :path AS sort_value";
      statement = this.db.prepare(
        `SELECT *${sortValue} FROM completions WHERE ${this.where} ORDER BY ${order} LIMIT :limit OFFSET :offset`,
      );
      this.pages.set(key, statement);
    }
    // A JSON path label quoted as JSON.stringify quotes the keys of the stored rewards, so any name matches.
    const params = key.startsWith("fn") ? { path: `$.${JSON.stringify(query.sortBy)}` } : {};
    return { statement, params };
  }
}

function toRecord(row: CompletionRow): CompletionRecord {
  return {
    step: row.step,
    index: row.idx,
    prompt: row.prompt,
    completion: row.completion,
    rewards: JSON.parse(row.rewards) as Record<string, number | null>,
    total: row.total,
    group: row.grp,
    length: row.length,
    truncated: row.truncated === null ? null : row.truncated === 1,
    advantage: row.advantage,
    flags: JSON.parse(row.flags) as string[],
  };
}
