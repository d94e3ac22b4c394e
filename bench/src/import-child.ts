// Imports FILE into a fresh data folder DIR through the CLI, alone in this process so its peak memory is the
// import's own: node import-child.js FILE DIR. Prints {"seconds", "maxRssMB"}.
import { runCli } from "rewardscope";

const [file, dir] = process.argv.slice(2);
if (file !== undefined && dir !== undefined) {
  let err = "";
  const start = performance.now();
  const code = await runCli(["import", file, "--data", dir, "--run", "imported"], {
    stdout: () => {},
    stderr: (t) => {
      err += t;
    },
    env: {},
  });
  if (code !== 0) throw new Error(`rewardscope import failed (${code}): ${err}`);
  // maxRSS is in kilobytes.
  process.stdout.write(
    JSON.stringify({
      seconds: (performance.now() - start) / 1000,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}
