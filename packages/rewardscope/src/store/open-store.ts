import { RewardscopeError } from "@rewardscope/core";
import type { RunLeases } from "../ingest/run-leases.js";
import { openPgStore } from "./postgres/pg-store.js";
import { openPgRunLeases } from "./postgres/run-leases.js";
import { openSqliteStore } from "./sqlite/sqlite-store.js";
import type { Store } from "./store.js";

/** An open store, with the run leases of a store that several servers may share (null: this server owns all). */
export interface OpenedStore {
  store: Store;
  leases: RunLeases | null;
  /** Where the store is, to print: a PostgreSQL URL without its password. */
  location: string;
  /** Closes the leases (other servers take the runs over), then the store. */
  close(): Promise<void>;
}

/** Whether a --store value names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * A URL fit to print: the password replaced by "***".
 * @example
 * redactUrl("postgres://rs:secret@db/rewardscope"); // "postgres://rs:***@db/rewardscope"
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
  }
}

/**
 * Opens a store that a server may be writing, to read it: PostgreSQL without run leases (it takes no run), SQLite
 * without background indexing (the server indexes).
 * @example
 * const store = await openStoreToRead(".rewardscope/rewardscope.db");
 */
export function openStoreToRead(location: string): Promise<Store> {
  return isPostgresUrl(location)
    ? openPgStore(location)
    : openSqliteStore(location, { backgroundIndexing: false });
}

/**
 * Opens the store `rewardscope serve --store` names: a `postgres://` (or `postgresql://`) URL opens the PostgreSQL
 * store with run leases, so several servers can share it; anything else is the path of a SQLite file.
 * @example
 * const { store, close } = await openStore("postgres://rewardscope@db.internal/rewardscope");
 * const { store: local } = await openStore(".rewardscope/rewardscope.db");
 */
export async function openStore(
  location: string,
  options: { onWarning?: (message: string) => void } = {},
): Promise<OpenedStore> {
  if (!isPostgresUrl(location)) {
    const store = await openSqliteStore(location, options);
    return { store, leases: null, location, close: () => store.close() };
  }
  const store = await openPgStore(location, options).catch((error: unknown) => {
    throw unreachable(location, error);
  });
  try {
    const leases = await openPgRunLeases(store, options).catch((error: unknown) => {
      throw unreachable(location, error);
    });
    return {
      store,
      leases,
      location: redactUrl(location),
      async close() {
        await leases.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** A database that cannot be reached or logged into is the user's to fix: a RewardscopeError naming --store. */
function unreachable(location: string, error: unknown): unknown {
  if (error instanceof RewardscopeError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new RewardscopeError("invalid_argument", `cannot open ${redactUrl(location)}: ${reason}`, "--store");
}
