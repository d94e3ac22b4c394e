import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../rewardscope/src/serve/start-server.js";
import { launchChromium, screenshot, simulatedStepBodies, startDashboardServer } from "./dashboard.case.js";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDashboardServer({ token: "write-secret", readToken: "read-secret" });
  browser = await launchChromium();
  for (const body of simulatedStepBodies("guarded", "healthy", 6)) {
    const response = await fetch(`${server.url}/api/v1/runs/guarded/events`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson", authorization: "Bearer write-secret" },
      body,
    });
    expect(response.status).toBe(200);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the dashboard of a server with a read token", () => {
  it("asks for the token, keeps it for the tab, and then shows the runs and the live stream", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(`${server.url}/`);
    const field = page.getByLabel("read token");
    await field.waitFor();
    await field.fill("wrong");
    await page.getByRole("button", { name: "Open" }).click();
    await page.waitForLoadState("load");
    await field.waitFor(); // still refused
    await field.fill("read-secret");
    await page.getByRole("button", { name: "Open" }).click();
    await page.getByRole("link", { name: "guarded" }).first().waitFor();
    await screenshot(page, "read-token-runs");
    await page.goto(`${server.url}/run?name=guarded`);
    await expect.poll(() => page.getByText("connected").count()).toBeGreaterThan(0);
    await page.close();
  });
});
