// Runs one `rewardscope` command alone in this process, so its peak memory is the command's own:
// node cli-child.js COMMAND ARGS... Prints {"seconds", "cpuSeconds", "maxRssMB"}.
import { runCli } from "rewardscope";

const argv = process.argv.slice(2);
if (argv.length > 0) {
  let err = "";
  const start = performance.now();
  const cpu = process.cpuUsage();
  const code = await runCli(argv, {
    stdout: () => {},
    stderr: (t) => {
      err += t;
    },
    env: {},
  });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  if (code !== 0) throw new Error(`rewardscope ${argv[0]} failed (${code}): ${err}`);
  // maxRSS is in kilobytes.
  process.stdout.write(
    JSON.stringify({
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}
