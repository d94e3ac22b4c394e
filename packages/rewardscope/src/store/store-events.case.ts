import type { RewardscopeEvent } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { cachedRun } from "./step-writes.case.js";
import { expectError, type OpenStore, useStore } from "./store-harness.case.js";

const metrics = (step: number, loss: number): RewardscopeEvent => ({
  type: "metrics",
  step,
  values: { loss },
});

/** The events part of the Store contract: sequence numbers, idempotent batches, replay, pruning. */
export function describeEventsContract(open: OpenStore): void {
  describe("events", () => {
    const t = useStore(open);

    it("numbers events per run, increasing by 1 across batches, and replays them in order", async () => {
      const [name, other] = [t.runName(), t.runName("other")];
      const store = t.store();
      await store.upsertRun({ name });
      await store.upsertRun({ name: other });
      const events = [metrics(0, 1), metrics(0, 2), metrics(1, 3)];
      expect(await store.appendEvents(name, "b1", events)).toEqual({ duplicate: false, seqs: [1, 2, 3] });
      expect(await store.appendEvents(other, "b1", [metrics(0, 9)])).toEqual({ duplicate: false, seqs: [1] });
      expect(await store.appendEvents(name, "b2", [metrics(1, 4), metrics(2, 5)])).toEqual({
        duplicate: false,
        seqs: [4, 5],
      });
      const stored = await store.eventsAfter(name, 0);
      expect(stored.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(stored.map((e) => e.event)).toEqual([...events, metrics(1, 4), metrics(2, 5)]);
      expect((await store.eventsAfter(name, 3)).map((e) => e.seq)).toEqual([4, 5]);
      expect(await store.eventsAfter(name, 5)).toEqual([]);
      expect(await store.eventsAfter(t.runName("absent"), 0)).toEqual([]);
    });

    it("stores a batch once per batch id, and without an id every time", async () => {
      const name = t.runName();
      const store = t.store();
      await store.upsertRun({ name });
      await store.appendEvents(name, "b1", [metrics(0, 1), metrics(0, 2)]);
      expect(await store.appendEvents(name, "b1", [metrics(0, 1), metrics(0, 2)])).toEqual({
        duplicate: true,
        seqs: [],
      });
      expect(await store.appendEvents(name, "b1", [metrics(7, 7)])).toEqual({ duplicate: true, seqs: [] });
      expect((await store.appendEvents(name, "b2", [metrics(1, 3)])).seqs).toEqual([3]);
      expect((await store.appendEvents(name, null, [metrics(1, 3)])).seqs).toEqual([4]);
      expect((await store.appendEvents(name, null, [metrics(1, 3)])).seqs).toEqual([5]);
      expect(await store.appendEvents(name, "empty", [])).toEqual({ duplicate: false, seqs: [] });
      expect(await store.appendEvents(name, "empty", [])).toEqual({ duplicate: true, seqs: [] });
      expect((await store.eventsAfter(name, 0)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    });

    it("keeps the received lines of a batch, and replays them as parseEvent makes them", async () => {
      const name = t.runName();
      const store = t.store();
      await store.upsertRun({ name });
      const lines = [
        '{"type":"metrics","step":0,"values":{"loss":1},"extra":"dropped by parseEvent"}',
        '{ "type": "metrics", "step": 1, "values": { "loss": 2 } }',
      ];
      expect(await store.appendEvents(name, "b1", [metrics(0, 1), metrics(1, 2)], lines)).toEqual({
        duplicate: false,
        seqs: [1, 2],
      });
      expect((await store.eventsAfter(name, 0)).map((e) => e.event)).toEqual([metrics(0, 1), metrics(1, 2)]);
      await expectError(store.appendEvents(name, "b2", [metrics(2, 3)], []), "invalid_argument", "lines");
      expect((await store.eventsAfter(name, 0)).length).toBe(2);
    });

    it("keeps the text of events exactly, whatever it holds", async () => {
      const name = t.runName();
      const text = ['"quoted" \\ back', "日本語 ✓ 🎉", "<think>\n</think>", "\u0001\u001b[31m", "%_*"];
      const event: RewardscopeEvent = {
        type: "rewards",
        step: 0,
        rewards: { a: text.map(() => 1) },
        completions: text,
      };
      await t.store().upsertRun({ name });
      await t.store().appendEvents(name, "unicode", [event]);
      expect((await t.store().eventsAfter(name, 0))[0]?.event).toEqual(event);
    });

    it("refuses events for an unknown run and bad arguments", async () => {
      const name = t.runName();
      await expectError(t.store().appendEvents(name, "b1", [metrics(0, 1)]), "not_found", "run");
      expect(await t.store().getRun(name)).toBeNull();
      await t.store().upsertRun({ name });
      await expectError(t.store().appendEvents(name, "", []), "invalid_argument", "batchId");
      await expectError(t.store().appendEvents(name, "x".repeat(257), []), "invalid_argument", "batchId");
      const notArray = {} as RewardscopeEvent[];
      await expectError(t.store().appendEvents(name, "b1", notArray), "invalid_argument", "events");
      await expectError(t.store().eventsAfter(name, -1), "invalid_argument", "afterSeq");
      await expectError(t.store().eventsAfter(name, 0.5), "invalid_argument", "afterSeq");
      expect(await t.store().appendEvents(name, "b1", [])).toEqual({ duplicate: false, seqs: [] });
    });

    it("drops the events a saved step consumed, but still knows their batch ids", async () => {
      const name = t.runName();
      const sim = cachedRun({ steps: 20 });
      const store = t.store();
      await store.upsertRun({ name });
      const seqs: number[] = [];
      for (const [i, event] of sim.events.entries())
        seqs.push(...(await store.appendEvents(name, `e${i}`, [event])).seqs);
      expect(seqs).toEqual(sim.events.map((_, i) => i + 1));
      const write = sim.writes[4]!;
      await store.saveStep(name, write);
      const left = await store.eventsAfter(name, 0);
      expect(left[0]?.seq).toBe(write.appliedSeq + 1);
      expect(left.map((e) => e.event)).toEqual(sim.events.slice(write.appliedSeq));
      expect(await store.appendEvents(name, "e0", [sim.events[0]!])).toEqual({ duplicate: true, seqs: [] });
      expect((await store.appendEvents(name, "new", [metrics(99, 1)])).seqs).toEqual([sim.events.length + 1]);
    });
  });
}
