import type { LiveBus, RunMessage } from "../ingest/live-bus.js";
import { createWarnOnce, type Warn } from "./warn-once.js";

/**
 * A way out for what the server learns: it consumes the RunMessages of every run from the LiveBus.
 *
 * Alerts arrive twice on the bus: inside a step report (`report.alerts`) and as `alert` messages published
 * right after their step. Sinks count alerts from the `alert` messages only, so no alert is handled twice.
 */
export interface Sink {
  /** Names the sink in warnings; never holds a secret (a webhook URL is shown host only). */
  readonly name: string;
  /**
   * Takes one message. Never throws and never waits: slow work (files, HTTP) is queued inside the sink,
   * in a bounded queue, so a slow disk or webhook cannot hold up ingestion.
   */
  handle(message: RunMessage): void;
  /** Delivers or writes what is queued (within the sink's own deadline), then stops. Idempotent. */
  close(): Promise<void>;
}

/**
 * Feeds every message of every run to each sink. A sink that throws despite its contract is skipped for
 * that message (and `warn` says so); the others still get it. Returns the function that detaches the sinks (it does not close them).
 * @example
 * const sinks = [createConsoleSink({ write: (t) => process.stdout.write(t) }), createJsonlSink({ dir })];
 * const detach = attachSinks(bus, sinks);
 * // ...on shutdown:
 * detach();
 * await Promise.all(sinks.map((s) => s.close()));
 */
export function attachSinks(bus: LiveBus, sinks: readonly Sink[], warn: Warn = createWarnOnce()): () => void {
  const list = [...sinks];
  return bus.subscribeAll((message) => {
    for (const sink of list) {
      try {
        sink.handle(message);
      } catch (error) {
        // The contract says handle never throws; if one does, the other sinks must not pay for it.
        warn(`sink ${sink.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  });
}
