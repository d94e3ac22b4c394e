import { type Alert, RewardscopeError, type StepReport } from "@rewardscope/core";
import type { CompletionRecord, RunRecord, SeriesPoints, Store } from "../store/store.js";
import { allAlerts } from "./all-alerts.js";
import { type CallTotals, CallTotalsAccumulator } from "./call-totals.js";
import { ChartHistory } from "./chart-history.js";
import { CorrelationMatrix } from "./correlation.js";
import { writeMetricsCsv } from "./metrics-csv.js";
import { catalogSeries, type SeriesCatalog } from "./series-names.js";
import { type FunctionVerdict, verdictOf } from "./verdict.js";

/** Everything a report shows, read from the store once. */
export interface ReportData {
  generatedAt: string;
  run: RunRecord;
  catalog: SeriesCatalog;
  /** Analysed steps in the store. */
  stepCount: number;
  /** The report of the last analysed step: the current statistics. */
  latest: StepReport | null;
  /** Every alert of the run, newest first. */
  alerts: Alert[];
  /** The charted series, downsampled to at most `maxPoints` points each by the store's rule (min and max kept). */
  history: Record<string, SeriesPoints>;
  maxPoints: number;
  /** Pearson correlations over every step (full resolution) of reward means, quality and training metrics. */
  correlations: { names: string[]; matrix: number[][] };
  callTotals: Record<string, CallTotals>;
  /** The highest and the lowest total rewards among the kept completions. */
  best: CompletionRecord[];
  worst: CompletionRecord[];
  /** One per reward function, then the run's own (alerts that name no function). */
  verdicts: FunctionVerdict[];
}

export interface ReportDataOptions {
  /** Points per charted series. Default 1,000. */
  maxPoints?: number;
  /** Best and worst completions shown. Default 5 each. */
  completions?: number;
  /** Receives the CSV of the full history (metrics_history.csv) during the one pass over it. */
  writeCsv?: (text: string) => Promise<void>;
  now?: () => Date;
}

const QUALITY = [
  "formatCompliance",
  "uniqueRatio",
  "distinct2",
  "meanRepetition",
  "repetitiveRate",
  "degenerateRate",
  "formatGamingRate",
  "truncatedRate",
  "meanLength",
  "lengthRewardCorrelation",
].map((field) => `quality.${field}`);

const PER_FUNCTION = [
  "batch.mean",
  "batch.std",
  "batch.min",
  "batch.max",
  "batch.p25",
  "batch.median",
  "batch.p75",
  "batch.zeroFrac",
  "emaShort",
  "emaLong",
  "nullCount",
];

/** The series the charts draw, among those the run has. */
export function chartedSeries(catalog: SeriesCatalog): string[] {
  const wanted = [
    "total.mean",
    "total.std",
    "groups.zeroStdFraction",
    ...QUALITY,
    ...catalog.functions.flatMap((fn) => [
      ...PER_FUNCTION.map((field) => `${fn}.${field}`),
      `groups.zeroStdFraction.${fn}`,
      `calls.${fn}.errorRate`,
    ]),
    ...catalog.metrics,
    ...catalog.memory,
  ];
  const present = new Set(catalog.all);
  return [...new Set(wanted)].filter((name) => present.has(name));
}

/** The series the correlation matrix relates: each function's mean, the total, quality, training metrics. */
export function correlatedSeries(catalog: SeriesCatalog): string[] {
  const wanted = [
    ...catalog.functions.map((fn) => `${fn}.batch.mean`),
    "total.mean",
    "groups.zeroStdFraction",
    "quality.formatCompliance",
    "quality.uniqueRatio",
    "quality.meanLength",
    ...catalog.metrics.slice(0, 8),
  ];
  const present = new Set(catalog.all);
  return wanted.filter((name) => present.has(name));
}

/**
 * Reads what a report of `run` shows. One pass over the full-resolution history feeds the CSV, the correlations,
 * the call totals and the charts' downsampled series.
 * @throws RewardscopeError("not_found", ..., "run") when the store has no such run.
 * @example
 * const data = await loadReportData(store, "qwen-1", { writeCsv: (t) => csv.write(t) });
 */
export async function loadReportData(
  store: Store,
  run: string,
  options: ReportDataOptions = {},
): Promise<ReportData> {
  const record = await store.getRun(run);
  if (!record) throw new RewardscopeError("not_found", `no run ${JSON.stringify(run)} in the store`, "run");
  const maxPoints = options.maxPoints ?? 1000;
  const shown = options.completions ?? 5;
  const catalog = catalogSeries(await store.seriesNames(run), record.rewardFunctions);
  const correlated = correlatedSeries(catalog);
  const matrix = new CorrelationMatrix(correlated);
  const calls = new CallTotalsAccumulator(catalog.functions, catalog.all);
  const charted = new ChartHistory(chartedSeries(catalog), catalog.all);
  const columns = correlated.map((name) => catalog.all.indexOf(name));
  const picked = new Float64Array(columns.length);
  const stepCount = await writeMetricsCsv(
    store,
    run,
    catalog.all,
    options.writeCsv ?? (async () => {}),
    (row) => {
      for (let i = 0; i < columns.length; i++) picked[i] = row.values[columns[i] as number] as number;
      matrix.add(picked);
      calls.add(row);
      charted.add(row);
    },
  );
  const latest = record.lastStep === null ? null : await store.stepReport(run, record.lastStep);
  const alerts = await allAlerts(store, run);
  const [best, worst] = await Promise.all(
    (["desc", "asc"] as const).map(async (order) => {
      const page = await store.completions(run, { sortBy: "total", order, limit: shown });
      return page.completions;
    }),
  );
  const runFacts = { lastStep: record.lastStep, stepCount };
  return {
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    run: record,
    catalog,
    stepCount,
    latest,
    alerts,
    history: charted.result(maxPoints),
    maxPoints,
    correlations: { names: correlated, matrix: matrix.result() },
    callTotals: calls.result(),
    best: best ?? [],
    worst: worst ?? [],
    verdicts: [
      ...catalog.functions.map((fn) => verdictOf(fn, alerts, latest, runFacts)),
      verdictOf(null, alerts, latest, runFacts),
    ],
  };
}
