// `npm run bench:tcpd`: the change detectors on the TCPD change-point benchmark (../shared/benchmarks/tcpd, or
// TCPD_DIR), F1 (margin 5) and cover as TCPDBench computes them, beside the published scores averaged over the
// same series. Exits 0 with a message when the dataset is absent.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  inPublishedAverage,
  loadPublished,
  loadTcpd,
  type PublishedScores,
  type TcpdSeries,
} from "./tcpd-data.js";
import { CHANGE_METHODS, type ChangeMethod, detectChanges, ORACLE_GRID } from "./tcpd-detect.js";
import { cleanPredictions, cover, f1Score } from "./tcpd-metrics.js";

const root =
  process.env.TCPD_DIR ?? fileURLToPath(new URL("../../../../shared/benchmarks/tcpd/", import.meta.url));
const outDir = fileURLToPath(new URL("../../../bench-out/", import.meta.url));

const all = loadTcpd(root);
if (all === null) {
  console.log(`TCPD dataset not found at ${root} (set TCPD_DIR to its folder): skipping the TCPD benchmark.`);
  process.exit(0);
}
const series = all.filter((s) => inPublishedAverage(s.name, s.dims));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Mean F1 and cover in the default setting and in the oracle setting (null: not run). */
interface Row {
  method: string;
  f1: number | null;
  cover: number | null;
  oracleF1: number | null;
  oracleCover: number | null;
}

function score(s: TcpdSeries, changes: number[]): { f1: number; cover: number } {
  const n = s.values.length;
  const cleaned = cleanPredictions(changes, n);
  return { f1: f1Score(s.annotations, cleaned, 5), cover: cover(s.annotations, cleaned, n) };
}

/** Oracle, as TCPDBench's: the best grid setting per series, for F1 and for cover separately. */
function oracle(grid: readonly ChangeMethod[]): { f1: number; cover: number } {
  const best = series.map((s) => {
    const scores = grid.map((m) => score(s, detectChanges(s.values, m)));
    return { f1: Math.max(...scores.map((x) => x.f1)), cover: Math.max(...scores.map((x) => x.cover)) };
  });
  return { f1: mean(best.map((b) => b.f1)), cover: mean(best.map((b) => b.cover)) };
}

const perSeries: Record<string, Record<string, { f1: number; cover: number }>> = {};
function defaults(
  name: string,
  detect: (values: (number | null)[]) => number[],
): { f1: number; cover: number } {
  const scores = series.map((s) => {
    const result = score(s, detect(s.values));
    perSeries[s.name] = { ...perSeries[s.name], [name]: result };
    return result;
  });
  return { f1: mean(scores.map((x) => x.f1)), cover: mean(scores.map((x) => x.cover)) };
}

const zero = defaults("zero", () => []);
const [cusum, naive] = CHANGE_METHODS.map((m) => defaults(m.name, (v) => detectChanges(v, m)));
const best = oracle(ORACLE_GRID);
const ours: Row[] = [
  {
    method: "rewardscope level_change (CUSUM)",
    f1: cusum!.f1,
    cover: cusum!.cover,
    oracleF1: best.f1,
    oracleCover: best.cover,
  },
  {
    method: "rewardscope level_change (naive EMA ratio)",
    f1: naive!.f1,
    cover: naive!.cover,
    oracleF1: null,
    oracleCover: null,
  },
  { method: "zero (computed here)", f1: zero.f1, cover: zero.cover, oracleF1: null, oracleCover: null },
];

function publishedRows(
  files: Record<"f1" | "cover" | "oracleF1" | "oracleCover", PublishedScores | null>,
): Row[] {
  const { f1, cover: coverFile, oracleF1, oracleCover } = files;
  if (!f1 || !coverFile || !oracleF1 || !oracleCover) return [];
  // A method that failed on a series scores 0 there, as TCPDBench averages it.
  const avg = (file: PublishedScores, method: string) => mean(series.map((s) => file[s.name]?.[method] ?? 0));
  return Object.keys(f1[series[0]?.name ?? ""] ?? {}).map((method) => ({
    method: `${method} (published)`,
    f1: avg(f1, method),
    cover: avg(coverFile, method),
    oracleF1: avg(oracleF1, method),
    oracleCover: avg(oracleCover, method),
  }));
}
const published = publishedRows({
  f1: loadPublished(root, "default_f1_scores.json"),
  cover: loadPublished(root, "default_cover_scores.json"),
  oracleF1: loadPublished(root, "oracle_f1_scores.json"),
  oracleCover: loadPublished(root, "oracle_cover_scores.json"),
});

const cell = (x: number | null) => (x === null ? "—" : x.toFixed(3));
console.log(`TCPD: ${series.length} univariate series of the published averages (of ${all.length} present).`);
console.log(`Oracle: the best of ${ORACLE_GRID.length} level_change settings per series and metric.\n`);
console.log("| method | default F1 | default cover | oracle F1 | oracle cover |\n|---|---|---|---|---|");
for (const r of [...ours, ...published])
  console.log(
    `| ${r.method} | ${cell(r.f1)} | ${cell(r.cover)} | ${cell(r.oracleF1)} | ${cell(r.oracleCover)} |`,
  );
mkdirSync(outDir, { recursive: true });
writeFileSync(
  `${outDir}tcpd.json`,
  `${JSON.stringify({ date: new Date().toISOString(), root, series: series.map((s) => s.name), rows: [...ours, ...published], perSeries }, null, 2)}\n`,
);
