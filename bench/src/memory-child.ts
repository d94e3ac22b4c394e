// Runs the Monitor over a simulated run of argv[2] steps and prints its memory figures as JSON.
import { Monitor, simulateRun } from "@rewardscope/core";

const steps = Number(process.argv[2]);
const monitor = new Monitor();
let peak = 0;
for (const event of simulateRun({ steps, promptsPerStep: 8, groupSize: 8, seed: 1 })) {
  for (const report of monitor.ingest(event))
    if (report.step % 100 === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
monitor.flush();
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const memory = process.memoryUsage();
process.stdout.write(
  JSON.stringify({
    peakRssMB: Math.max(peak, memory.rss) / 2 ** 20,
    heapAfterGcMB: memory.heapUsed / 2 ** 20,
    stateKB: JSON.stringify(monitor.toState()).length / 1024,
  }),
);
