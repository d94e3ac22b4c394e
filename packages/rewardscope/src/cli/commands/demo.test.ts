import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SCENARIOS } from "@rewardscope/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../cli-io.js";
import { runCli } from "../run-cli.js";

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    io: {
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        err += t;
      },
    },
    out: () => out,
    err: () => err,
  };
}

describe("rewardscope demo", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "rewardscope-demo-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes events with --out that analyze turns into the same reports as the live demo", async () => {
    const sim = ["--steps", "30", "--scenario", "kl_spike", "--seed", "3"];
    const events = join(dir, "events.jsonl");
    const written = capture();
    expect(await runCli(["demo", ...sim, "--out", events], written.io)).toBe(0);
    const lines = (await readFile(events, "utf8")).trimEnd().split("\n");
    expect(written.out()).toBe(`wrote ${lines.length} events (30 steps, scenario kl_spike) to ${events}\n`);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ type: "run" });

    const fromFile = join(dir, "from-file.json");
    const analysed = capture();
    expect(await runCli(["analyze", events, "-q", "--json", fromFile], analysed.io)).toBe(0);
    expect(analysed.err()).toBe("");
    expect(analysed.out()).toMatch(/: 30 steps, \d+ alerts?, 0 lines skipped/);

    const live = join(dir, "live.json");
    const demo = capture();
    expect(await runCli(["demo", ...sim, "-q", "--json", live], demo.io)).toBe(0);
    expect(await readFile(live, "utf8")).toBe(await readFile(fromFile, "utf8"));
    const report = JSON.parse(await readFile(live, "utf8")) as { steps: { step: number }[] };
    expect(report.steps).toHaveLength(30);
  });

  it("prints the breakdown of the first step, every N steps and the last step", async () => {
    const { io, out } = capture();
    expect(await runCli(["demo", "--steps", "25", "--every", "10"], io)).toBe(0);
    const steps = [...out().matchAll(/^step (\d+) · \d+ completions/gm)].map((m) => Number(m[1]));
    const first = steps[0] ?? Number.NaN;
    expect(steps).toEqual([first, 10, 20, first + 24]);
    expect(out()).toMatch(/^run .*: 25 steps/m);
  });

  it("lists the scenarios", async () => {
    const { io, out } = capture();
    expect(await runCli(["demo", "--scenario", "list"], io)).toBe(0);
    expect(out().trimEnd().split("\n")).toHaveLength(SCENARIOS.length);
    for (const s of SCENARIOS) expect(out()).toContain(s.description);
    const help = capture();
    expect(await runCli(["demo", "--help"], help.io)).toBe(0);
    expect(help.out()).toContain("Scenarios:");
    expect(help.out()).toContain("format_gaming");
  });

  it("rejects an unknown scenario and --json with --out", async () => {
    const bad = capture();
    expect(await runCli(["demo", "--scenario", "chaos"], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/^rewardscope: --scenario: unknown scenario "chaos"; one of: healthy, /);
    const both = capture();
    expect(await runCli(["demo", "--out", join(dir, "a"), "--json", join(dir, "b")], both.io)).toBe(2);
    expect(both.err()).toBe("rewardscope: --json: cannot be used with --out\n");
  });
});
