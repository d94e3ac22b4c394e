import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveStatic } from "./static-files.js";
import { openTestApp } from "./test-app.case.js";

describe("resolveStatic", () => {
  let root = "";
  beforeAll(async () => {
    const parent = await mkdtemp(join(tmpdir(), "rewardscope-static-"));
    root = join(parent, "dist");
    await mkdir(join(root, "assets"), { recursive: true });
    await writeFile(join(root, "index.html"), "<!doctype html>");
    await writeFile(join(root, "assets", "app-1a2b.js"), "export {}");
    await writeFile(join(parent, "secret.txt"), "TOP-SECRET");
  });
  afterAll(() => rm(join(root, ".."), { recursive: true, force: true }));

  it("finds a file, and the app's index.html for a client-side route", async () => {
    expect(await resolveStatic(root, "/assets/app-1a2b.js")).toBe(join(root, "assets", "app-1a2b.js"));
    expect(await resolveStatic(root, "/")).toBe(join(root, "index.html"));
    expect(await resolveStatic(root, "/runs/qwen-1")).toBe(join(root, "index.html"));
  });

  it("gives null for a missing asset and never leaves the root", async () => {
    expect(await resolveStatic(root, "/assets/missing.js")).toBeNull();
    expect(await resolveStatic(root, "/../secret.txt")).toBeNull();
    expect(await resolveStatic(root, "/assets/../../secret.txt")).toBeNull();
    expect(await resolveStatic(root, "/index.html\0.js")).toBeNull();
  });
});

describe("the dashboard's files at /", () => {
  it("serves files, the app shell for client routes, and keeps /api 404s as JSON", async () => {
    const parent = await mkdtemp(join(tmpdir(), "rewardscope-dashboard-"));
    const dist = join(parent, "dist");
    await mkdir(join(dist, "assets"), { recursive: true });
    await writeFile(join(dist, "index.html"), "<!doctype html><title>rewardscope</title>");
    await writeFile(join(dist, "assets", "app-1a2b.js"), "export {};");
    await writeFile(join(parent, "secret.txt"), "TOP-SECRET");
    const t = await openTestApp({ staticDir: dist, readToken: "r" });
    try {
      const shell = await t.app.inject({ url: "/" });
      expect(shell.statusCode).toBe(200);
      expect(shell.headers["content-type"]).toMatch(/^text\/html/);
      expect(shell.headers["cache-control"]).toBe("no-cache");
      expect(shell.headers["content-security-policy"]).toContain("script-src 'self'");
      expect((await t.app.inject({ url: "/runs/qwen-1" })).body).toContain("<title>rewardscope</title>");
      const asset = await t.app.inject({ url: "/assets/app-1a2b.js" });
      expect(asset.headers["content-type"]).toMatch(/^text\/javascript/);
      expect(asset.headers["cache-control"]).toContain("immutable");
      expect((await t.app.inject({ url: "/assets/missing.js" })).statusCode).toBe(404);
      for (const url of ["/%2e%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt"]) {
        const res = await t.app.inject({ url });
        expect(res.statusCode).toBe(404);
        expect(res.body).not.toContain("TOP-SECRET");
      }
      const api = await t.app.inject({ url: "/api/v1/nothing", headers: { authorization: "Bearer r" } });
      expect(api.statusCode).toBe(404);
      expect(api.json()).toMatchObject({ error: "not_found" });
    } finally {
      await t.close();
      await rm(parent, { recursive: true, force: true });
    }
  });
});
