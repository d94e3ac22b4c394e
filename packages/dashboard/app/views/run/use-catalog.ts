import { useEffect, useMemo, useState } from "react";
import { seriesNames } from "../../api/client.js";
import { useLive } from "../../api/use-live.js";
import { catalogSeries, type SeriesCatalog } from "../../lib/series-catalog.js";

/**
 * The run's series names, sorted into charts. A run with no steps yet has no names: the first live step
 * brings them, so the catalog is fetched again then.
 */
export function useCatalog(run: string, declared: readonly string[]): SeriesCatalog | null {
  const [names, setNames] = useState<string[] | null>(null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` forces a refetch
  useEffect(() => {
    const controller = new AbortController();
    seriesNames(run, controller.signal).then(setNames, () => {
      if (!controller.signal.aborted) setNames([]);
    });
    return () => controller.abort();
  }, [run, generation]);

  useLive(run, (message) => {
    if (message.kind === "step" && names !== null && names.length === 0) setGeneration((g) => g + 1);
  });

  const declaredKey = declared.join("\u0000");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `declaredKey` stands for `declared`
  return useMemo(() => (names === null ? null : catalogSeries(names, declared)), [names, declaredKey]);
}
