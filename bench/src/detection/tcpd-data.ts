import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Annotations } from "./tcpd-metrics.js";

/** One TCPD series: its observations (null: missing) and its annotations. */
export interface TcpdSeries {
  name: string;
  values: (number | null)[];
  dims: number;
  annotations: Annotations;
}

/**
 * Series left out of the published univariate averages: the quality_control_* series (used to screen
 * annotators) and uk_coal_employ (it has missing values). PUBLISHED.md, section 4.
 */
export function inPublishedAverage(name: string, dims: number): boolean {
  return dims === 1 && !name.startsWith("quality_control_") && name !== "uk_coal_employ";
}

interface DatasetFile {
  name: string;
  n_obs: number;
  n_dim: number;
  series: Array<{ raw: (number | null)[] }>;
}

/**
 * Loads every dataset present under `root` (the TCPD folder: datasets/<name>/<name>.json and annotations.json).
 * Returns null when the folder or its annotations are absent. Multivariate series keep their first dimension only
 * in `values` (the detectors watch one signal) and report `dims`.
 */
export function loadTcpd(root: string): TcpdSeries[] | null {
  const annotationsFile = join(root, "annotations.json");
  const datasets = join(root, "datasets");
  if (!existsSync(annotationsFile) || !existsSync(datasets)) return null;
  const annotations = JSON.parse(readFileSync(annotationsFile, "utf8")) as Record<string, Annotations>;
  const series: TcpdSeries[] = [];
  for (const name of readdirSync(datasets).sort()) {
    const file = join(datasets, name, `${name}.json`);
    const notes = annotations[name];
    if (!existsSync(file) || notes === undefined) continue;
    const data = JSON.parse(readFileSync(file, "utf8")) as DatasetFile;
    const first = data.series[0];
    if (!first || first.raw.length !== data.n_obs)
      throw new Error(`${file}: series[0].raw: expected ${data.n_obs} values, got ${first?.raw.length ?? 0}`);
    series.push({ name: data.name, values: first.raw, dims: data.n_dim, annotations: notes });
  }
  return series;
}

/** Published per-dataset scores: dataset -> method -> score (null: the method failed on it). */
export type PublishedScores = Record<string, Record<string, number | null>>;

export function loadPublished(root: string, file: string): PublishedScores | null {
  const path = join(root, "published_scores", file);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as PublishedScores) : null;
}
