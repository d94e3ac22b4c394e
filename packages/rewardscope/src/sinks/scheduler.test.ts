import { expect, it } from "vitest";
import { REAL_SCHEDULER, resolveScheduler } from "./scheduler.js";

it("sleeps until aborted, runs and cancels timers, and takes replaced parts", async () => {
  const abort = new AbortController();
  const slept = REAL_SCHEDULER.sleep(60_000, abort.signal).then(() => "woke");
  abort.abort();
  const guard = new Promise((resolve) => setTimeout(() => resolve("still asleep"), 1000));
  expect(await Promise.race([slept, guard])).toBe("woke");

  const fired: string[] = [];
  REAL_SCHEDULER.after(1, () => fired.push("kept"));
  REAL_SCHEDULER.after(1, () => fired.push("cancelled"))();
  await REAL_SCHEDULER.sleep(20);
  expect(fired).toEqual(["kept"]);

  const scheduler = resolveScheduler({ now: () => 42 });
  expect(scheduler.now()).toBe(42);
  expect(scheduler.after).toBe(REAL_SCHEDULER.after);
});
