/** Prefixes of the series `seriesOf` derives; every other series is a training metric under its own name. */
const DERIVED_PREFIXES = ["total.", "aggregate.", "groups.", "advantages.", "quality.", "calls."];

/** A training metric that measures memory (charted apart: its scale dwarfs the others). */
const MEMORY = /mem|rss|vram/i;

/** The names of a run's series, sorted into what the report charts. */
export interface SeriesCatalog {
  /** Reward functions: the declared ones, then any other with a `<fn>.batch.mean` series. */
  functions: string[];
  /** Training metrics other than memory (loss, kl, entropy...). */
  metrics: string[];
  memory: string[];
  /** Every series name, sorted. */
  all: string[];
}

/**
 * Sorts a run's series names into reward functions, training metrics and memory metrics.
 * @example
 * catalogSeries(["acc.batch.mean", "acc.emaShort", "kl", "memory_mb", "total.mean"], []);
 * // { functions: ["acc"], metrics: ["kl"], memory: ["memory_mb"], all: [...] }
 */
export function catalogSeries(names: readonly string[], declared: readonly string[]): SeriesCatalog {
  const all = [...names].sort();
  const functions = [...declared];
  for (const name of all) {
    const fn = /^(.+)\.batch\.mean$/.exec(name)?.[1];
    if (fn !== undefined && !functions.includes(fn)) functions.push(fn);
  }
  const derived = (name: string): boolean =>
    DERIVED_PREFIXES.some((p) => name.startsWith(p)) || functions.some((fn) => name.startsWith(`${fn}.`));
  const training = all.filter((name) => !derived(name));
  return {
    functions,
    metrics: training.filter((name) => !MEMORY.test(name)),
    memory: training.filter((name) => MEMORY.test(name)),
    all,
  };
}
