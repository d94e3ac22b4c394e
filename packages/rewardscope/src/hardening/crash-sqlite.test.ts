import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { crashDurabilitySuite } from "./crash-suite.case.js";
import { ensureBuilt } from "./serve-process.case.js";

const dirs: string[] = [];
beforeAll(() => ensureBuilt(), 120_000);
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("crash durability on SQLite", () => {
  crashDurabilitySuite({
    store: "SQLite",
    kills: 24,
    seed: 7,
    serveArgs: async () => {
      const dir = await mkdtemp(join(tmpdir(), "rewardscope-crash-"));
      dirs.push(dir);
      return ["--data", dir];
    },
  });
});
