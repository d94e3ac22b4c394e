import { expect, it } from "vitest";
import { checkSteps, getRun, ReferenceRun, recordProblems } from "./crash-check.case.js";
import { CRASH_RUN } from "./crash-plan.case.js";
import {
  fullyAckedSteps,
  newWriterLog,
  runRankWriter,
  ServerSlot,
  type WriterLog,
} from "./crash-writer.case.js";
import { seededRandom } from "./seeded-random.case.js";
import { type ServeProcess, startServe } from "./serve-process.case.js";

export interface CrashSuiteOptions {
  /** "SQLite", "PostgreSQL": names the test. */
  store: string;
  /** The `serve` flags that open the store under test (a fresh one per call). */
  serveArgs: () => Promise<string[]>;
  kills: number;
  seed: number;
  /** The longest a kill waits after the restarted server's first acknowledgement, in ms. */
  maxKillDelayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One kill in four comes 0-300 ms after the restart, without waiting for an acknowledgement: while the writers'
 * retries arrive and the run's session opens and replays its stored events.
 */
const quickKill = (k: number) => k % 4 === 3;

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

function ackedIds(logs: WriterLog[]): Set<string> {
  return new Set(logs.flatMap((log) => [...log.acked.keys()]));
}

/**
 * The crash-durability test of one store: two ranks stream a run while `rewardscope serve` is SIGKILLed at seeded
 * random moments (most after the restarted server acknowledged something, so the run makes progress). After
 * every restart, each step whose batches were all acknowledged is analysed, and every analysed step holds each
 * batch exactly once with the statistics and EMAs of an uninterrupted run; at the end, the whole run is.
 */
export function crashDurabilitySuite(options: CrashSuiteOptions): void {
  const { store, kills, seed, maxKillDelayMs = 500 } = options;
  it(`${store}: every acknowledged batch survives ${kills} SIGKILLs exactly once, and analysis continues`, async () => {
    // A step of 16 completions is kept whole (retention keeps up to 32), so a lost or doubled one shows.
    const args = await options.serveArgs();
    const slot = new ServerSlot();
    const logs = [newWriterLog(), newWriterLog()];
    const random = seededRandom(seed);
    const reference = new ReferenceRun();
    let lastStep = Number.POSITIVE_INFINITY;
    let verifiedThrough = -1;
    let server: ServeProcess = await startServe(args);
    slot.up(server);
    const writers = logs.map((log, rank) =>
      runRankWriter(slot, rank, () => lastStep, log, seededRandom(seed * 31 + rank)),
    );
    // A writer ends with SlotClosedError when the test stops early; the failure that stopped it is what counts.
    for (const writer of writers) writer.catch(() => {});
    try {
      for (let k = 0; k < kills; k++) {
        if (!quickKill(k))
          await waitFor(
            "an acknowledgement from the restarted server",
            () => slot.acksSinceStart > 0,
            60_000,
          );
        await sleep(random() * (quickKill(k) ? 300 : maxKillDelayMs));
        slot.down();
        const ackedBeforeKill = ackedIds(logs);
        await server.crash();
        server = await startServe(args);
        const mustHold = fullyAckedSteps(ackedBeforeKill).at(-1) ?? -1;
        // Before any writer comes back: what the store holds after the crash is already exact.
        const atRestart = await getRun(server.url);
        expect(recordProblems(atRestart)).toEqual([]);
        const analysed = atRestart?.lastStep ?? -1;
        expect(await checkSteps(server.url, verifiedThrough + 1, analysed, reference)).toEqual([]);
        verifiedThrough = Math.max(verifiedThrough, analysed);
        slot.up(server);
        // Steps acknowledged whole before the kill are analysed (at once, or on the run's replay); before a quick
        // kill, the next cycle checks it.
        if (!quickKill(k + 1))
          await waitFor(
            `step ${mustHold}, acknowledged before kill ${k + 1}, to be analysed`,
            async () => ((await getRun(server.url))?.lastStep ?? -1) >= mustHold,
            30_000,
          );
      }
      await waitFor("an acknowledgement after the last restart", () => slot.acksSinceStart > 0, 60_000);
      lastStep = Math.max(...logs.map((log) => log.step)) + 3;
      expect(await Promise.all(writers)).toEqual(logs.map(() => lastStep + 1));
      const finish = await fetch(`${server.url}/api/v1/runs/${CRASH_RUN}/finish`, { method: "POST" });
      expect(finish.status).toBe(200);
      const record = await getRun(server.url);
      expect(recordProblems(record)).toEqual([]);
      expect(record?.lastStep).toBe(lastStep);
      expect(await checkSteps(server.url, 0, lastStep, reference)).toEqual([]);
      expect(logs.flatMap((log) => log.problems)).toEqual([]);
      const retries = logs.reduce((n, log) => n + log.retries, 0);
      const storedBeforeAck = logs.reduce(
        (n, log) => n + [...log.acked.values()].filter((a) => a.duplicate).length,
        0,
      );
      console.info(
        `${store} crash test: ${kills} SIGKILLs, ${lastStep + 1} steps, ${ackedIds(logs).size} batches, ` +
          `${retries} posts cut by a kill and retried, ${storedBeforeAck} of them already stored (answered as duplicates), ` +
          `${logs.reduce((n, log) => n + log.resent, 0)} acknowledged batches sent again`,
      );
    } finally {
      slot.close();
      await server.crash();
      await Promise.allSettled(writers);
    }
  }, 600_000);
}
