import { describe, expect, it } from "vitest";
import type { RunLeaseListener } from "../../ingest/run-leases.js";
import { cachedRun, writeAt } from "../step-writes.case.js";
import { openPgStore, type PgStore } from "./pg-store.js";
import { openPgRunLeases, type PgRunLeases } from "./run-leases.js";
import { clusterFixture } from "./test-cluster.case.js";

const cluster = clusterFixture();

/** A server's view: its store, its leases, and what its listener heard. */
async function server(
  pollMs = 100,
): Promise<{ store: PgStore; leases: PgRunLeases; heard: { changed: string[]; lost: string[] } }> {
  const store = await openPgStore(cluster.url());
  const leases = await openPgRunLeases(store, { pollMs, reconnectMs: 50 });
  cluster.closeAtEnd(
    () => store.close(),
    () => leases.close(),
  );
  const heard = { changed: [] as string[], lost: [] as string[] };
  const listener: RunLeaseListener = {
    changed: (run) => heard.changed.push(run),
    lost: (run) => heard.lost.push(run),
  };
  leases.watch(listener);
  return { store, leases, heard };
}

async function until(check: () => boolean, what: string, probe = async () => {}): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (await probe(); !check(); await probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("PostgreSQL run leases", () => {
  it("give a run to one server at a time, and to another once the owner lets go", async () => {
    const [a, b] = [await server(), await server()];
    await a.store.upsertRun({ name: "lease-1" });
    expect(await a.leases.acquire("lease-1")).toBe(true);
    expect(await a.leases.acquire("lease-1")).toBe(true);
    expect(await b.leases.acquire("lease-1")).toBe(false);
    expect(b.leases.holds("lease-1")).toBe(false);
    expect(await b.leases.acquire("no-such-run")).toBe(false);
    await a.leases.close();
    expect(a.leases.holds("lease-1")).toBe(false);
    expect(await b.leases.acquire("lease-1")).toBe(true);
  });

  it("tell an owner of events other servers stored, not of its own", async () => {
    // No polling within the test: only notifications are heard.
    const [a, b] = [await server(600_000), await server(600_000)];
    await a.store.upsertRun({ name: "lease-2" });
    await b.store.appendEvents("lease-2", "from-b", [{ type: "metrics", step: 0, values: { loss: 1 } }]);
    await until(() => a.heard.changed.includes("lease-2"), "A to hear of B's events");
    await a.store.setRunStatus("lease-2", "finished");
    await until(() => b.heard.changed.includes("lease-2"), "B to hear of A's status change");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(a.heard.changed).toEqual(["lease-2"]);
    expect(b.heard.changed).toEqual(["lease-2"]);
  });

  it("point every server at a run left with unanalysed events and no owner, until one owns it", async () => {
    const [a, b] = [await server(), await server()];
    await a.store.upsertRun({ name: "orphan" });
    await a.store.upsertRun({ name: "idle" });
    await a.store.appendEvents("orphan", "left-behind", [{ type: "metrics", step: 0, values: { loss: 1 } }]);
    await until(() => a.heard.changed.includes("orphan") && b.heard.changed.includes("orphan"), "the poll");
    expect(await a.leases.acquire("orphan")).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 250));
    b.heard.changed.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(b.heard.changed).not.toContain("orphan");
    expect([...a.heard.changed, ...b.heard.changed]).not.toContain("idle");
  });

  it("release every run when the lease connection dies, and reconnect", async () => {
    const [a, b] = [await server(), await server()];
    await a.store.upsertRun({ name: "lease-3" });
    expect(await a.leases.acquire("lease-3")).toBe(true);
    const { rows } = await b.store.sql.query(
      `SELECT pg_terminate_backend(pid) AS done FROM pg_locks WHERE locktype = 'advisory'
       AND objid = (SELECT id FROM runs WHERE name = 'lease-3')::oid`,
    );
    expect(rows).toEqual([{ done: true }]);
    await until(() => a.heard.lost.includes("lease-3"), "A to lose its lease");
    expect(a.leases.holds("lease-3")).toBe(false);
    expect(await b.leases.acquire("lease-3")).toBe(true);
    // A reconnects and can own runs again, once they are free.
    await a.store.upsertRun({ name: "lease-4" });
    let owned = false;
    await until(
      () => owned,
      "A to reconnect and own a free run",
      async () => {
        owned = await a.leases.acquire("lease-4");
      },
    );
  });

  it("fence off the step saves of an owner that lost its lease and has not noticed yet", async () => {
    const [a, b] = [await server(), await server()];
    const run = "fenced";
    await a.store.upsertRun({ name: run });
    const [first, second] = cachedRun({ steps: 5 }).writes;
    const save = (s: PgStore, write: typeof first, step: number) =>
      s.saveStep(run, writeAt(write ?? expect.unreachable("no write"), step, {}));
    expect(await a.leases.acquire(run)).toBe(true);
    await save(a.store, first, 0);
    // A's lease session ends under it (a network cut); B takes the run over before A hears of it.
    await b.store.sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'
       AND objid = (SELECT id FROM runs WHERE name = $1)::oid`,
      [run],
    );
    let taken = false;
    await until(
      () => taken,
      "B to take the run over",
      async () => {
        taken = await b.leases.acquire(run);
      },
    );
    await expect(save(a.store, second, 1)).rejects.toMatchObject({ code: "invalid_state", field: "run" });
    await save(b.store, second, 1);
    expect((await b.store.getRun(run))?.stepCount).toBe(2);
  });

  it("let a run go when a step save finds another server took it over", async () => {
    const [a, b] = [await server(), await server()];
    const run = "taken-over";
    await a.store.upsertRun({ name: run });
    const [write] = cachedRun({ steps: 5 }).writes;
    expect(await a.leases.acquire(run)).toBe(true);
    // B raises the epoch as a new owner would, while A's lease connection stays up: only the fence can tell A.
    const { rows } = await b.store.sql.query<{ id: number }>("SELECT id FROM runs WHERE name = $1", [run]);
    await b.store.takeOver(run, rows[0]?.id ?? expect.unreachable("no run"));
    await expect(
      a.store.saveStep(run, writeAt(write ?? expect.unreachable("no write"), 0, {})),
    ).rejects.toMatchObject({ code: "invalid_state" });
    expect(a.leases.holds(run)).toBe(false);
    expect(a.heard.lost).toEqual([run]);
    // A let its lock go too.
    let taken = false;
    await until(
      () => taken,
      "B to acquire the run",
      async () => {
        taken = await b.leases.acquire(run);
      },
    );
  });
});
