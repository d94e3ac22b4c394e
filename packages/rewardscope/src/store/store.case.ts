import { describe } from "vitest";
import { describeAlertsContract } from "./store-alerts.case.js";
import { describeCompletionsContract } from "./store-completions.case.js";
import { describeEventsContract } from "./store-events.case.js";
import type { OpenStore } from "./store-harness.case.js";
import { describeRunsContract } from "./store-runs.case.js";
import { describeSeriesContract } from "./store-series.case.js";
import { describeStepsContract } from "./store-steps.case.js";

export type { OpenStore } from "./store-harness.case.js";

/**
 * The Store contract, written once and run by every store (SQLite, PostgreSQL): every method and its edges.
 * `open` must open a store over the same data each time it is called (the suite closes and reopens it), and
 * the data may outlive the suite: the tests use run names of their own.
 * @example
 * describeStoreContract("sqlite", () => openSqliteStore(join(dir, "store.db")));
 */
export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`${name} store contract`, () => {
    describeRunsContract(open);
    describeEventsContract(open);
    describeStepsContract(open);
    describeSeriesContract(open);
    describeAlertsContract(open);
    describeCompletionsContract(open);
  });
}
