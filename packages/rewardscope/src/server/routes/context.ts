import { RewardscopeError } from "@rewardscope/core";
import type { IngestService } from "../../ingest/ingest-service.js";
import type { LiveBus } from "../../ingest/live-bus.js";
import type { RunRecord, Store } from "../../store/store.js";
import type { SseStreams } from "../sse.js";

/** What route modules work over: the services, never each other. */
export interface RouteContext {
  store: Store;
  ingest: IngestService;
  bus: LiveBus;
  streams: SseStreams;
  metrics: (() => string) | undefined;
  version: string;
  /** Milliseconds since the epoch, when the app was built. */
  startedAt: number;
}

/** The `:run` path parameter. */
export interface RunParams {
  run: string;
}

/**
 * The run, or a 404.
 * @throws RewardscopeError("not_found", ..., "run")
 * @example
 * const record = await requireRun(store, "qwen-1");
 */
export async function requireRun(store: Store, name: string): Promise<RunRecord> {
  const record = await store.getRun(name);
  if (!record) throw new RewardscopeError("not_found", `no run ${JSON.stringify(name)}`, "run");
  return record;
}

/** Splits "a,b,,c" into ["a", "b", "c"]; undefined stays undefined. */
export function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
