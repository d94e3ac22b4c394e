import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHARTS } from "./charts/index.js";
import { storeWithSimulatedRun, tempDir } from "./report-fixture.case.js";
import { writeReport } from "./write-report.js";
import { runWithXssPayloads, XSS_PAYLOADS } from "./xss.case.js";

const ARTIFACTS = fileURLToPath(new URL("../../../../test-artifacts/report/", import.meta.url));

/** Debian's Chromium, headless, with nothing that calls home. */
const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

let browser: Browser;
let reportUrl: string;

beforeAll(async () => {
  const { store } = await storeWithSimulatedRun({ runName: "xss" }, runWithXssPayloads("xss", 80));
  try {
    const dir = join(tempDir(), "report");
    await writeReport(store, "xss", dir, { completions: XSS_PAYLOADS.length });
    reportUrl = pathToFileURL(join(dir, "report.html")).href;
  } finally {
    await store.close();
  }
  browser = await chromium.launch(CHROMIUM);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe("report.html in real Chromium", () => {
  it("opens with no console error, no request but itself, no script run by a completion", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("dialog", (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(reportUrl, { waitUntil: "load" });
    // Hover and click what a payload would hook, as a reader would.
    await page.locator(".completion .text > pre").first().hover();
    for (const summary of await page.locator("details > summary").all()) await summary.click();

    expect(problems).toEqual([]);
    expect(requests).toEqual([reportUrl]);
    expect(await page.title()).toBe("rewardscope report: xss");
    const svgs = await page.locator("figure.chart > svg").count();
    expect(svgs).toBe(CHARTS.length);
    for (const id of ["summary", "alerts", "completions", "quality", "health", "correlations", "training"])
      expect(await page.locator(`section#${id}`).isVisible(), id).toBe(true);
    // The payloads are on the page as text a reader sees, not as elements.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, what a reader sees, is the point.
    const text = await page.locator("section#completions").innerText();
    for (const payload of XSS_PAYLOADS) expect(text).toContain(payload);
    expect(await page.locator("section#completions script, section#completions img, iframe").count()).toBe(0);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "report.png"), fullPage: true });
    await page.close();
  });
});
