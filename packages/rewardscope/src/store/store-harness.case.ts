import { RewardscopeError } from "@rewardscope/core";
import { afterEach, beforeEach, expect } from "vitest";
import type { SimulatedRun } from "./step-writes.case.js";
import type { Store } from "./store.js";

/** Opens a store over the same data each time (the same file, the same database): what reopening means. */
export type OpenStore = () => Promise<Store>;

let counter = 0;

/**
 * Per test: a store opened before and closed after, and run names no other test (nor an earlier suite run on the
 * same data) uses.
 */
export function useStore(open: OpenStore): {
  store(): Store;
  runName(label?: string): string;
  reopen(): Promise<Store>;
} {
  let current: Store | null = null;
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  beforeEach(async () => {
    current = await open();
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  return {
    store: () => current ?? expect.unreachable("no store open"),
    runName: (label = "run") => `${label}-${stamp}-${++counter}`,
    async reopen() {
      await current?.close();
      current = await open();
      return current;
    },
  };
}

/** Creates the run, appends every event in one batch, and saves every step. */
export async function storeRun(store: Store, name: string, sim: SimulatedRun): Promise<void> {
  await store.upsertRun({ name, rewardFunctions: sim.run.rewardFunctions ?? [] });
  await store.appendEvents(name, `${name}:all`, sim.events);
  for (const write of sim.writes) await store.saveStep(name, write);
}

/** Expects a RewardscopeError with this code (and field, when given). */
export async function expectError(promise: Promise<unknown>, code: string, field?: string): Promise<void> {
  const error = await promise.then(
    () => expect.unreachable("expected a RewardscopeError"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RewardscopeError);
  expect((error as RewardscopeError).code).toBe(code);
  if (field !== undefined) expect((error as RewardscopeError).field).toBe(field);
}
