// `npm run check:real-logs [-- DIR]`: imports every log of DIR (default ../shared/real-logs) into a throwaway store,
// as `rewardscope import` does, and prints per run what the monitor made of it. Exit 1 if a log does not import.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type ImportedRun, importLogs, LOG_FORMATS, openLocalIngest } from "rewardscope";

/** Files beside the logs that are not logs. */
const NOT_LOGS = /\.(md|txt)$/i;

function describe(run: ImportedRun, alerts: { step: number; type: string; rewardFn?: string }[]): string {
  const log = run.logs[0];
  const firsts = new Map<string, number>();
  for (const alert of alerts) {
    const key = alert.rewardFn ? `${alert.type}(${alert.rewardFn})` : alert.type;
    if (!firsts.has(key)) firsts.set(key, alert.step);
  }
  const types = Object.entries(run.tally.alertsByType)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([type, count]) => `${type} ${count}`);
  return [
    `${run.run}`,
    `  format     ${log ? LOG_FORMATS[log.format] : "?"} (${log?.events ?? 0} events${log?.problems.length ? `, ${log.problems.length} problems` : ""})`,
    `  steps      ${run.tally.steps} (last ${run.tally.lastStep ?? "-"})`,
    `  functions  ${run.rewardFunctions.join(", ") || "none"}`,
    `  alerts     ${types.join(" · ") || "none"}`,
    `  first at   ${[...firsts].map(([key, step]) => `${key} @${step}`).join(" · ") || "-"}`,
    `  not run    ${(run.tally.notRun ?? []).join(", ") || "-"}`,
  ].join("\n");
}

async function checkLog(path: string): Promise<string> {
  const data = await mkdtemp(join(tmpdir(), "rewardscope-real-"));
  const local = await openLocalIngest(data);
  try {
    const [run] = await importLogs([path], { ingest: local.sessions, bus: local.bus });
    if (!run || run.tally.steps === 0) throw new Error("no step was imported");
    const { alerts } = await local.store.alerts(run.run, { limit: 10_000 });
    alerts.sort((a, b) => a.step - b.step);
    return describe(run, alerts);
  } finally {
    await local.close();
    await rm(data, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? "../shared/real-logs");
  const files = (await readdir(dir)).filter((name) => !NOT_LOGS.test(name)).sort();
  let failed = 0;
  for (const name of files) {
    try {
      console.log(await checkLog(join(dir, name)));
    } catch (error) {
      failed++;
      console.log(`${name}\n  FAILED     ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(`\n${files.length - failed} of ${files.length} logs imported`);
  if (failed > 0) process.exitCode = 1;
}

await main();
