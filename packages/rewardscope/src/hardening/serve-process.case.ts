import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
/**
 * The built command line, as `npx rewardscope` runs it. REWARDSCOPE_TEST_CLI points the tests at another build
 * (an installed package, a snapshot), which they then use as it is.
 */
const OTHER_CLI = process.env.REWARDSCOPE_TEST_CLI;
export const CLI = OTHER_CLI ?? join(REPO, "packages/rewardscope/dist/cli/main.js");
const BUILD_LOCK = join(tmpdir(), "rewardscope-hardening-build.lock");

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Brings dist/ up to date with the sources (`tsc -b`, incremental: well under a second when nothing changed), so
 * the child processes run the code under test, not a stale build. One build at a time across test files: two
 * builds writing the same files would hand a half-written module to a starting server.
 */
export function ensureBuilt(): void {
  if (OTHER_CLI !== undefined) return;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // A lock left by a killed test run is older than any build takes.
      const age = Date.now() - (statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmdirSync(BUILD_LOCK);
      sleepSync(100);
    }
  }
  try {
    execFileSync(
      process.execPath,
      [join(REPO, "node_modules/typescript/bin/tsc"), "-b", "packages/core", "packages/rewardscope"],
      { cwd: REPO, stdio: "pipe" },
    );
  } catch (error) {
    // tsc emits despite type errors; `npm test` reports those. Without an emitted CLI there is nothing to test.
    const out = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
    if (!existsSync(CLI))
      throw new Error(`the build (tsc -b packages/core packages/rewardscope) failed:\n${out}`);
    console.warn(`tsc -b reported type errors; testing what it emitted:\n${out.slice(0, 2000)}`);
  } finally {
    rmdirSync(BUILD_LOCK);
  }
}

/** A `rewardscope serve` child process that is listening. */
export interface ServeProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process wrote, both streams, so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string>;
  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  crash(): Promise<number | string>;
  /** SIGINT: the orderly stop. */
  stop(): Promise<number | string>;
}

/**
 * Starts `node dist/cli/main.js serve --port 0 --quiet ...args` and waits for its "listening on URL" line.
 * @example
 * const server = await startServe(["--data", dir]);
 * await fetch(`${server.url}/api/v1/health`);
 * await server.stop();
 */
export async function startServe(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", "--quiet", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 30 s:\n${out}`)), 30_000);
    const look = () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(match[1]);
    };
    child.stdout?.on("data", look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening:\n${out}`));
    });
  });
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return exited;
  };
  return {
    url,
    pid: child.pid as number,
    child,
    output: () => out,
    exited,
    crash: () => signal("SIGKILL"),
    stop: () => signal("SIGINT"),
  };
}

/** Runs `rewardscope ...args` to its end: exit code and both streams. */
export async function runCommand(
  args: readonly string[],
  timeoutMs = 30_000,
): Promise<{ code: number | string; output: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | string>((resolve) =>
    child.once("exit", (c, s) => resolve(c ?? s ?? "unknown")),
  );
  clearTimeout(timer);
  return { code, output };
}

/** The peak resident set of a live process in bytes (VmHWM of /proc/PID/status), or NaN off Linux. */
export function peakRssBytes(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match?.[1] ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
