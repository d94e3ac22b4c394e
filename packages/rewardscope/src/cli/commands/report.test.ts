import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { storeWithSimulatedRun, tempDir } from "../../report/report-fixture.case.js";
import { runCli } from "../run-cli.js";

let dataDir: string;

beforeAll(async () => {
  const { store, dir } = await storeWithSimulatedRun({
    runName: "cli-run",
    steps: 30,
    promptsPerStep: 2,
    groupSize: 2,
  });
  await store.close();
  dataDir = dir;
}, 120_000);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env: {},
  });
  return { code, out, err };
}

describe("rewardscope report", () => {
  it("writes the report into DATA/reports/RUN by default, or --out", async () => {
    const { code, out } = await cli("report", "cli-run", "--data", dataDir);
    expect(code).toBe(0);
    const html = join(dataDir, "reports", "cli-run", "report.html");
    expect(out).toMatch(/^wrote the report of cli-run \(30 steps, \d+ alerts\) to /);
    expect(out).toContain(html);
    expect(readFileSync(html, "utf8")).toContain("rewardscope report: cli-run");
    const elsewhere = join(tempDir(), "out");
    expect((await cli("report", "cli-run", "--data", dataDir, "--out", elsewhere)).code).toBe(0);
    expect(existsSync(join(elsewhere, "memory.png"))).toBe(true);
  });

  it("says what is wrong: no run, no store, a bad name, a missing argument", async () => {
    expect(await cli("report", "nope", "--data", dataDir)).toMatchObject({
      code: 2,
      err: 'rewardscope: run: no run "nope" in the store\n',
    });
    expect(existsSync(join(dataDir, "reports", "nope"))).toBe(false);
    const empty = tempDir();
    expect(await cli("report", "cli-run", "--data", empty)).toMatchObject({
      code: 2,
      err: `rewardscope: --data: no rewardscope store in ${empty} (no rewardscope.db)\n`,
    });
    expect(existsSync(join(empty, "rewardscope.db"))).toBe(false);
    expect((await cli("report", "../etc", "--data", dataDir)).err).toMatch(
      /^rewardscope: run: must not contain "\.\."/,
    );
    expect(await cli("report")).toMatchObject({ code: 2, err: "rewardscope: report needs a RUN name\n" });
    expect((await cli("report", "--help")).out).toMatch(/^Usage: rewardscope report RUN/);
  });
});

describe("rewardscope export", () => {
  it("writes CSV to standard output and events to --out, with a summary on stderr", async () => {
    const csv = await cli("export", "cli-run", "--data", dataDir, "--format", "csv");
    expect(csv.code).toBe(0);
    expect(csv.out.split("\r\n")[0]).toMatch(/^step,/);
    expect(csv.out.trimEnd().split("\r\n")).toHaveLength(31);
    const file = join(tempDir(), "run.jsonl");
    const jsonl = await cli("export", "cli-run", "--data", dataDir, "--format", "jsonl", "--out", file);
    expect(jsonl).toMatchObject({ code: 0, err: `exported cli-run (30 steps) as jsonl to ${file}\n` });
    expect(readFileSync(file, "utf8").split("\n")[0]).toMatch(/^\{"type":"run","name":"cli-run"/);
  });

  it("needs a known --format and an existing run", async () => {
    expect(await cli("export", "cli-run", "--data", dataDir)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^rewardscope: --format: is required: one of json, csv, jsonl/),
    });
    expect((await cli("export", "cli-run", "--data", dataDir, "--format", "xml")).err).toMatch(
      /^rewardscope: --format: must be one of json, csv, jsonl/,
    );
    expect((await cli("export", "nope", "--data", dataDir, "--format", "csv")).err).toBe(
      'rewardscope: run: no run "nope" in the store\n',
    );
  });
});
