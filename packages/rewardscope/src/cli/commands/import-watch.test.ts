import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  put,
  pythonJson,
  tempFolder,
  trainerStateNewer,
  verlMetricsJsonl,
} from "../../importers/fixtures.case.js";
import { type RunningServer, startServer } from "../../serve/start-server.js";
import { captureIo as capture } from "../capture-io.case.js";
import { runCli } from "../run-cli.js";

let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(() => folder.remove());

async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("rewardscope import", () => {
  it("imports logs into the data folder and prints a summary per run", async () => {
    const state = await put(folder.dir, "qwen.trainer_state.json", pythonJson(trainerStateNewer(30)));
    const verl = await put(folder.dir, "verl.jsonl", verlMetricsJsonl(8));
    const data = join(folder.dir, "data");
    const { io, out, err } = capture();
    expect(await runCli(["import", state, verl, "--data", data], io)).toBe(0);
    expect(err()).toBe("");
    expect(out()).toMatch(/run qwen: 30 steps, \d+ alerts/);
    expect(out()).toMatch(/from {9}.*qwen\.trainer_state\.json \(TRL trainer_state\.json, \d+ events\)/);
    expect(out()).toMatch(/functions {4}accuracy, format/);
    expect(out()).toMatch(/by type .*flatline/);
    expect(out()).toMatch(/run verl: 8 steps/);
    expect(out()).toMatch(/not run {6}.*zero_std_groups/);

    const again = capture();
    expect(await runCli(["import", state, "--data", data], again.io)).toBe(0);
    expect(again.out()).toMatch(/already imported: nothing new was stored/);
  });

  it("fails with the reason on a path it cannot read", async () => {
    const { io, err } = capture();
    expect(
      await runCli(["import", join(folder.dir, "missing.json"), "--data", join(folder.dir, "d")], io),
    ).toBe(2);
    expect(err()).toMatch(/missing\.json: no such file/);
    expect(await runCli(["import"], capture().io)).toBe(2);
  });
});

describe("rewardscope watch", () => {
  it("follows a folder into the data folder until stopped", async () => {
    const out = join(folder.dir, "out");
    await mkdir(out);
    const stop = new AbortController();
    const cli = capture(stop.signal);
    const done = runCli(
      ["watch", out, "--data", join(folder.dir, "data"), "--poll", "50", "--every", "5"],
      cli.io,
    );
    await writeFile(join(out, "metrics.jsonl"), verlMetricsJsonl(12));
    await until(() => cli.out().includes("step 10 "));
    stop.abort();
    expect(await done).toBe(0);
    expect(cli.out()).toMatch(/watching .*out into run out/);
    expect(cli.out()).toMatch(/run out: 12 steps/);
    expect(cli.out()).toMatch(/from {9}.*metrics\.jsonl \(verl file logger JSONL\)/);
  });

  it("posts to a running server with --server", async () => {
    let server: RunningServer | null = null;
    try {
      server = await startServer({
        dataDir: join(folder.dir, "served"),
        host: "127.0.0.1",
        port: 0,
        token: "t0k",
        console: null,
      });
      const out = join(folder.dir, "out");
      await mkdir(out);
      await put(out, "metrics.jsonl", verlMetricsJsonl(6));
      const stop = new AbortController();
      const cli = capture(stop.signal);
      const done = runCli(
        ["watch", out, "--run", "remote", "--server", server.url, "--token", "t0k", "--poll", "50"],
        cli.io,
      );
      const store = server.store;
      await until(async () => ((await store.getRun("remote"))?.stepCount ?? 0) >= 5);
      stop.abort();
      expect(await done).toBe(0);
      expect(await store.getRun("remote")).toMatchObject({ status: "finished", stepCount: 6 });
      expect(cli.out()).toMatch(/run remote: 12 events in 6 batches sent/);

      const denied = capture(new AbortController().signal);
      const wrong = runCli(
        ["watch", out, "--run", "x", "--server", server.url, "--token", "nope", "--poll", "50"],
        denied.io,
      );
      expect(await wrong).toBe(2);
      expect(denied.err()).toMatch(/401/);
    } finally {
      await server?.close();
    }
  });

  it("refuses a path that is not a folder", async () => {
    const file = await put(folder.dir, "f.jsonl", "");
    const { io, err } = capture();
    expect(await runCli(["watch", file], io)).toBe(2);
    expect(err()).toMatch(/not a folder/);
  });
});
