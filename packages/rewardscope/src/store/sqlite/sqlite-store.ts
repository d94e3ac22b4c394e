import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import {
  type Alert,
  type MonitorState,
  RewardscopeError,
  type RewardscopeEvent,
  type Severity,
  type StepReport,
} from "@rewardscope/core";
import Database from "better-sqlite3";
import { checkBatch, checkRunFields, checkSeq, checkStepWrite, type RunFields } from "../check-input.js";
import { resolveAlertQuery, resolveCompletionQuery, resolveSeriesQuery } from "../query-options.js";
import { checkRunName } from "../run-name.js";
import type {
  AlertQuery,
  AppendResult,
  CompletionQuery,
  CompletionRecord,
  RunRecord,
  SeriesPoints,
  SeriesQuery,
  StepWrite,
  Store,
  StoredEvent,
} from "../store.js";
import { BackgroundIndexer } from "./background-indexer.js";
import { migrate } from "./migrations.js";
import { type RunRow, toRunRecord } from "./runs-table.js";
import { openTables, type Tables } from "./tables.js";
import { WalSync } from "./wal-sync.js";

export interface SqliteStoreOptions {
  /** How long a write waits for another connection's lock before failing. Default 5,000 ms. */
  busyTimeoutMs?: number;
  /** The clock of createdAt / updatedAt. Default `() => new Date()`. */
  now?: () => Date;
  /**
   * Index kept completions for search after each step is acknowledged, a chunk per event-loop turn. Default true;
   * when false (or meanwhile) a search indexes what it lacks first.
   */
  backgroundIndexing?: boolean;
  /** Non-fatal problems (a background indexing turn that failed). Default: ignored. */
  onWarning?: (message: string) => void;
}

const DEFAULTS: Required<SqliteStoreOptions> = {
  busyTimeoutMs: 5_000,
  now: () => new Date(),
  backgroundIndexing: true,
  onWarning: () => {},
};

/** Completions indexed per background turn: about 10 ms of trigram indexing at ~1,000 characters each. */
const ROWS_PER_TURN = 64;

/**
 * Opens (creating the file, its folder and its schema if needed) the embedded store: one SQLite file in WAL mode;
 * a write is durable when its promise resolves (WalSync). `":memory:"` gives a throwaway store.
 * Throws RewardscopeError "invalid_argument" for a file that is not a rewardscope database, "invalid_state" for
 * one written by a newer rewardscope.
 * @example
 * const store = await openSqliteStore(".rewardscope/rewardscope.db");
 * await store.upsertRun({ name: "qwen-1", rewardFunctions: ["format", "accuracy"] });
 * await store.appendEvents("qwen-1", "batch-1", events);
 */
export async function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  const settings = { ...DEFAULTS, ...options };
  if (!isInMemory(path)) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(settings.busyTimeoutMs))}`);
    // Fewer, larger WAL frames for the large event batches (a no-op on a file that already has tables).
    db.pragma("page_size = 16384");
    db.pragma("journal_mode = WAL");
    // Commits are made durable by WalSync off the server's thread; see there.
    db.pragma("synchronous = NORMAL");
    // Checkpoints block the thread: fewer and larger, since most pages (events, then freed) are rewritten often.
    db.pragma("wal_autocheckpoint = 4000");
    db.pragma("foreign_keys = ON");
    migrate(db);
    const tables = openTables(db);
    const indexer =
      settings.backgroundIndexing && tables.search
        ? new BackgroundIndexer(tables.search, ROWS_PER_TURN, (error) =>
            settings.onWarning(
              `search indexing paused: ${error instanceof Error ? error.message : String(error)}`,
            ),
          )
        : null;
    const wal = isInMemory(path) ? null : WalSync.ofFile(`${path}-wal`);
    return new SqliteStore(db, tables, settings.now, indexer, wal);
  } catch (error) {
    db.close();
    if (error instanceof RewardscopeError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT")
      throw new RewardscopeError("invalid_argument", `not a rewardscope database: ${path}`, "path");
    throw error;
  }
}

/** Whether a SQLite path names a throwaway database in this connection's memory (no file, no other connection). */
export function isInMemory(path: string): boolean {
  return path === ":memory:" || path === "";
}

/** The Store on one SQLite file (better-sqlite3: synchronous calls, so each method completes before it resolves). */
export class SqliteStore implements Store {
  private closed = false;

  /** Use openSqliteStore. */
  constructor(
    private readonly db: Database.Database,
    private readonly tables: Tables,
    private readonly clock: () => Date,
    private readonly indexer: BackgroundIndexer | null,
    private readonly wal: WalSync | null,
  ) {
    if (tables.search?.pending) indexer?.poke();
  }

  /** The SQLite connection, for diagnostics (journal mode, schema version) and tests. */
  get database(): Database.Database {
    return this.db;
  }

  async upsertRun(run: { name: string } & RunFields): Promise<RunRecord> {
    const name = this.checkName(run.name);
    const record = toRunRecord(this.tables.runs.upsert(name, checkRunFields(run), this.now()));
    await this.wal?.sync();
    return record;
  }

  async getRun(name: string): Promise<RunRecord | null> {
    const row = this.tables.runs.get(this.checkName(name));
    return row ? toRunRecord(row) : null;
  }

  async listRuns(): Promise<RunRecord[]> {
    this.checkOpen();
    return this.tables.runs.list().map(toRunRecord);
  }

  async setRunStatus(name: string, status: RunRecord["status"]): Promise<void> {
    if (status !== "running" && status !== "finished" && status !== "stale")
      throw new RewardscopeError(
        "invalid_argument",
        `must be running, finished or stale, got ${status}`,
        "status",
      );
    this.tables.runs.setStatus(this.mustRun(name).id, status, this.now());
    await this.wal?.sync();
  }

  async appendEvents(
    run: string,
    batchId: string | null,
    events: RewardscopeEvent[],
    lines?: readonly string[],
  ): Promise<AppendResult> {
    checkBatch(batchId, events, lines);
    const { id } = this.mustRun(run);
    const { runs, batches, events: table } = this.tables;
    const result = this.db
      .transaction((): AppendResult => {
        const row = runs.get(run) as RunRow;
        const first = row.last_seq + 1;
        const now = this.now();
        if (batchId !== null && !batches.claim(id, batchId, first, events.length, now))
          return { duplicate: true, seqs: [] };
        const seqs = events.map((event, i) => {
          table.add(id, first + i, lines?.[i] ?? JSON.stringify(event));
          return first + i;
        });
        runs.advanceSeq(id, events.length, now);
        return { duplicate: false, seqs };
      })
      .immediate();
    // A duplicate too: the first copy may still be on its way to the disk.
    await this.wal?.sync();
    return result;
  }

  async eventsAfter(run: string, afterSeq: number): Promise<StoredEvent[]> {
    checkSeq(afterSeq, "afterSeq");
    const row = this.runRow(run);
    return row ? this.tables.events.listAfter(row.id, afterSeq) : [];
  }

  async saveStep(run: string, write: StepWrite): Promise<void> {
    const { id, last_seq } = this.mustRun(run);
    checkStepWrite(write, last_seq);
    // Not synced on its own: an analysed step can always be rebuilt from the events it consumed, which stay
    // until this transaction deletes them with it, atomically (WAL). The next durable write syncs it too.
    try {
      this.db.transaction(() => this.writeStep(id, run, write)).immediate();
    } catch (error) {
      this.tables.series.forgetUncommitted();
      throw error;
    }
    if (write.completions.length > 0) this.indexer?.poke();
  }

  async loadState(run: string): Promise<{ state: MonitorState; appliedSeq: number } | null> {
    const row = this.runRow(run);
    return row ? this.tables.state.get(row.id) : null;
  }

  async stepReport(run: string, step: number): Promise<StepReport | null> {
    const row = this.runRow(run);
    return row ? this.tables.steps.getReport(row.id, step) : null;
  }

  async stepRewards(run: string, step: number): Promise<Record<string, (number | null)[]> | null> {
    const row = this.runRow(run);
    return row ? this.tables.steps.getRewards(row.id, step) : null;
  }

  async seriesNames(run: string): Promise<string[]> {
    const row = this.runRow(run);
    return row ? this.tables.series.names(row.id) : [];
  }

  async series(run: string, query: SeriesQuery): Promise<SeriesPoints[]> {
    const resolved = resolveSeriesQuery(query);
    const row = this.runRow(run);
    if (!row) return resolved.names.map((name) => ({ name, steps: [], values: [] }));
    return this.tables.series.read(row.id, resolved);
  }

  async alerts(run: string, query: AlertQuery = {}): Promise<{ total: number; alerts: Alert[] }> {
    const resolved = resolveAlertQuery(query);
    const row = this.runRow(run);
    return row ? this.tables.alerts.query(row.id, resolved) : { total: 0, alerts: [] };
  }

  async completions(
    run: string,
    query: CompletionQuery = {},
  ): Promise<{ total: number; completions: CompletionRecord[] }> {
    const resolved = resolveCompletionQuery(query);
    const row = this.runRow(run);
    return row ? this.tables.completions.query(row.id, resolved) : { total: 0, completions: [] };
  }

  /** Closes the file. Later calls throw "invalid_state"; closing twice does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.indexer?.stop();
    await this.wal?.close();
    this.db.close();
  }

  /** One step, all or nothing: replaces a step saved before, keeps the run's counters exact. */
  private writeStep(id: number, run: string, write: StepWrite): void {
    const { runs, steps, series, alerts, completions, state, events } = this.tables;
    const row = runs.get(run) as RunRow;
    const { step } = write.report;
    const now = this.now();
    const counts = JSON.parse(row.alert_counts) as Partial<Record<Severity, number>>;
    const replaced = steps.has(id, step);
    if (replaced) {
      for (const severity of alerts.deleteStep(id, step)) counts[severity] = (counts[severity] ?? 1) - 1;
      completions.deleteStep(id, step);
    }
    steps.put(id, write.report, write.rewards, now);
    series.put(id, step, write.series);
    alerts.add(id, step, write.report.alerts);
    for (const alert of write.report.alerts) counts[alert.severity] = (counts[alert.severity] ?? 0) + 1;
    for (const severity of Object.keys(counts) as Severity[]) if (!counts[severity]) delete counts[severity];
    completions.add(id, step, write.completions);
    state.put(id, write.state, write.appliedSeq);
    const lastStep = row.last_step === null ? step : Math.max(row.last_step, step);
    runs.recordStep(
      id,
      { lastStep, stepCount: row.step_count + (replaced ? 0 : 1), alertCounts: counts },
      now,
    );
    events.deleteThrough(id, write.appliedSeq);
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private checkOpen(): void {
    if (this.closed) throw new RewardscopeError("invalid_state", "the store is closed");
  }

  private checkName(name: string): string {
    this.checkOpen();
    return checkRunName(name);
  }

  private runRow(name: string): RunRow | undefined {
    return this.tables.runs.get(this.checkName(name));
  }

  private mustRun(name: string): RunRow {
    const row = this.runRow(name);
    if (!row) throw new RewardscopeError("not_found", `no run "${name}": upsert it first`, "run");
    return row;
  }
}
