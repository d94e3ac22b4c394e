// The dashboard in real Chromium on a large run: time from navigation to the first drawn chart (the server
// downsamples each series to maxPoints), and time from posting a step to seeing it on the chart.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "playwright-core";
import { startServer } from "rewardscope";
import { FILL_SERIES, fillRun, smallStep } from "./dashboard-fill.js";
import type { BenchResult } from "./result.js";

const STEPS = 100_000;
const RUN = "large-run";
const LOADS = 5;
const LIVE_STEPS = 5;
const CACHE = fileURLToPath(new URL("../../bench-out/dashboard-run/", import.meta.url));
const CACHE_KEY = `v1 ${STEPS} steps x ${FILL_SERIES.length} series`;

// The page's DOM, as far as the functions run in it use it (this program is typed for Node, without DOM).
// Functions, not strings: the dashboard's CSP forbids eval, which playwright needs for string predicates.
declare const document: {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
};

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The filled store, made once and kept in bench-out (filling takes a while); each run works on a copy. */
async function filledDataDir(): Promise<string> {
  const key = join(CACHE, "key.txt");
  const db = join(CACHE, "rewardscope.db");
  if (!existsSync(key) || readFileSync(key, "utf8") !== CACHE_KEY) {
    rmSync(CACHE, { recursive: true, force: true });
    mkdirSync(CACHE, { recursive: true });
    const started = performance.now();
    await fillRun(db, RUN, STEPS);
    console.log(
      `      filled ${STEPS.toLocaleString("en-US")} steps in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    writeFileSync(key, CACHE_KEY);
  }
  const dir = mkdtempSync(join(tmpdir(), "rewardscope-dashboard-bench-"));
  copyFileSync(db, join(dir, "rewardscope.db"));
  return dir;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Milliseconds from navigation start until a chart with data is drawn (measured in the page, on its clock). */
async function firstChartMs(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  const handle = await page.waitForFunction(
    () => (document.querySelector('figure[data-state="ready"] canvas') ? performance.now() : null),
    undefined,
    { polling: "raf", timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Milliseconds from navigation start until no chart in view is still loading (those below wait for a scroll). */
async function visibleChartsMs(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () =>
      document.querySelector('figure[data-state="ready"]') &&
      !document.querySelector('figure[data-state="loading"]')
        ? performance.now()
        : null,
    undefined,
    { polling: "raf", timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** One step's events as NDJSON, closed by step_end so the server analyses it at once. */
function stepBody(step: number): string {
  const batch = smallStep(step, STEPS, Math.random);
  const events = [
    { type: "rewards", step, rewards: batch.rewards, groups: batch.groups },
    { type: "metrics", step, values: batch.metrics },
    { type: "step_end", step, rank: 0 },
  ];
  return events.map((e) => JSON.stringify(e)).join("\n");
}

/** Milliseconds from the start of a POST of a new step until the total-reward chart shows it. */
async function liveStepMs(page: Page, baseUrl: string, step: number): Promise<number> {
  const seen = page.waitForFunction(
    (s) =>
      document.querySelector('figure[data-chart="Total reward"]')?.getAttribute("data-last-step") ===
      String(s)
        ? Date.now()
        : null,
    step,
    { polling: "raf", timeout: 30_000 },
  );
  const posted = Date.now();
  const response = await fetch(`${baseUrl}/api/v1/runs/${RUN}/events`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson" },
    body: stepBody(step),
  });
  if (!response.ok) throw new Error(`posting step ${step}: ${response.status} ${await response.text()}`);
  return ((await (await seen).jsonValue()) as number) - posted;
}

/**
 * Speed of the dashboard: first charts of a 100,000-step run (30 series) within 1.5 s of navigation, a posted
 * step on the chart within 1 s.
 */
export async function benchDashboardSpeed(): Promise<BenchResult> {
  const dataDir = await filledDataDir();
  const server = await startServer({ dataDir, host: "127.0.0.1", port: 0, console: null });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    if (!server.dashboardUrl)
      throw new Error("the dashboard is not built: npm run build -w @rewardscope/dashboard");
    const url = `${server.url}/run?name=${RUN}`;
    const loads: number[] = [];
    const complete: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      // A fresh context each time: no cached bundle, a cold page as a person opening the link gets. Each load
      // waits for the charts in view, so the next one does not queue behind its leftover requests.
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      loads.push(await firstChartMs(page, url));
      complete.push(await visibleChartsMs(page));
      await context.close();
    }
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await firstChartMs(page, url);
    await page.waitForSelector('figure[data-chart="Total reward"][data-state="ready"]');
    const live: number[] = [];
    for (let i = 0; i < LIVE_STEPS; i++) live.push(await liveStepMs(page, server.url, STEPS + i));
    const figures = {
      steps: STEPS,
      series: FILL_SERIES.length,
      firstChartMedianMs: median(loads),
      firstChartMaxMs: Math.max(...loads),
      visibleChartsMedianMs: median(complete),
      liveStepMedianMs: median(live),
      liveStepMaxMs: Math.max(...live),
    };
    return {
      name: "Dashboard: first chart of a 100,000-step run, and a live step, in Chromium",
      figures,
      target: "first chart <= 1,500 ms after navigation; a posted step on the chart <= 1,000 ms",
      pass: figures.firstChartMaxMs <= 1500 && figures.liveStepMaxMs <= 1000,
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Run alone: node bench/dist/dashboard-speed.js
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchDashboardSpeed();
  console.log(JSON.stringify(result, null, 2));
}
