import { randomUUID } from "node:crypto";
import {
  type Alert,
  type MonitorState,
  RewardscopeError,
  type RewardscopeEvent,
  type Severity,
  type StepReport,
} from "@rewardscope/core";
import pg from "pg";
import { checkBatch, checkRunFields, checkSeq, checkStepWrite, type RunFields } from "../check-input.js";
import { encodeJson } from "../json-codec.js";
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
import { alertsTable } from "./alerts-table.js";
import { completionsTable } from "./completions-table.js";
import { eventsTable } from "./events-table.js";
import { migratePg } from "./migrations.js";
import { checkPlainText, unstorable } from "./pg-text.js";
import { type PgRunRow, runsTable, toRunRecord } from "./runs-table.js";
import { SeriesTable } from "./series-table.js";
import { inTransaction, type Sql } from "./sql.js";
import { type EncodedStep, stepsTable } from "./steps-table.js";

/** The channel on which every store announces "this run has new events or a new status" (payload: RunChange). */
export const RUN_CHANNEL = "rewardscope_runs";

/** The payload of a notification on RUN_CHANNEL. */
export interface RunChange {
  run: string;
  /** The instanceId of the store that made the change. */
  from: string;
}

export interface PgStoreOptions {
  /** Connections in the pool. Default 10. */
  poolSize?: number;
  /** The clock of createdAt / updatedAt. Default `() => new Date()`. */
  now?: () => Date;
  /** Non-fatal problems (an idle pooled connection that broke). Default: ignored. */
  onWarning?: (message: string) => void;
}

const INT8 = 20;

// bigint columns (steps, sequence numbers, counts) hold safe integers only, so they are read as numbers.
const TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8 && format !== "binary"
      ? (text: string) => Number(text)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/**
 * Opens the PostgreSQL store at a `postgres://` URL, creating or upgrading its schema (migrations.ts: one
 * transaction under an advisory lock, so servers starting together do not race). Every write commits before its
 * promise resolves, with the server's synchronous_commit (on by default): durable when acknowledged.
 * Throws RewardscopeError "invalid_state" for a database that is not UTF-8 or was written by a newer rewardscope.
 * @example
 * const store = await openPgStore("postgres://rewardscope@db.internal/rewardscope");
 * await store.upsertRun({ name: "qwen-1", rewardFunctions: ["format", "accuracy"] });
 */
export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
  const onWarning = options.onWarning ?? (() => {});
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // A database that does not answer is an error to report, not a wait without end.
    connectionTimeoutMillis: 10_000,
    types: TYPES,
    application_name: "rewardscope",
  });
  // An idle connection that breaks (a server restart) must not take the process down: the pool replaces it.
  pool.on("error", (error) => onWarning(`a PostgreSQL connection failed: ${error.message}`));
  try {
    const { rows } = await pool.query<{ encoding: string; icu: boolean }>(
      `SELECT current_setting('server_encoding') AS encoding,
         EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') AS icu`,
    );
    if (rows[0]?.encoding !== "UTF8")
      throw new RewardscopeError(
        "invalid_state",
        `the database's encoding is ${rows[0]?.encoding}: rewardscope needs a UTF8 database (CREATE DATABASE ... ENCODING 'UTF8')`,
        "store",
      );
    // Text search folds case with ICU, the same on every server whatever its locale (schema.ts FOLD).
    if (rows[0]?.icu !== true)
      throw new RewardscopeError(
        "invalid_state",
        "the PostgreSQL server has no ICU collations (und-x-icu): rewardscope needs a server built with ICU",
        "store",
      );
    await migratePg(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return new PgStore(pool, url, options.now ?? (() => new Date()));
}

/** The Store on a PostgreSQL database, shared by any number of servers (see RunLeases for who analyses a run). */
export class PgStore implements Store {
  /** Tells this store's own notifications from those of other servers. */
  readonly instanceId = randomUUID();
  private readonly seriesTable = new SeriesTable();
  /** Run name -> the lease epoch at which this server took the run (see takeOver). */
  private readonly fences = new Map<string, number>();
  private takenOver: (run: string) => void = () => {};
  private closed = false;

  /** Use openPgStore. */
  constructor(
    private readonly pool: pg.Pool,
    /** The connection URL, for the dedicated connection of the run leases. */
    readonly url: string,
    private readonly clock: () => Date,
  ) {}

  /**
   * This server has just taken the run's lease (RunLeases): raises the run's lease epoch, which fences off the step
   * saves of any server that owned the run before and has not noticed yet that it lost it (a paused process, a
   * broken lease connection). The raise waits for a step save in progress, so the new owner reads the state after
   * it. From then on this store saves the run's steps only while the epoch is still its own.
   */
  async takeOver(run: string, runId: number): Promise<void> {
    const epoch = await runsTable.raiseLeaseEpoch(this.pool, runId);
    if (epoch === undefined) throw notFound(run);
    this.fences.set(run, epoch);
  }

  /** Tells `listener` of each run whose step save was refused because another server has taken the run over. */
  onTakenOver(listener: (run: string) => void): void {
    this.takenOver = listener;
  }

  /** The pool, for diagnostics and tests. */
  get sql(): Sql {
    return this.pool;
  }

  async upsertRun(run: { name: string } & RunFields): Promise<RunRecord> {
    const name = this.checkName(run.name);
    return toRunRecord(await runsTable.upsert(this.pool, name, checkRunFields(run), this.clock()));
  }

  async getRun(name: string): Promise<RunRecord | null> {
    const row = await this.runRow(name);
    return row ? toRunRecord(row) : null;
  }

  async listRuns(): Promise<RunRecord[]> {
    this.checkOpen();
    return (await runsTable.list(this.pool)).map(toRunRecord);
  }

  async setRunStatus(name: string, status: RunRecord["status"]): Promise<void> {
    const run = this.checkName(name);
    if (status !== "running" && status !== "finished" && status !== "stale")
      throw new RewardscopeError(
        "invalid_argument",
        `must be running, finished or stale, got ${status}`,
        "status",
      );
    await inTransaction(this.pool, async (tx) => {
      if (!(await runsTable.setStatus(tx, run, status, this.clock()))) throw notFound(run);
      await this.announce(tx, run);
    });
  }

  async appendEvents(
    run: string,
    batchId: string | null,
    events: RewardscopeEvent[],
    lines?: readonly string[],
  ): Promise<AppendResult> {
    checkBatch(batchId, events, lines);
    const name = this.checkName(run);
    // The received text when PostgreSQL can hold it as is (JSON escapes NUL, so only a malformed line could not).
    const bodies = events.map((event, i) => {
      const line = lines?.[i];
      return line === undefined || unstorable(line) ? JSON.stringify(event) : line;
    });
    return inTransaction(this.pool, async (tx): Promise<AppendResult> => {
      // The run's row lock orders appends from every server: sequence numbers are given in commit order, so what
      // any reader sees of a run's events is always an unbroken prefix.
      const row = await runsTable.lock(tx, name);
      if (!row) throw notFound(name);
      const first = row.last_seq + 1;
      const now = this.clock();
      if (batchId !== null && !(await eventsTable.claim(tx, row.id, batchId, first, events.length, now)))
        return { duplicate: true, seqs: [] };
      await eventsTable.add(tx, row.id, first, bodies);
      await runsTable.advanceSeq(tx, row.id, events.length, now);
      await this.announce(tx, name);
      return { duplicate: false, seqs: events.map((_, i) => first + i) };
    });
  }

  async eventsAfter(run: string, afterSeq: number): Promise<StoredEvent[]> {
    checkSeq(afterSeq, "afterSeq");
    const row = await this.runRow(run);
    return row ? eventsTable.listAfter(this.pool, row.id, afterSeq) : [];
  }

  async saveStep(run: string, write: StepWrite): Promise<void> {
    const name = this.checkName(run);
    // Everything that can be checked or serialised is, before the first await: a bad write writes nothing, and the
    // Monitor's live state may change once this returns its promise.
    checkStepWrite(write, Number.MAX_SAFE_INTEGER);
    checkNames(write);
    const step: EncodedStep = {
      step: write.report.step,
      report: encodeJson(write.report),
      rewards: JSON.stringify(write.rewards),
      state: typeof write.state === "string" ? write.state : JSON.stringify(write.state),
      appliedSeq: write.appliedSeq,
    };
    const parts: StepParts = {
      step,
      series: { ...write.series },
      alerts: [...write.report.alerts],
      completions: [...write.completions],
    };
    // Names are shared by all runs, so creating one for a run that turns out not to exist is harmless.
    const ids = await this.seriesTable.idsOf(this.pool, Object.keys(parts.series));
    const linked = await inTransaction(this.pool, async (tx) => {
      const row = await runsTable.lock(tx, name);
      if (!row) throw notFound(name);
      const fence = this.fences.get(name);
      if (fence !== undefined && row.lease_epoch !== fence) {
        this.fences.delete(name);
        this.takenOver(name);
        throw new RewardscopeError(
          "invalid_state",
          `another server has taken run "${name}" over since this one did: step ${write.report.step} is left to it`,
          "run",
        );
      }
      checkStepWrite(write, row.last_seq);
      return this.writeStep(tx, row, parts, ids);
    });
    linked();
  }

  async loadState(run: string): Promise<{ state: MonitorState; appliedSeq: number } | null> {
    const row = await this.runRow(run);
    return row ? stepsTable.getState(this.pool, row.id) : null;
  }

  async stepReport(run: string, step: number): Promise<StepReport | null> {
    const row = await this.runRow(run);
    return row ? stepsTable.getReport(this.pool, row.id, step) : null;
  }

  async stepRewards(run: string, step: number): Promise<Record<string, (number | null)[]> | null> {
    const row = await this.runRow(run);
    return row ? stepsTable.getRewards(this.pool, row.id, step) : null;
  }

  async seriesNames(run: string): Promise<string[]> {
    const row = await this.runRow(run);
    return row ? this.seriesTable.names(this.pool, row.id) : [];
  }

  async series(run: string, query: SeriesQuery): Promise<SeriesPoints[]> {
    const resolved = resolveSeriesQuery(query);
    const row = await this.runRow(run);
    if (!row) return resolved.names.map((name) => ({ name, steps: [], values: [] }));
    return this.seriesTable.read(this.pool, row.id, resolved);
  }

  async alerts(run: string, query: AlertQuery = {}): Promise<{ total: number; alerts: Alert[] }> {
    const resolved = resolveAlertQuery(query);
    const row = await this.runRow(run);
    return row ? alertsTable.query(this.pool, row.id, resolved) : { total: 0, alerts: [] };
  }

  async completions(
    run: string,
    query: CompletionQuery = {},
  ): Promise<{ total: number; completions: CompletionRecord[] }> {
    const resolved = resolveCompletionQuery(query);
    const row = await this.runRow(run);
    return row ? completionsTable.query(this.pool, row.id, resolved) : { total: 0, completions: [] };
  }

  /** Closes the pool. Later calls throw "invalid_state"; closing twice does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /**
   * One step, inside its transaction with the run's row locked: replaces a step saved before, keeps the run's
   * counters exact. Returns what to call once the transaction has committed.
   */
  private async writeStep(
    tx: Sql,
    row: PgRunRow,
    { step, series, alerts, completions }: StepParts,
    ids: Map<string, number>,
  ): Promise<() => void> {
    const now = this.clock();
    const counts = JSON.parse(row.alert_counts) as Partial<Record<Severity, number>>;
    const added = await stepsTable.put(tx, row.id, step, now);
    if (!added) {
      for (const severity of await alertsTable.deleteStep(tx, row.id, step.step))
        counts[severity] = (counts[severity] ?? 1) - 1;
      await this.seriesTable.deleteStep(tx, row.id, step.step);
      await completionsTable.deleteStep(tx, row.id, step.step);
    }
    const linked = await this.seriesTable.put(tx, row.id, step.step, series, ids);
    await alertsTable.add(tx, row.id, step.step, alerts);
    for (const alert of alerts) counts[alert.severity] = (counts[alert.severity] ?? 0) + 1;
    for (const severity of Object.keys(counts) as Severity[]) if (!counts[severity]) delete counts[severity];
    await completionsTable.add(tx, row.id, step.step, completions);
    await stepsTable.putState(tx, row.id, step);
    const lastStep = row.last_step === null ? step.step : Math.max(row.last_step, step.step);
    const tally = { lastStep, stepCount: row.step_count + (added ? 1 : 0), alertCounts: counts };
    await runsTable.recordStep(tx, row.id, tally, now);
    await eventsTable.deleteThrough(tx, row.id, step.appliedSeq);
    return linked;
  }

  /** Tells every server listening on RUN_CHANNEL that the run changed; delivered when the transaction commits. */
  private async announce(tx: Sql, run: string): Promise<void> {
    const change: RunChange = { run, from: this.instanceId };
    await tx.query("SELECT pg_notify($1, $2)", [RUN_CHANNEL, JSON.stringify(change)]);
  }

  private checkOpen(): void {
    if (this.closed) throw new RewardscopeError("invalid_state", "the store is closed");
  }

  private checkName(name: string): string {
    this.checkOpen();
    checkRunName(name);
    // PostgreSQL would store a lone surrogate as U+FFFD: a different name than the one asked for.
    if (unstorable(name))
      throw new RewardscopeError("invalid_argument", "must not contain a lone surrogate", "run");
    return name;
  }

  private async runRow(name: string): Promise<PgRunRow | undefined> {
    return runsTable.get(this.pool, this.checkName(name));
  }
}

/** What saveStep writes, copied before its first await. */
interface StepParts {
  step: EncodedStep;
  series: Record<string, number>;
  alerts: Alert[];
  completions: CompletionRecord[];
}

function notFound(run: string): RewardscopeError {
  return new RewardscopeError("not_found", `no run "${run}": upsert it first`, "run");
}

/** The names the schema keeps as plain text must fit in it (pg-text.ts). */
function checkNames(write: StepWrite): void {
  for (const name of Object.keys(write.series)) checkPlainText(name, `series.${name}`);
  write.report.alerts.forEach((alert, i) => {
    checkPlainText(alert.type, `report.alerts[${i}].type`);
    if (alert.rewardFn !== undefined) checkPlainText(alert.rewardFn, `report.alerts[${i}].rewardFn`);
  });
  write.completions.forEach((c, i) => {
    for (const fn of Object.keys(c.rewards ?? {})) checkPlainText(fn, `completions[${i}].rewards`);
  });
}
