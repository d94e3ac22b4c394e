// Tuning aid: `node bench/dist/detection/tune.js '<config JSON>' [pathology...]` scores the Monitor with a
// configuration override on the healthy runs and the named pathologies' runs of the benchmark corpus (all of
// them without names), so a default can be tried against its false alarms before it is changed.
import type { MonitorConfigInput } from "@rewardscope/core";
import { FULL_CORPUS, healthyRun, pathologyRun } from "./corpus.js";
import { evaluateRun } from "./evaluate.js";
import { PATHOLOGY_KINDS, type PathologyKind } from "./pathologies.js";
import { type RunOutcome, scoreDetection } from "./scorer.js";

const SEED = 20_261_122;
const [configText = "{}", ...names] = process.argv.slice(2);
const config = JSON.parse(configText) as MonitorConfigInput;
const kinds = (names.length > 0 ? names : PATHOLOGY_KINDS) as PathologyKind[];
const healthyRuns = Number(process.env.TUNE_HEALTHY ?? FULL_CORPUS.healthyRuns);
const runs: RunOutcome[] = [];
for (let i = 0; i < healthyRuns; i++) runs.push(evaluateRun(healthyRun(SEED, i), config).monitor);
for (const kind of kinds)
  for (let i = 0; i < FULL_CORPUS.runsPerPathology; i++)
    runs.push(evaluateRun(pathologyRun(SEED, kind, i), config).monitor);
const score = scoreDetection(runs);
for (const kind of kinds) {
  const s = score.pathologies[kind];
  if (s)
    console.log(
      `${kind.padEnd(22)} recall ${s.recall.toFixed(2)} median ${s.medianDelay} p90 ${s.p90Delay} early ${s.early}`,
    );
}
console.log(`healthy steps ${score.healthySteps}`);
for (const [type, fa] of Object.entries(score.falseAlarms))
  console.log(`${type.padEnd(22)} alarms/1k ${fa.alarmsPer1k.toFixed(3)} low/1k ${fa.lowPer1k.toFixed(3)}`);
