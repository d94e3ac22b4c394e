// `npm run bench:detection`: recall, delay and false alarms of the detectors on generated runs, beside the naive
// rules. Prints markdown tables and writes bench-out/detection.json. DETECTION_QUICK=1: a small corpus.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildCorpus, FULL_CORPUS, QUICK_CORPUS } from "./corpus.js";
import { evaluateRun } from "./evaluate.js";
import { NAIVE_KINDS } from "./naive-rules.js";
import { PATHOLOGY_KINDS } from "./pathologies.js";
import { formatLegend, formatTables, metTargets, TARGETS } from "./report-table.js";
import { type RunOutcome, scoreDetection } from "./scorer.js";

const SEED = 20_261_122;
const quick = process.env.DETECTION_QUICK === "1";
const outDir = fileURLToPath(new URL("../../../bench-out/", import.meta.url));

const started = performance.now();
const cpuStarted = process.cpuUsage();
const corpus = buildCorpus(SEED, quick ? QUICK_CORPUS : FULL_CORPUS);
const monitorRuns: RunOutcome[] = [];
const naiveRuns: RunOutcome[] = [];
let steps = 0;
for (const spec of corpus) {
  const result = evaluateRun(spec);
  monitorRuns.push(result.monitor);
  naiveRuns.push(result.naive);
  steps += result.steps;
}
const monitor = scoreDetection(monitorRuns);
const naive = scoreDetection(naiveRuns);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

console.log(
  `Detection benchmark${quick ? " (quick)" : ""}: ${corpus.length} runs, ${steps.toLocaleString("en-US")} steps, ${seconds.toFixed(0)} s (${cpuSeconds.toFixed(0)} s of CPU)\n`,
);
console.log(formatTables(monitor, naive, NAIVE_KINDS));
const missed = PATHOLOGY_KINDS.filter((k) => {
  const s = monitor.pathologies[k];
  return s !== undefined && !metTargets(s);
});
const noisy = Object.entries(monitor.falseAlarms).filter(([, s]) => s.alarmsPer1k > TARGETS.alarmsPer1k);
console.log(
  `\nTargets: recall >= ${TARGETS.recall}, median delay <= ${TARGETS.medianDelay} steps, <= ${TARGETS.alarmsPer1k} alarms per 1,000 healthy steps per type.`,
);
console.log(`Missed recall/delay: ${missed.length === 0 ? "none" : missed.join(", ")}`);
console.log(`Over the false-alarm target: ${noisy.length === 0 ? "none" : noisy.map(([t]) => t).join(", ")}`);
console.log(`\nThe generated pathologies:\n${formatLegend()}`);

mkdirSync(outDir, { recursive: true });
writeFileSync(
  `${outDir}detection.json`,
  `${JSON.stringify({ date: new Date().toISOString(), seed: SEED, quick, runs: corpus.length, steps, seconds, cpuSeconds, targets: TARGETS, monitor, naive, naiveKinds: [...NAIVE_KINDS] }, null, 2)}\n`,
);
