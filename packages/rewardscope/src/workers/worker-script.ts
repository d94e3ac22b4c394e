import { existsSync } from "node:fs";
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { RewardscopeError } from "@rewardscope/core";

/**
 * The script of a worker thread, `name` in the folder of the module at `moduleUrl`: beside that module once built;
 * when the module runs from its TypeScript source (the tests), the built copy in the package's dist.
 * @throws RewardscopeError("invalid_state") when neither exists (the package was never built).
 * @example
 * new Worker(workerScript(import.meta.url, "report-worker.js"));
 */
export function workerScript(moduleUrl: string, name: string): URL {
  const sibling = new URL(`./${name}`, moduleUrl);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const folder = basename(dirname(fileURLToPath(moduleUrl)));
  const built = new URL(`../../dist/${folder}/${name}`, moduleUrl);
  if (existsSync(fileURLToPath(built))) return built;
  throw new RewardscopeError(
    "invalid_state",
    `the worker ${name} is not built (${fileURLToPath(built)}); run npm run build`,
  );
}
