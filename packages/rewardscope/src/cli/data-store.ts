import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { RewardscopeError } from "@rewardscope/core";
import { isPostgresUrl, openStoreToRead, redactUrl } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import type { CliIo } from "./cli-io.js";
import type { FlagSpec } from "./flags.js";

/** The `--data DIR` and `--store` flags of the commands that read the store. */
export const DATA_FLAG = {
  data: {
    type: "string",
    value: "DIR",
    description: "data folder of the server (default $REWARDSCOPE_DATA or .rewardscope)",
  },
  store: {
    type: "string",
    value: "URL|FILE",
    description: "the store, when not DIR/rewardscope.db: a postgres:// URL or a SQLite file",
  },
} as const satisfies Record<string, FlagSpec>;

/** The data folder: --data, else $REWARDSCOPE_DATA, else .rewardscope, made absolute. */
export function dataDirOf(flag: string | undefined, io: CliIo): string {
  const dir = flag ?? io.env?.REWARDSCOPE_DATA ?? ".rewardscope";
  return isAbsolute(dir) ? dir : resolve(dir);
}

/**
 * Opens an existing store for reading: `--store` (a PostgreSQL URL or a SQLite file), else rewardscope.db in the
 * data folder. A running server may share it (SQLite in WAL mode, or PostgreSQL, let both work). Never creates an
 * empty store where the user mistyped a folder.
 * @throws RewardscopeError("invalid_argument", ..., "--data" or "--store") when there is no store there.
 * @example
 * const store = await openDataStore("/srv/rewardscope");
 */
export async function openDataStore(dataDir: string, location?: string): Promise<Store> {
  if (location !== undefined && isPostgresUrl(location)) {
    try {
      return await openStoreToRead(location);
    } catch (error) {
      if (error instanceof RewardscopeError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new RewardscopeError(
        "invalid_argument",
        `cannot open ${redactUrl(location)}: ${reason}`,
        "--store",
      );
    }
  }
  const file = location ?? join(dataDir, "rewardscope.db");
  if (!existsSync(file))
    throw location === undefined
      ? new RewardscopeError(
          "invalid_argument",
          `no rewardscope store in ${dataDir} (no rewardscope.db)`,
          "--data",
        )
      : new RewardscopeError("invalid_argument", `no such store file ${location}`, "--store");
  return openStoreToRead(file);
}
