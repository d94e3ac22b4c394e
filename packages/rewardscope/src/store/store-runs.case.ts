import { describe, expect, it } from "vitest";
import { expectError, type OpenStore, useStore } from "./store-harness.case.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The runs part of the Store contract. */
export function describeRunsContract(open: OpenStore): void {
  describe("runs", () => {
    const t = useStore(open);

    it("creates a run with defaults and reads it back", async () => {
      const name = t.runName();
      const created = await t.store().upsertRun({ name });
      expect(created).toMatchObject({
        name,
        project: null,
        rewardFunctions: [],
        worldSize: 1,
        config: {},
        status: "running",
        lastStep: null,
        stepCount: 0,
        alertCounts: {},
      });
      expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
      expect(await t.store().getRun(name)).toEqual(created);
      expect(await t.store().getRun(t.runName("absent"))).toBeNull();
    });

    it("updates only the declared fields on a second upsert", async () => {
      const name = t.runName();
      const first = await t
        .store()
        .upsertRun({ name, project: "math", rewardFunctions: ["a", "b"], worldSize: 2 });
      const config = { lr: 1e-6, nested: { tags: ["x", "ü"] } };
      const second = await t.store().upsertRun({ name, rewardFunctions: ["c"], config });
      expect(second).toMatchObject({ project: "math", rewardFunctions: ["c"], worldSize: 2, config });
      expect(second.createdAt).toBe(first.createdAt);
      expect((await t.store().upsertRun({ name, project: null })).project).toBeNull();
    });

    it("lists runs, the most recently updated first, and sets their status", async () => {
      const [a, b] = [t.runName("a"), t.runName("b")];
      await t.store().upsertRun({ name: a });
      await pause(3);
      await t.store().upsertRun({ name: b });
      await pause(3);
      await t.store().setRunStatus(a, "finished");
      const mine = (await t.store().listRuns()).filter((r) => r.name === a || r.name === b);
      expect(mine.map((r) => [r.name, r.status])).toEqual([
        [a, "finished"],
        [b, "running"],
      ]);
      await expectError(t.store().setRunStatus(t.runName("absent"), "stale"), "not_found", "run");
      await expectError(t.store().setRunStatus(a, "paused" as "stale"), "invalid_argument", "status");
    });

    it("accepts names of 1 to 200 characters in any script", async () => {
      for (const name of [t.runName("qwen-2.5 ✓ 日本語 (gsm8k)"), "x".repeat(199) + t.runName().slice(0, 1)])
        expect((await t.store().upsertRun({ name })).name).toBe(name);
    });

    it("refuses names that could escape a folder or hide in a log", async () => {
      const bad = [
        "",
        "x".repeat(201),
        "a/b",
        "a\\b",
        "..",
        "a..b",
        "tab\there",
        "nul\u0000",
        "del\u007f",
        "c1\u009b",
      ];
      for (const name of bad) {
        await expectError(t.store().upsertRun({ name }), "invalid_argument", "run");
        await expectError(t.store().getRun(name), "invalid_argument", "run");
        await expectError(t.store().appendEvents(name, null, []), "invalid_argument", "run");
      }
    });

    it("refuses bad declared fields", async () => {
      const name = t.runName();
      await expectError(t.store().upsertRun({ name, worldSize: 0 }), "invalid_argument", "worldSize");
      await expectError(t.store().upsertRun({ name, worldSize: 1.5 }), "invalid_argument", "worldSize");
      const notArray = "a" as unknown as string[];
      await expectError(
        t.store().upsertRun({ name, rewardFunctions: notArray }),
        "invalid_argument",
        "rewardFunctions",
      );
      const notObject = [] as unknown as Record<string, unknown>;
      await expectError(t.store().upsertRun({ name, config: notObject }), "invalid_argument", "config");
      expect(await t.store().getRun(name)).toBeNull();
    });
  });
}
