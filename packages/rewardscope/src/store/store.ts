import type {
  Alert,
  AlertType,
  MonitorState,
  RewardscopeEvent,
  Severity,
  StepReport,
} from "@rewardscope/core";

/** A run as the store keeps it. */
export interface RunRecord {
  name: string;
  project: string | null;
  rewardFunctions: string[];
  worldSize: number;
  config: Record<string, unknown>;
  /** "running" while events arrive, "finished" once closed, "stale" when nothing came for a long time. */
  status: "running" | "finished" | "stale";
  createdAt: string;
  updatedAt: string;
  /** The last analysed step, null before the first. */
  lastStep: number | null;
  stepCount: number;
  alertCounts: Partial<Record<Severity, number>>;
}

/** One stored event, numbered in arrival order within its run. */
export interface StoredEvent {
  seq: number;
  event: RewardscopeEvent;
}

/** The result of appending a batch of events. */
export interface AppendResult {
  /** The batch id was seen before: nothing was stored again. */
  duplicate: boolean;
  /** Sequence numbers given to the events, in order (empty for a duplicate). */
  seqs: number[];
}

/** One completion kept for the completions explorer, with its reward breakdown. */
export interface CompletionRecord {
  step: number;
  index: number;
  prompt: string | null;
  completion: string;
  rewards: Record<string, number | null>;
  total: number | null;
  group: number | null;
  length: number | null;
  truncated: boolean | null;
  advantage: number | null;
  flags: string[];
}

/** Everything one analysed step writes, in one transaction, with the Monitor state that follows it. */
export interface StepWrite {
  report: StepReport;
  /** The raw reward values of every completion of the step, per function. */
  rewards: Record<string, (number | null)[]>;
  /** The flattened series of the step (`seriesOf(report)`). */
  series: Record<string, number>;
  /** The completions kept by the retention policy. */
  completions: CompletionRecord[];
  /**
   * The Monitor state after this step, and the last event sequence number it has consumed. The state may come
   * as its JSON text (JSON.stringify of the state): the analysis worker encodes it off the server's thread.
   */
  state: MonitorState | string;
  appliedSeq: number;
}

export interface SeriesQuery {
  names: string[];
  fromStep?: number;
  toStep?: number;
  /**
   * At most this many points per series: the steps are cut into maxPoints/2 buckets and each bucket keeps its
   * minimum and its maximum (in step order), so spikes survive downsampling.
   */
  maxPoints?: number;
}

export interface SeriesPoints {
  name: string;
  steps: number[];
  values: number[];
}

export interface AlertQuery {
  severities?: Severity[];
  /** At or above this severity. */
  minSeverity?: Severity;
  types?: AlertType[];
  rewardFn?: string;
  fromStep?: number;
  toStep?: number;
  limit?: number;
  offset?: number;
}

export interface CompletionQuery {
  step?: number;
  fromStep?: number;
  toStep?: number;
  /** true: flagged completions only; false: unflagged only. */
  flagged?: boolean;
  /** Sort by this reward function's value ("total" for the total reward). Default: by step. */
  sortBy?: string;
  order?: "asc" | "desc";
  /** Case-insensitive text search in the completion and the prompt. */
  search?: string;
  limit?: number;
  offset?: number;
}

/**
 * The durable store. Every method is async so a networked store (PostgreSQL) fits the same interface.
 * Writes are durable when their promise resolves. Every implementation runs the contract tests in store.case.ts.
 * Run names are checked everywhere (run-name.ts: "invalid_argument", field "run"); a write to a run never
 * upserted rejects with "not_found", while a read of one returns null or an empty result. Bad queries reject
 * with "invalid_argument" naming the field (query-options.ts).
 */
export interface Store {
  /** Creates the run, or updates its declared fields (project, functions, world size, config) if it exists. */
  upsertRun(
    run: Pick<RunRecord, "name"> &
      Partial<Pick<RunRecord, "project" | "rewardFunctions" | "worldSize" | "config">>,
  ): Promise<RunRecord>;
  getRun(name: string): Promise<RunRecord | null>;
  /** Every run, the most recently updated (event, step, upsert, status) first. */
  listRuns(): Promise<RunRecord[]>;
  setRunStatus(name: string, status: RunRecord["status"]): Promise<void>;
  /**
   * Stores a batch of events under its batch id, once: a batch id already seen for this run stores nothing.
   * `lines`, when given, are the JSON texts the events were parsed and validated from (one per event, as the
   * HTTP route received them): a store may keep them instead of encoding the events again; `eventsAfter`
   * still returns the events as `parseEvent` makes them.
   */
  appendEvents(
    run: string,
    batchId: string | null,
    events: RewardscopeEvent[],
    lines?: readonly string[],
  ): Promise<AppendResult>;
  /**
   * Events with seq > afterSeq, oldest first: what a restarted server replays into the Monitor. Events up to a
   * saved step's appliedSeq may be gone (their content lives in the step tables); their batch ids stay.
   */
  eventsAfter(run: string, afterSeq: number): Promise<StoredEvent[]>;
  /**
   * Writes an analysed step, its alerts, series, completions and the Monitor state, in one transaction. Saving
   * a step again replaces it whole (its alerts, series and completions too; the run's counters stay exact).
   * The state is kept only if appliedSeq is at least the saved one: the state never moves back. The state is
   * serialised before the promise is created, so the Monitor's live state may be passed.
   */
  saveStep(run: string, write: StepWrite): Promise<void>;
  /** The saved Monitor state and the last event it consumed, or null for a run never analysed. */
  loadState(run: string): Promise<{ state: MonitorState; appliedSeq: number } | null>;
  stepReport(run: string, step: number): Promise<StepReport | null>;
  stepRewards(run: string, step: number): Promise<Record<string, (number | null)[]> | null>;
  seriesNames(run: string): Promise<string[]>;
  /** One entry per requested name, in order; an unknown name has no points. See downsample.ts. */
  series(run: string, query: SeriesQuery): Promise<SeriesPoints[]>;
  /** Newest step first, report order within a step; limit default 100, at most 1,000. */
  alerts(run: string, query: AlertQuery): Promise<{ total: number; alerts: Alert[] }>;
  /**
   * By the sort value (nulls last in either order), then newest step, then index; without sortBy, by step in
   * `order` (default newest first), then index. The search text is plain text, never query syntax.
   */
  completions(
    run: string,
    query: CompletionQuery,
  ): Promise<{ total: number; completions: CompletionRecord[] }>;
  close(): Promise<void>;
}
