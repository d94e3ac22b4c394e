// Every in-app URL, built in one place so views never concatenate paths by hand.

function withParams(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export type RunTab =
  | "overview"
  | "training"
  | "quality"
  | "distributions"
  | "health"
  | "correlations"
  | "alerts";

export const links = {
  runs: (): string => "/",
  run: (run: string, tab?: RunTab): string =>
    withParams("/run", { name: run, tab: tab === "overview" ? undefined : tab }),
  step: (run: string, step: number): string => withParams("/step", { run, step }),
  compare: (runs: readonly string[], metric?: string): string =>
    withParams("/compare", { runs: runs.join(","), metric }),
};
