import type Database from "better-sqlite3";
import { AlertsTable } from "./alerts-table.js";
import { BatchesTable } from "./batches-table.js";
import { CompletionsTable } from "./completions-table.js";
import { EventsTable } from "./events-table.js";
import { RunsTable } from "./runs-table.js";
import { SearchIndex } from "./search-index.js";
import { SeriesTable } from "./series-table.js";
import { StateTable } from "./state-table.js";
import { StepsTable } from "./steps-table.js";

/** One object per table, each holding its prepared statements. */
export interface Tables {
  runs: RunsTable;
  batches: BatchesTable;
  events: EventsTable;
  steps: StepsTable;
  series: SeriesTable;
  alerts: AlertsTable;
  completions: CompletionsTable;
  state: StateTable;
  /** Null in a file made without trigrams. */
  search: SearchIndex | null;
}

/** Prepares every statement once, on a migrated database. */
export function openTables(db: Database.Database): Tables {
  const search = SearchIndex.open(db);
  return {
    search,
    runs: new RunsTable(db),
    batches: new BatchesTable(db),
    events: new EventsTable(db),
    steps: new StepsTable(db),
    series: new SeriesTable(db),
    alerts: new AlertsTable(db),
    completions: new CompletionsTable(db, search),
    state: new StateTable(db),
  };
}
