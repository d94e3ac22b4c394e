import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Alert, StepReport } from "@rewardscope/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../cli-io.js";
import { runCli } from "../run-cli.js";

function capture(stdin?: AsyncIterable<string>): { io: CliIo; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const io: CliIo = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  };
  if (stdin) io.stdin = stdin;
  return { io, out: () => out, err: () => err };
}

const rewards = (step: number, accuracy: unknown[] = [1, 0, 1, 0]) =>
  JSON.stringify({
    type: "rewards",
    step,
    rewards: { format: [1, 1, 0.5, 1], accuracy },
    groups: [0, 0, 1, 1],
    completions: ["<answer>1</answer>", "<answer>2</answer>", "answer 3", "<answer>4</answer>"],
  });
const metrics = (step: number, kl: unknown) =>
  JSON.stringify({ type: "metrics", step, values: { kl, loss: 0.5 } });

/** Lines 5 to 9 are malformed, one way each. */
const FIXTURE = [
  JSON.stringify({ type: "run", name: "fixture", rewardFunctions: ["format", "accuracy"] }),
  rewards(1),
  metrics(1, 0.1),
  rewards(2),
  "{not json",
  metrics(2, null),
  rewards(3, [1, 0, 1]),
  rewards(3, [1, "abc", 0, 1]),
  rewards(-1),
  rewards(3),
  metrics(3, 0.9),
  rewards(4),
  "",
  rewards(5),
].join("\n");

const PROBLEMS = [
  /^:5: invalid JSON: .+$/,
  /^:6: values\.kl: must be a finite number, got null \(NaN and Infinity are not allowed\)$/,
  /^:7: rewards\.accuracy: has length 3, but rewards\.format has length 4: all reward arrays must match$/,
  /^:8: rewards\.accuracy\[1\]: must be a finite number or null, got string "abc"$/,
  /^:9: step: must be a non-negative integer, got number -1$/,
];

interface JsonOut {
  run: { name: string; rewardFunctions: string[] };
  alerts: Alert[];
  steps: StepReport[];
}

describe("rewardscope analyze", () => {
  let dir = "";
  let file = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "rewardscope-analyze-"));
    file = join(dir, "run.jsonl");
    await writeFile(file, FIXTURE);
    await writeFile(
      join(dir, "kl-rule.yaml"),
      "rules:\n  - series: kl\n    above: 0.5\n    severity: critical\n",
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reports each malformed line as FILE:LINE: field: problem, skips it and counts it", async () => {
    const { io, out, err } = capture();
    expect(await runCli(["analyze", file, "--quiet"], io)).toBe(0);
    const lines = err().trimEnd().split("\n");
    expect(lines).toHaveLength(PROBLEMS.length);
    for (const [i, pattern] of PROBLEMS.entries()) {
      expect(lines[i]?.startsWith(file)).toBe(true);
      expect(lines[i]?.slice(file.length)).toMatch(pattern);
    }
    expect(out()).toMatch(/^run fixture: 5 steps, \d+ alerts?, 5 lines skipped\n/);
  });

  it("writes the run, the alerts and every step report with --json", async () => {
    const json = join(dir, "out.json");
    const { io, out } = capture();
    expect(await runCli(["analyze", file, "--quiet", "--json", json], io)).toBe(0);
    expect(out()).toContain(`report written to ${json}`);
    const report = JSON.parse(await readFile(json, "utf8")) as JsonOut;
    expect(Object.keys(report).sort()).toEqual(["alerts", "run", "steps"]);
    expect(report.run.name).toBe("fixture");
    expect(report.run.rewardFunctions).toEqual(["format", "accuracy"]);
    expect(report.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);
    const first = report.steps[0];
    expect(first?.count).toBe(4);
    expect(first?.rewards.accuracy?.batch.mean).toBeCloseTo(0.5, 12);
    expect(first?.rewards.format?.batch.min).toBe(0.5);
    // total = format + accuracy per completion = [2, 1, 1.5, 1]
    expect(first?.aggregate.total.mean).toBeCloseTo(1.375, 12);
    expect(report.steps[2]?.metrics.kl).toBe(0.9);
    expect(report.steps[1]?.metrics).toEqual({});
    expect(Array.isArray(report.alerts)).toBe(true);
  });

  it("stops at the first malformed line with --strict, exit 2", async () => {
    const { io, out, err } = capture();
    expect(await runCli(["analyze", file, "--strict", "--quiet"], io)).toBe(2);
    expect(err()).toMatch(
      new RegExp(`^rewardscope: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:5: invalid JSON: [^\\n]+\\n$`),
    );
    expect(out()).toBe("");
  });

  it("exits 1 with --fail-on when an alert at or above the severity was raised", async () => {
    const config = join(dir, "kl-rule.yaml");
    const json = join(dir, "fail-on.json");
    const { io, out } = capture();
    expect(
      await runCli(["analyze", file, "-q", "--config", config, "--fail-on", "high", "--json", json], io),
    ).toBe(1);
    const report = JSON.parse(await readFile(json, "utf8")) as JsonOut;
    const rule = report.alerts.filter((a) => a.type === "threshold");
    expect(rule.map((a) => [a.step, a.metric, a.severity])).toEqual([[3, "kl", "critical"]]);
    expect(out()).toMatch(/by severity {2}critical \d/);
  });

  it("exits 0 with --fail-on when no alert reached the severity", async () => {
    const json = join(dir, "no-fail.json");
    const { io } = capture();
    const code = await runCli(["analyze", file, "-q", "--fail-on", "critical", "--json", json], io);
    const report = JSON.parse(await readFile(json, "utf8")) as JsonOut;
    expect(code).toBe(report.alerts.some((a) => a.severity === "critical") ? 1 : 0);
  });

  it("prints the breakdown of the first step, every N steps and the last step", async () => {
    const { io, out } = capture();
    expect(await runCli(["analyze", file, "--every", "2"], io)).toBe(0);
    const headers = out().match(/^step \d+ · \d+ completions/gm);
    expect(headers).toEqual(["step 1", "step 2", "step 4", "step 5"].map((h) => `${h} · 4 completions`));
    expect(out()).toMatch(/^ {2}accuracy +0\.500 ± 0\.500 +\[0\.000, 1\.000\]/m);
  });

  it("reads standard input for -, naming it stdin", async () => {
    const stdin = (async function* () {
      yield FIXTURE.slice(0, 100);
      yield FIXTURE.slice(100);
    })();
    const { io, out, err } = capture(stdin);
    expect(await runCli(["analyze", "-", "-q"], io)).toBe(0);
    expect(err().split("\n")[0]).toMatch(/^stdin:5: invalid JSON/);
    expect(out()).toMatch(/5 steps, .*5 lines skipped/);
  });

  it("reads a JSON array file, naming elements by index", async () => {
    const path = join(dir, "run.json");
    const events = [
      JSON.parse(rewards(1)),
      { type: "metrics", step: 1, values: { kl: "NaN" } },
      JSON.parse(rewards(2)),
    ];
    await writeFile(path, JSON.stringify(events, null, 2));
    const { io, out, err } = capture();
    expect(await runCli(["analyze", path, "-q"], io)).toBe(0);
    expect(err()).toBe(
      `${path}[1]: values.kl: must be a finite number, got string "NaN" (NaN and Infinity are not allowed)\n`,
    );
    expect(out()).toMatch(/^run run: 2 steps/);
  });

  it("turns user errors into one line and exit 2, never a stack trace", async () => {
    const cases: [string[], RegExp][] = [
      [["analyze", join(dir, "nope.jsonl")], /^rewardscope: cannot read .*nope\.jsonl: no such file\n$/],
      [["analyze", file, "--every", "0"], /^rewardscope: --every: must be an integer ≥ 1, got "0"\n$/],
      [
        ["analyze", file, "--fail-on", "urgent"],
        /^rewardscope: --fail-on: must be one of low, medium, high, critical/,
      ],
      [["analyze", file, "--bogus"], /^rewardscope: unknown flag --bogus\n$/],
      [["analyze"], /^rewardscope: analyze needs a FILE/],
      [
        ["analyze", file, "--config", join(dir, "none.yaml")],
        /^rewardscope: cannot read config .*none\.yaml/,
      ],
      [["frobnicate"], /^rewardscope: unknown command "frobnicate"/],
    ];
    for (const [argv, pattern] of cases) {
      const { io, err } = capture();
      expect(await runCli(argv, io), argv.join(" ")).toBe(2);
      expect(err()).toMatch(pattern);
      expect(err()).not.toMatch(/\n\s+at /);
    }
  });

  it("names the config file when the Monitor rejects a setting", async () => {
    const config = join(dir, "bad.yaml");
    await writeFile(config, "window: big\n");
    const { io, err } = capture();
    expect(await runCli(["analyze", file, "--config", config], io)).toBe(2);
    expect(err()).toMatch(/^rewardscope: .*bad\.yaml: window: /);
  });

  it("prints help", async () => {
    const { io, out } = capture();
    expect(await runCli(["analyze", "--help"], io)).toBe(0);
    expect(out()).toContain("Usage: rewardscope analyze FILE|- [flags]");
    expect(out()).toContain("--fail-on SEVERITY");
  });
});
