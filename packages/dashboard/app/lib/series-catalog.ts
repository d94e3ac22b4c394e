// Which of a run's series names (GET /runs/:run/series/names) belong to which chart. The names follow core's
// seriesOf: `<fn>.batch.<field>`, `<fn>.emaShort`, `total.<field>`, `groups.zeroStdFraction`, `quality.<field>`,
// `calls.<fn>.<field>`, and each training metric under its own name.

/** The training metrics a trainer usually logs, in the order they are shown. */
export const TRAINING_METRICS = [
  "loss",
  "kl",
  "entropy",
  "grad_norm",
  "learning_rate",
  "memory_mb",
  "step_time",
] as const;

const DERIVED_PREFIXES = ["total.", "aggregate.", "groups.", "advantages.", "quality.", "calls."];

export interface SeriesCatalog {
  /** Reward functions, in the run's declared order, then any others found in the names. */
  functions: string[];
  /** Training metrics present: the usual ones first, then the rest by name. */
  metrics: string[];
  /** `quality.*` fields present, without the prefix. */
  quality: Set<string>;
  has(name: string): boolean;
}

/**
 * Sorts a run's series names into functions, training metrics and quality fields.
 * @example
 * catalogSeries(["accuracy.batch.mean", "kl", "quality.distinct2"], []).functions; // ["accuracy"]
 */
export function catalogSeries(names: readonly string[], declared: readonly string[]): SeriesCatalog {
  const all = new Set(names);
  const found = names.filter((n) => n.endsWith(".batch.mean")).map((n) => n.slice(0, -".batch.mean".length));
  const functions = [
    ...declared.filter((f) => found.includes(f)),
    ...found.filter((f) => !declared.includes(f)),
  ];
  const fnPrefixes = functions.map((f) => `${f}.`);
  const isDerived = (n: string) =>
    DERIVED_PREFIXES.some((p) => n.startsWith(p)) || fnPrefixes.some((p) => n.startsWith(p));
  const known: string[] = TRAINING_METRICS.filter((m) => all.has(m));
  const others = names.filter((n) => !isDerived(n) && !known.includes(n)).sort();
  const quality = new Set(
    names.filter((n) => n.startsWith("quality.")).map((n) => n.slice("quality.".length)),
  );
  return { functions, metrics: [...known, ...others], quality, has: (name) => all.has(name) };
}

/** The fields of `calls.<fn>.<field>`, as the reward-function health table shows them. */
export const CALL_FIELDS = ["calls", "errors", "errorRate", "avgMs", "maxMs"] as const;

/** Quality charts: a title and the `quality.*` fields drawn together. */
export const QUALITY_GROUPS: readonly { title: string; fields: readonly string[] }[] = [
  { title: "Format compliance", fields: ["formatCompliance", "tagBalance", "formatGamingRate"] },
  { title: "Repetition", fields: ["meanRepetition", "maxRepetition", "repetitiveRate"] },
  { title: "Diversity", fields: ["distinct1", "distinct2", "uniqueRatio", "nearDuplicateRatio"] },
  {
    title: "Lengths (tokens)",
    fields: ["meanLength", "meanResponseLength", "meanReasoningLength", "meanAnswerLength"],
  },
  { title: "Length–reward correlation", fields: ["lengthRewardCorrelation"] },
  { title: "Truncated, empty and degenerate", fields: ["truncatedRate", "emptyRate", "degenerateRate"] },
];
