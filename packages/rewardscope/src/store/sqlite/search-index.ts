import type Database from "better-sqlite3";

// Trigram tokens make every substring of 3+ characters findable, in any script, case-folded. External content:
// the index holds no second copy of the text. Indexing is deferred: trigram-indexing a step's kept completions
// costs ~10x the rest of saveStep, so rows are indexed after the step is durable, in chunks (SearchIndex), and
// `indexed_through` says how far. A deleted row leaves the index only if it was in it.
export const SEARCH_INDEX_SCHEMA = `
CREATE VIRTUAL TABLE completions_fts USING fts5(
  completion, prompt, content = 'completions', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TABLE completions_fts_progress (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_through INTEGER NOT NULL
);
INSERT INTO completions_fts_progress (id, indexed_through) VALUES (1, 0);
CREATE TRIGGER completions_fts_delete AFTER DELETE ON completions
WHEN old.id <= (SELECT indexed_through FROM completions_fts_progress) BEGIN
  INSERT INTO completions_fts (completions_fts, rowid, completion, prompt)
  VALUES ('delete', old.id, old.completion, old.prompt);
END;`;

/** Whether this SQLite has FTS5 with the trigram tokenizer (SQLite >= 3.34 built with FTS5). */
export function hasTrigram(db: Database.Database): boolean {
  try {
    db.exec("CREATE VIRTUAL TABLE temp.rs_trigram_probe USING fts5(x, tokenize = 'trigram')");
    db.exec("DROP TABLE temp.rs_trigram_probe");
    return true;
  } catch {
    return false;
  }
}

/** The completions text index and its backlog: rows stored but not yet indexed. */
export class SearchIndex {
  private readonly through: Database.Statement<[], { n: number }>;
  private readonly chunkEnd: Database.Statement<[number, number], { n: number | null }>;
  private readonly more: Database.Statement<[number], { more: number }>;
  private readonly add: Database.Statement<[number, number]>;
  private readonly advance: Database.Statement<[number]>;

  /** Null when the file has no index (a SQLite without trigrams made it): searches scan instead. */
  static open(db: Database.Database): SearchIndex | null {
    const found = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'completions_fts_progress'").get();
    return found ? new SearchIndex(db) : null;
  }

  private constructor(private readonly db: Database.Database) {
    this.through = db.prepare("SELECT indexed_through AS n FROM completions_fts_progress");
    this.chunkEnd = db.prepare(
      "SELECT max(id) AS n FROM (SELECT id FROM completions WHERE id > ? ORDER BY id LIMIT ?)",
    );
    this.more = db.prepare("SELECT EXISTS (SELECT 1 FROM completions WHERE id > ?) AS more");
    this.add = db.prepare(`
      INSERT INTO completions_fts (rowid, completion, prompt)
      SELECT id, completion, prompt FROM completions WHERE id > ? AND id <= ?`);
    this.advance = db.prepare("UPDATE completions_fts_progress SET indexed_through = ?");
  }

  /** Whether rows wait to be indexed. */
  get pending(): boolean {
    return this.more.get(this.indexedThrough())?.more === 1;
  }

  /** Indexes up to `rows` waiting rows in one transaction; returns whether more wait. */
  indexSome(rows: number): boolean {
    return this.db
      .transaction(() => {
        const from = this.indexedThrough();
        const to = this.chunkEnd.get(from, rows)?.n ?? null;
        if (to === null) return false;
        this.add.run(from, to);
        this.advance.run(to);
        return this.more.get(to)?.more === 1;
      })
      .immediate();
  }

  /** Indexes every waiting row (before a search, so that it sees every stored completion). */
  catchUp(rowsPerTransaction = 512): void {
    // Each round indexes at least one row, and rows only arrive through saveStep: the loop ends.
    let more = this.pending;
    while (more) more = this.indexSome(rowsPerTransaction);
  }

  private indexedThrough(): number {
    return this.through.get()?.n ?? 0;
  }
}
