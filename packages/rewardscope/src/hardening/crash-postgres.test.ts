import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { startTestCluster, type TestCluster } from "../store/postgres/test-cluster.case.js";
import { crashDurabilitySuite } from "./crash-suite.case.js";
import { ensureBuilt } from "./serve-process.case.js";

let cluster: TestCluster | undefined;
const dirs: string[] = [];
beforeAll(async () => {
  ensureBuilt();
  cluster = await startTestCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("crash durability on PostgreSQL", () => {
  crashDurabilitySuite({
    store: "PostgreSQL",
    kills: 24,
    seed: 11,
    serveArgs: async () => {
      // The data folder still holds the JSONL sinks; the run lives in the cluster.
      const dir = await mkdtemp(join(tmpdir(), "rewardscope-crash-pg-"));
      dirs.push(dir);
      return ["--data", dir, "--store", (cluster as TestCluster).url];
    },
  });
});
