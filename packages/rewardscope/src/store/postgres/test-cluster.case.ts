import { execFile } from "node:child_process";
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster: `url` reaches its `rewardscope` database as a superuser. */
export interface TestCluster {
  url: string;
  /** The cluster's folder (data, socket, log). */
  dir: string;
  /** Stops the server and removes the folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Debian installs each major version under /usr/lib/postgresql/N/bin; the newest wins, then the PATH. */
function findBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] !== undefined) return join(root, versions[0], "bin");
  for (const dir of (process.env.PATH ?? "").split(":"))
    if (dir && existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) return dir;
  throw new Error(
    "PostgreSQL binaries not found (no /usr/lib/postgresql/*/bin/initdb, no initdb and pg_ctl on the PATH): " +
      "install Debian's postgresql package (apt-get install postgresql), as .ci/run does",
  );
}

/** A port the kernel just gave out and took back: free unless something grabs it in the next moment. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The unprivileged user the cluster runs as when we are root (initdb refuses root), else null: ourselves. */
function clusterUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (uid === undefined || gid === undefined)
    throw new Error(
      "running as root and no `postgres` user to run PostgreSQL as (the postgresql package adds it)",
    );
  return { name: "postgres", uid: Number(uid), gid: Number(gid) };
}

/**
 * Starts a fresh PostgreSQL cluster from the installed binaries (initdb and pg_ctl into a temporary folder):
 * loopback only on a random free port, its unix socket inside the folder, fsync on (the durability under test is
 * real), UTF-8. As root it runs as the `postgres` system user through runuser, the folder chowned to it. Fails with a
 * clear message when PostgreSQL is not installed: CI installs it, so a missing server is an error, not a skip.
 * @example
 * const cluster = await startTestCluster();
 * const store = await openPgStore(cluster.url);
 * await cluster.stop();
 */
export async function startTestCluster(): Promise<TestCluster> {
  const bin = findBinDir();
  const user = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), "rewardscope-pg-"));
  const data = join(dir, "data");
  const as = (tool: string, args: string[]) =>
    user
      ? run("runuser", ["-u", user.name, "--", join(bin, tool), ...args], { cwd: dir })
      : run(join(bin, tool), args, { cwd: dir });
  let started = false;
  const stop = async (): Promise<void> => {
    if (started) {
      started = false;
      await as("pg_ctl", ["stop", "-D", data, "-m", "fast", "-w"]).catch(() => {});
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (user) chownSync(dir, user.uid, user.gid);
    await as("initdb", [
      "-D",
      data,
      "-U",
      "postgres",
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C.UTF-8",
      "--no-instructions",
      // Only initdb's own final flush is skipped (a crash during setup just fails the test); the server fsyncs.
      "--no-sync",
    ]);
    const port = await freePort();
    writeFileSync(
      join(dir, "postgresql.extra.conf"),
      [
        "listen_addresses = '127.0.0.1'",
        `port = ${port}`,
        `unix_socket_directories = '${dir}'`,
        "fsync = on",
        "synchronous_commit = on",
        "max_connections = 200",
      ].join("\n"),
    );
    if (user) chownSync(join(dir, "postgresql.extra.conf"), user.uid, user.gid);
    writeFileSync(join(data, "postgresql.auto.conf"), `include '${join(dir, "postgresql.extra.conf")}'\n`, {
      flag: "a",
    });
    await as("pg_ctl", ["start", "-D", data, "-l", join(dir, "server.log"), "-w", "-t", "60"]);
    started = true;
    await as("psql", ["-h", dir, "-p", String(port), "-U", "postgres", "-c", "CREATE DATABASE rewardscope"]);
    return { url: `postgres://postgres@127.0.0.1:${port}/rewardscope`, dir, stop };
  } catch (error) {
    const log = existsSync(join(dir, "server.log")) ? readFileSync(join(dir, "server.log"), "utf8") : "";
    await stop();
    const detail = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`could not start a test PostgreSQL cluster: ${detail}\n${log}`);
  }
}

/**
 * Per test file: a cluster started before its tests and stopped after them; what the tests open on it is closed
 * first, newest first (`closeAtEnd`).
 * @example
 * const cluster = clusterFixture();
 * it("…", async () => { const store = await openPgStore(cluster.url()); cluster.closeAtEnd(() => store.close()); });
 */
export function clusterFixture(): { url(): string; closeAtEnd(...closers: (() => Promise<void>)[]): void } {
  let cluster: TestCluster | null = null;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    cluster = await startTestCluster();
  }, 120_000);
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    await cluster?.stop();
  });
  return {
    url() {
      if (!cluster) throw new Error("the test PostgreSQL cluster did not start");
      return cluster.url;
    },
    closeAtEnd(...more) {
      closers.push(...more);
    },
  };
}
