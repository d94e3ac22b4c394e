import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WalSync } from "./wal-sync.js";

/** A datasync that waits to be released, counting calls. */
function gatedSync() {
  const gates: (() => void)[] = [];
  let calls = 0;
  return {
    calls: () => calls,
    release: () => gates.shift()?.(),
    datasync: () => {
      calls++;
      return new Promise<void>((resolve) => gates.push(resolve));
    },
  };
}

describe("WalSync", () => {
  it("covers every commit before a call, sharing syncs between concurrent callers", async () => {
    const disk = gatedSync();
    const wal = new WalSync(disk.datasync);
    const order: string[] = [];
    const first = wal.sync().then(() => order.push("first"));
    // Committed while the first sync runs: it may have missed them, so one more sync, shared by both.
    const second = wal.sync().then(() => order.push("second"));
    const third = wal.sync().then(() => order.push("third"));
    expect(disk.calls()).toBe(1);
    disk.release();
    await first;
    expect(order).toEqual(["first"]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(disk.calls()).toBe(2);
    disk.release();
    await Promise.all([second, third]);
    expect(order).toEqual(["first", "second", "third"]);
    const later = wal.sync();
    expect(disk.calls()).toBe(3);
    disk.release();
    await later;
  });

  it("fails the callers of a sync that fails, and the next sync starts afresh", async () => {
    let fail = true;
    const wal = new WalSync(async () => {
      if (fail) throw new Error("EIO");
    });
    await expect(wal.sync()).rejects.toThrow("EIO");
    fail = false;
    await expect(wal.sync()).resolves.toBeUndefined();
  });

  it("syncs a real file and closes it", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rewardscope-wal-")), "x.db-wal");
    writeFileSync(file, "frames");
    const wal = WalSync.ofFile(file);
    await Promise.all([wal.sync(), wal.sync(), wal.sync()]);
    await wal.close();
  });
});
