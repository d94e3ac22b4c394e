import { mkdir, readdir } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { post, STEP } from "./raw-post.case.js";
import { serveFixture } from "./serve-fixture.case.js";
import { runCommand } from "./serve-process.case.js";

const fixture = serveFixture("rewardscope-data-folder-");

describe("run names cannot leave the data folder", () => {
  it("refuses names that climb or hide, and writes nothing outside the data folder", async () => {
    const server = await fixture.serve("names", []);
    for (const name of [
      "..",
      "%2e%2e",
      "..%2f..%2fescaped",
      "%2e%2e%5cescaped",
      "a%2fb",
      "a%00b",
      "%2e%2e%2f%2e%2e%2fescaped",
    ]) {
      const answer = await post(server.url, `/api/v1/runs/${name}/events`, STEP(0, ["a"]));
      expect(answer.status, name).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ error: "invalid_argument", field: "run" });
    }
    expect((await post(server.url, "/api/v1/runs/ok.run-1/events", STEP(0, ["a"]))).status).toBe(200);
    await fixture.stopAll();
    expect(await readdir(join(fixture.root, "names"))).toEqual(["data"]);
    const files = await readdir(join(fixture.root, "names", "data"));
    expect(
      files.filter((f) => !/^(rewardscope\.db(-wal|-shm)?|alerts\.jsonl|metrics\.jsonl)$/.test(f)),
    ).toEqual([]);
  });
});

describe("report and export paths stay in the data folder", () => {
  it.each([
    ["report", ".."],
    ["report", "../../escaped"],
    ["report", "a/b"],
    ["report", "..\\escaped"],
    ["export", "../escaped"],
    ["export", "x\ny"],
  ])("%s refuses the run name %j: exit 2 naming the run", async (command, name) => {
    const data = join(fixture.root, `paths-${command}`);
    await mkdir(data, { recursive: true });
    const extra = command === "export" ? ["--format", "jsonl"] : [];
    const { code, output } = await runCommand([command, name, "--data", data, ...extra]);
    expect(code).toBe(2);
    expect(output).toMatch(/run: must (not contain|be)/);
    expect(await readdir(fixture.root)).not.toContain("escaped");
  });

  it("writes a run's report under DATA/reports/RUN and nowhere else", async () => {
    const server = await fixture.serve("report", []);
    const run = "report-run";
    for (let step = 0; step < 3; step++)
      expect((await post(server.url, `/api/v1/runs/${run}/events`, STEP(step, ["a", "b"]))).status).toBe(200);
    await fixture.stopAll();
    const data = join(fixture.root, "report", "data");
    const { code, output } = await runCommand(["report", run, "--data", data], 120_000);
    expect(code, output).toBe(0);
    expect(await readdir(join(fixture.root, "report"))).toEqual(["data"]);
    expect(await readdir(join(data, "reports"))).toEqual([run]);
    expect(await readdir(join(data, "reports", run))).toContain("report.html");
  }, 180_000);
});

describe("the dashboard's files cannot reach outside their folder", () => {
  it("never serves a file outside it, whatever the path's dots and encodings", async () => {
    const server = await fixture.serve("static", []);
    const target = new URL(server.url);
    const paths = [
      "/../../../../../../etc/passwd",
      "/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
      "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/assets/../../../../../../etc/passwd",
      "/assets/..%5c..%5c..%5c..%5cetc%5cpasswd",
      "/%252e%252e/%252e%252e/etc/passwd",
      "/....//....//....//etc/passwd",
      "/assets/%00../../etc/passwd",
    ];
    for (const path of paths) {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const outgoing = httpRequest({ host: target.hostname, port: target.port, path }, (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => {
            body += chunk.toString();
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        });
        outgoing.on("error", reject);
        outgoing.end();
      });
      expect(answer.status, path).toBeLessThan(500);
      expect(answer.body, path).not.toContain("root:");
    }
  });
});
