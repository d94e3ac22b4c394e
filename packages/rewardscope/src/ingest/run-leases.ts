/** What a RunLeases tells the session manager. */
export interface RunLeaseListener {
  /**
   * The run may have events this server has not analysed: another server stored some, or its owner is gone and the
   * run waits for a new one. The manager catches up if it owns the run, or tries to take it over.
   */
  changed(run: string): void;
  /** This server no longer owns the run (its lease ended): its session must go, another server may analyse it. */
  lost(run: string): void;
}

/**
 * Which server analyses which run when several servers share one store. Any server stores any batch (appends are
 * safe from everywhere: batch ids and sequence numbers live in the store), but only a run's owner feeds its Monitor
 * and saves its steps. Without leases (the SQLite store: one process) a server owns every run.
 * @example
 * const sessions = new SessionManager({ store, bus, leases: await openPgRunLeases(store) });
 */
export interface RunLeases {
  /** Makes this server the run's owner if no live server is; true when it is the owner (already or now). */
  acquire(run: string): Promise<boolean>;
  /** Whether this server owns the run now (without asking the store). */
  holds(run: string): boolean;
  /** Registers the manager's listener (one). */
  watch(listener: RunLeaseListener): void;
  /** Gives up every run (other servers take them over) and stops watching. */
  close(): Promise<void>;
}
