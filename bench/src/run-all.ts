// `npm run bench`: every benchmark in one run, a table on stdout and bench-out/results.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { benchAnalyzeThroughput } from "./analyze-throughput.js";
import { benchDashboardSpeed } from "./dashboard-speed.js";
import { generateRun } from "./generate-run.js";
import { benchImportMemory } from "./import-memory.js";
import { benchIngest } from "./ingest-throughput.js";
import { benchMemory } from "./memory.js";
import { benchPythonClientOverhead } from "./python-client-overhead.js";
import { benchReportSpeed } from "./report-speed.js";
import type { BenchResult } from "./result.js";
import { benchWrapperOverhead } from "./wrapper-overhead.js";

const outDir = fileURLToPath(new URL("../../bench-out/", import.meta.url));

function print(result: BenchResult): void {
  console.log(`\n${result.pass ? "PASS" : "MISS"}  ${result.name}\n      target: ${result.target}`);
  for (const [key, value] of Object.entries(result.figures)) {
    const shown = Math.abs(value) >= 100 ? Math.round(value).toLocaleString("en-US") : value.toPrecision(3);
    console.log(`      ${key.padEnd(28)} ${shown}`);
  }
}

const results: BenchResult[] = [];
const run = await generateRun(`${outDir}run-2000x256.jsonl`, 2000, 32);
for (const bench of [
  () => benchAnalyzeThroughput(run),
  async () => benchImportMemory(await generateRun(`${outDir}run-500x256.jsonl`, 500, 32), run),
  () => benchIngest(),
  benchWrapperOverhead,
  benchPythonClientOverhead,
  benchMemory,
  () => benchReportSpeed(),
  benchDashboardSpeed,
]) {
  const result = await bench();
  print(result);
  results.push(result);
}
mkdirSync(outDir, { recursive: true });
writeFileSync(
  `${outDir}results.json`,
  `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`,
);
console.log(`\n${results.filter((r) => r.pass).length} of ${results.length} benchmarks met their targets`);
