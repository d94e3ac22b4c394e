// How long a server cannot answer while it writes a long run's report: node report-stall-child.js DIR RUN MODE,
// MODE "inline" (the report in the server's thread) or "worker" (as `serve` writes it). Starts a server on DIR,
// finishes RUN (which writes its report), waits for the report, and prints {"maxStallMs", "reportSeconds"}: the
// longest event-loop delay meanwhile, i.e. the longest any request would have waited.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { startServer } from "rewardscope";

const [dataDir, run, mode] = process.argv.slice(2);
if (dataDir !== undefined && run !== undefined && (mode === "inline" || mode === "worker")) {
  const server = await startServer({
    dataDir,
    host: "127.0.0.1",
    port: 0,
    console: null,
    reportWriter: mode,
  });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const start = performance.now();
  const finish = await fetch(`${server.url}/api/v1/runs/${run}/finish`, { method: "POST" });
  if (!finish.ok) throw new Error(`finish answered ${finish.status}: ${await finish.text()}`);
  // Closing waits for the report sink: the report is written when it returns.
  await server.close();
  delay.disable();
  process.stdout.write(
    JSON.stringify({ maxStallMs: delay.max / 1e6, reportSeconds: (performance.now() - start) / 1000 }),
  );
}
