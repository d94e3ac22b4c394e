import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../rewardscope/src/serve/start-server.js";
import {
  launchChromium,
  postEvents,
  screenshot,
  simulatedStepBodies,
  startDashboardServer,
  watchPage,
} from "./dashboard.case.js";

// The dashboard in real Chromium against the real server and SQLite store: every view, live updates, and
// completions carrying XSS payloads. Screenshots of the main views go to test-artifacts/dashboard/.

const FLAT = "flatline-run";
// A dot in the name: routes must not mistake it for a file extension.
const HEALTHY = "healthy-1.5b";
const LIVE = "live-run";
const XSS_RUN = 'xss-<img src=x onerror="window.__xss=9">';

const PAYLOADS = [
  "<script>window.__xss = 1</script>",
  '<img src=x onerror="window.__xss = 2">',
  '<a href="javascript:window.__xss = 3">click me</a>',
  '<svg onload="window.__xss = 4"><circle r="5"/></svg>',
  '"><iframe src="javascript:window.__xss = 5"></iframe>',
  "<think>checking</think><answer>42</answer>",
];

let server: RunningServer;
let browser: Browser;

async function openPage(path: string): Promise<{ page: Page; seen: ReturnType<typeof watchPage> }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const seen = watchPage(page);
  await page.goto(`${server.url}${path}`);
  return { page, seen };
}

function chart(page: Page, title: string) {
  return page.locator(`figure[data-chart="${title}"]`);
}

async function postRun(run: string, bodies: readonly string[]): Promise<void> {
  for (const body of bodies) await postEvents(server, run, body);
}

beforeAll(async () => {
  server = await startDashboardServer();
  browser = await launchChromium();
  await postRun(FLAT, simulatedStepBodies(FLAT, "flatline", 60, 30));
  await postRun(HEALTHY, simulatedStepBodies(HEALTHY, "healthy", 60));
  await postRun(LIVE, simulatedStepBodies(LIVE, "healthy", 30).slice(0, 20));
  const rewards = PAYLOADS.map((_, i) => i / PAYLOADS.length);
  await postEvents(
    server,
    XSS_RUN,
    [
      { type: "run", name: XSS_RUN, rewardFunctions: ["accuracy"] },
      {
        type: "rewards",
        step: 0,
        rewards: { accuracy: rewards },
        completions: PAYLOADS,
        prompts: PAYLOADS.map((p) => `prompt ${p}`),
      },
      { type: "step_end", step: 0, rank: 0 },
    ]
      .map((e) => JSON.stringify(e))
      .join("\n"),
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the dashboard in Chromium", () => {
  it("lists the runs with status, last step and alert counts", async () => {
    const { page, seen } = await openPage("/");
    const rows = page.locator("table.runs-table tbody tr");
    await expect.poll(() => rows.count()).toBe(4);
    const flat = page.locator(`tr[data-run="${FLAT}"]`);
    await expect.poll(() => flat.locator("td.num").first().textContent()).toBe("59");
    expect(await flat.locator(".badge").count()).toBeGreaterThan(0);
    expect(await page.locator(`tr[data-run="${HEALTHY}"] .status`).textContent()).toBe("running");
    await screenshot(page, "runs-list");
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it("draws a run's charts in every view", async () => {
    const { page, seen } = await openPage(`/run?name=${encodeURIComponent(HEALTHY)}`);
    await chart(page, "Total reward").locator("canvas").waitFor();
    await chart(page, "Reward: accuracy").locator("canvas").waitFor();
    expect(await chart(page, "Total reward").getAttribute("data-last-step")).toBe("59");
    expect(await page.locator('figure[data-state="ready"]').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, "run-rewards");
    for (const [tab, expected] of [
      ["training", "KL divergence"],
      ["quality", "Diversity"],
      ["distributions", "Distribution: accuracy"],
      ["health", "Error rate"],
    ] as const) {
      await page.locator(`nav.tabs a[href*="tab=${tab}"]`).click();
      await chart(page, expected).locator("canvas").waitFor();
      await screenshot(page, `run-${tab}`);
    }
    await page.locator('nav.tabs a[href*="tab=correlations"]').click();
    await page.locator("table.heatmap td.heatmap-cell").first().waitFor();
    expect(await page.locator("table.heatmap .heatmap-row").allTextContents()).toContain("accuracy");
    await screenshot(page, "run-correlations");
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it("shows a step posted while the page is open", async () => {
    const { page, seen } = await openPage(`/run?name=${LIVE}`);
    const total = chart(page, "Total reward");
    await total.locator("canvas").waitFor();
    expect(await total.getAttribute("data-last-step")).toBe("19");
    const bodies = simulatedStepBodies(LIVE, "healthy", 30);
    await postEvents(server, LIVE, bodies[20] as string);
    await expect.poll(() => total.getAttribute("data-last-step"), { timeout: 10_000 }).toBe("20");
    await expect.poll(() => page.getByTestId("last-step").textContent()).toBe("20");
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it("leads from an alert to its step's evidence and completions", async () => {
    const { page, seen } = await openPage(`/run?name=${FLAT}&tab=alerts`);
    const link = page.locator('tr[data-alert="flatline"] a.alert-link').last();
    await link.waitFor();
    await page.locator("svg.timeline circle").first().waitFor();
    await screenshot(page, "run-alerts");
    await link.click();
    await page.waitForURL(/\/step\?/);
    const step = Number(new URL(page.url()).searchParams.get("step"));
    expect(step).toBeGreaterThanOrEqual(30);
    await page.locator('article.alert-card[data-alert="flatline"]').waitFor();
    expect(
      await page.locator('article.alert-card[data-alert="flatline"] .evidence dt').count(),
    ).toBeGreaterThan(1);
    await expect.poll(() => page.locator("article.completion").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("completion-count").textContent()).toContain(`at step ${step}`);

    // Worst first by one function: the first completion's value is the smallest.
    await page.getByLabel("sort by").selectOption("format");
    await page.getByRole("button", { name: "worst first" }).click();
    // Polled: the list re-renders after the click, and until then shows the previous order.
    const sortedValues = async () =>
      (await page.locator("article.completion .reward.sorted").allTextContents()).map((t) =>
        Number(t.replace("format ", "")),
      );
    await expect
      .poll(async () => {
        const values = await sortedValues();
        return values.length > 1 && values.every((v, i) => i === 0 || (values[i - 1] as number) <= v);
      })
      .toBe(true);

    // Text search narrows the list and marks the hits; "flagged only" keeps flagged completions.
    const all = await page.locator("article.completion").count();
    await page.getByLabel("search completions").fill("perimeter");
    await expect.poll(() => page.getByTestId("completion-count").textContent()).toContain("perimeter");
    const hits = await page.locator("article.completion").count();
    expect(hits).toBeGreaterThan(0);
    expect(hits).toBeLessThanOrEqual(all);
    expect(await page.locator("article.completion mark").first().textContent()).toBe("perimeter");
    await page.getByLabel("search completions").fill("");
    await page.getByLabel("flagged only").check();
    await expect.poll(() => page.locator("article.completion:not(.flagged)").count()).toBe(0);
    await page.getByLabel("flagged only").uncheck();
    await expect.poll(() => page.locator("article.completion").count()).toBe(all);
    await screenshot(page, "step-alert", false);
    await page.locator(".completions-panel h2").evaluate((h) => h.scrollIntoView({ block: "start" }));
    await screenshot(page, "step-completions", false);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it("compares two runs picked in the runs list, aligned by step", async () => {
    const { page, seen } = await openPage("/");
    await page.getByLabel(`select ${FLAT} to compare`).check();
    await page.getByLabel(`select ${HEALTHY} to compare`).check();
    await page.getByRole("button", { name: "Compare selected (2)" }).click();
    await page.waitForURL(/\/compare\?/);
    const figure = chart(page, "total.mean by run");
    await figure.locator("canvas").waitFor();
    expect(await figure.locator(".u-legend .u-series").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining(FLAT), expect.stringContaining(HEALTHY)]),
    );
    await page.getByLabel("metric").selectOption("accuracy.batch.mean");
    await chart(page, "accuracy.batch.mean by run").locator("canvas").waitFor();
    await screenshot(page, "compare");
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it("shows completions carrying XSS payloads as text and runs none of them", async () => {
    const { page, seen } = await openPage(`/step?run=${encodeURIComponent(XSS_RUN)}&step=0`);
    await expect.poll(() => page.locator("article.completion").count()).toBe(PAYLOADS.length);
    for (const details of await page.locator("article.completion details").all()) await details.click();
    const text = await page.locator(".completion-list").textContent();
    for (const payload of PAYLOADS) expect(text).toContain(payload);
    await expect
      .poll(() =>
        page
          .getByText(PAYLOADS[1] as string, { exact: true })
          .first()
          .isVisible(),
      )
      .toBe(true);
    // Highlighted as tags, in the completion and in its prompt.
    expect(await page.locator(".completion-list .tag-token", { hasText: "<think>" }).count()).toBe(2);
    // Nothing became markup: no element a payload names exists inside the list.
    expect(await page.locator(".completion-list :is(script, img, iframe, svg, a)").count()).toBe(0);
    expect(await page.locator("h1, .crumbs").allTextContents()).toEqual(expect.arrayContaining(["Step 0"]));
    await page.goto(`${server.url}/`);
    await page.locator(`tr[data-run='${XSS_RUN.replaceAll("'", "\\'")}']`).waitFor();
    expect(await page.locator("table.runs-table img").count()).toBe(0);
    await page.goto(`${server.url}/step?run=${encodeURIComponent(XSS_RUN)}&step=0`);
    await page.locator("article.completion").first().waitFor();
    await screenshot(page, "xss-completions", false);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});
