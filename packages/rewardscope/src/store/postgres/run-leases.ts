import pg from "pg";
import type { RunLeaseListener, RunLeases } from "../../ingest/run-leases.js";
import { type PgStore, RUN_CHANNEL, type RunChange } from "./pg-store.js";

export interface PgRunLeasesOptions {
  /** How often to look for runs with unanalysed events and no owner (an owner died). Default 2,000 ms. */
  pollMs?: number;
  /** How long to wait before reconnecting a broken lease connection. Default 1,000 ms. */
  reconnectMs?: number;
  /** Non-fatal problems (the lease connection broke). Default: ignored. */
  onWarning?: (message: string) => void;
}

/** The first key of every run lease in PostgreSQL's two-key advisory lock space ("rwsr"); the second is the run's id. */
const LEASE_CLASS = 0x72777372;

// Runs whose stored events go beyond what their saved state consumed and that no live server owns: a server died
// with work left. (A run with an owner is that owner's business: it hears of new events by notification.)
const ORPHANED = `
SELECT r.name FROM runs r LEFT JOIN monitor_state m ON m.run_id = r.id
WHERE r.last_seq > coalesce(m.applied_seq, 0)
  AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                  AND l.classid = $1::integer::oid AND l.objid = r.id::oid)`;

/**
 * Run ownership on PostgreSQL: a session-level advisory lock per run, all held on one dedicated connection of this
 * server. Chosen over a lease row with an expiry renewed on a timer because PostgreSQL itself ends the lease the
 * moment the owner's session ends: a killed server's socket closes, its backend exits and its locks are free, with
 * no clock to agree on, no renewal traffic and no expiry to wait out. A host that vanishes without closing its socket
 * is caught by the TCP keepalives set below (about 25 s). The cost is one connection per server, not per run.
 * The same connection LISTENs to the store's notifications, so an owner hears of events other servers stored.
 * @example
 * const leases = await openPgRunLeases(store);
 * if (await leases.acquire("qwen-1")) { ... analyse ... }
 */
export async function openPgRunLeases(
  store: PgStore,
  options: PgRunLeasesOptions = {},
): Promise<PgRunLeases> {
  const leases = new PgRunLeases(store, options);
  await leases.connect();
  return leases;
}

export class PgRunLeases implements RunLeases {
  private client: pg.Client | null = null;
  /** Run name -> run id, for the runs this server owns. */
  private readonly held = new Map<string, number>();
  /** Run name -> run id: a run's id never changes. */
  private readonly ids = new Map<string, number>();
  private listener: RunLeaseListener | null = null;
  private readonly poller: NodeJS.Timeout;
  private reconnect: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly options: Required<PgRunLeasesOptions>;

  /** Use openPgRunLeases. */
  constructor(
    private readonly store: PgStore,
    options: PgRunLeasesOptions,
  ) {
    this.options = { pollMs: 2_000, reconnectMs: 1_000, onWarning: () => {}, ...options };
    this.poller = setInterval(() => void this.poll(), this.options.pollMs);
    this.poller.unref();
    store.onTakenOver((run) => void this.takenOver(run));
  }

  /** Opens the lease connection and listens; a failure to connect rejects (openPgRunLeases) or retries (later). */
  async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.store.url,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    client.on("notification", (message) => this.notified(message.payload));
    client.on("error", (error) => this.broken(client, error));
    client.on("end", () => this.broken(client, new Error("the connection ended")));
    try {
      await client.connect();
      // The server closes the session (freeing this server's leases) ~25 s after this host stops answering.
      await client.query(
        "SET application_name = 'rewardscope leases'; SET tcp_keepalives_idle = 10; " +
          "SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3",
      );
      await client.query(`LISTEN ${RUN_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) await client.end().catch(() => {});
    else this.client = client;
  }

  async acquire(run: string): Promise<boolean> {
    if (this.held.has(run)) return true;
    const client = this.client;
    if (!client || this.closed) return false;
    const id = this.ids.get(run) ?? (await this.runId(run));
    if (id === undefined) return false;
    const { rows: locked } = await client.query<{ ok: boolean }>(
      "SELECT pg_try_advisory_lock($1, $2) AS ok",
      [LEASE_CLASS, id],
    );
    if (locked[0]?.ok !== true || this.client !== client) return false;
    try {
      await this.store.takeOver(run, id);
    } catch (error) {
      await client.query("SELECT pg_advisory_unlock($1, $2)", [LEASE_CLASS, id]).catch(() => {});
      throw error;
    }
    // The connection may have broken meanwhile, and the lock with it.
    if (this.client !== client) return false;
    this.held.set(run, id);
    return true;
  }

  private async runId(run: string): Promise<number | undefined> {
    const { rows } = await this.store.sql.query<{ id: number }>("SELECT id FROM runs WHERE name = $1", [run]);
    const id = rows[0]?.id;
    if (id !== undefined) this.ids.set(run, id);
    return id;
  }

  holds(run: string): boolean {
    return this.held.has(run);
  }

  watch(listener: RunLeaseListener): void {
    this.listener = listener;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.poller);
    if (this.reconnect) clearTimeout(this.reconnect);
    const client = this.client;
    this.client = null;
    this.held.clear();
    // Ending the session frees every lock at once.
    await client?.end().catch(() => {});
  }

  private notified(payload: string | undefined): void {
    if (!payload || !this.listener) return;
    try {
      const change = JSON.parse(payload) as RunChange;
      if (change.from !== this.store.instanceId) this.listener.changed(change.run);
    } catch {
      // Not ours: another program may use the channel name.
    }
  }

  /** Catches what notifications cannot: runs whose owner died with events left and no batch arriving since. */
  private async poll(): Promise<void> {
    if (!this.listener || this.closed) return;
    try {
      const { rows } = await this.store.sql.query<{ name: string }>(ORPHANED, [LEASE_CLASS]);
      for (const { name } of rows) this.listener.changed(name);
    } catch (error) {
      this.options.onWarning(`looking for runs to analyse failed: ${(error as Error).message}`);
    }
  }

  /**
   * Another server took the run over while this one believed it held it (its step save was fenced off): lets the
   * lock go, if this session still has it, and tells the manager the run is lost.
   */
  private async takenOver(run: string): Promise<void> {
    const id = this.held.get(run);
    if (id === undefined) return;
    this.held.delete(run);
    this.listener?.lost(run);
    await this.client?.query("SELECT pg_advisory_unlock($1, $2)", [LEASE_CLASS, id]).catch(() => {});
  }

  /** The lease connection broke: every lease went with it. Tell the manager, then reconnect. */
  private broken(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.client = null;
    const lost = [...this.held.keys()];
    this.held.clear();
    client.end().catch(() => {});
    if (this.closed) return;
    this.options.onWarning(`the run lease connection broke (${error.message}): ${lost.length} runs released`);
    for (const run of lost) this.listener?.lost(run);
    const retry = (): void => {
      this.reconnect = setTimeout(() => {
        this.reconnect = null;
        if (!this.closed)
          this.connect().catch((e: unknown) => {
            this.options.onWarning(`reconnecting the run lease connection failed: ${(e as Error).message}`);
            retry();
          });
      }, this.options.reconnectMs);
      this.reconnect.unref();
    };
    retry();
  }
}
