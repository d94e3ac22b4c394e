// Writes the report of RUN in DIR through the CLI, alone in this process so its peak memory is the report's own:
// node report-child.js DIR RUN. Prints {"seconds", "cpuSeconds", "maxRssMB"}.
import { runCli } from "rewardscope";

const [dir, run] = process.argv.slice(2);
if (dir !== undefined && run !== undefined) {
  let err = "";
  const start = performance.now();
  const cpu = process.cpuUsage();
  const code = await runCli(["report", run, "--data", dir], {
    stdout: () => {},
    stderr: (t) => {
      err += t;
    },
    env: {},
  });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  if (code !== 0) throw new Error(`rewardscope report failed (${code}): ${err}`);
  // maxRSS is in kilobytes.
  process.stdout.write(
    JSON.stringify({
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}
