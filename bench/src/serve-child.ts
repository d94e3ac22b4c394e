import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../packages/rewardscope/dist/cli/main.js", import.meta.url));

/** A `rewardscope serve` child process of a benchmark, and its URL. */
export interface ServeChild {
  url: string;
  child: ChildProcess;
}

/** Starts `rewardscope serve --data DIR --port 0 --quiet ...args` and waits for its "listening on URL" line. */
export async function startServeChild(dataDir: string, args: readonly string[] = []): Promise<ServeChild> {
  const child = spawn(
    process.execPath,
    [CLI, "serve", "--data", dataDir, "--port", "0", "--quiet", ...args],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return { url, child };
}

/** Stops the child as Ctrl-C would, and waits for it to exit. */
export async function stopServeChild(child: ChildProcess): Promise<void> {
  child.kill("SIGINT");
  await new Promise((resolve) => child.once("exit", resolve));
}

/** The q-quantile of ascending values, by the nearest rank below. */
export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
