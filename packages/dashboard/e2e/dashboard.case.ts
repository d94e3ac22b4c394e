// Shared by the dashboard's browser tests and its speed benchmark: the built dashboard, the real server on a
// temporary SQLite store, Debian's Chromium, and simulated runs posted over HTTP.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RewardscopeEvent, type ScenarioName, simulateRun } from "@rewardscope/core";
import { type Browser, chromium, type Page } from "playwright-core";
import { type RunningServer, startServer } from "../../rewardscope/src/serve/start-server.js";

export const DASHBOARD_DIST = fileURLToPath(new URL("../dist/", import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL("../../../test-artifacts/dashboard/", import.meta.url));
const CONFIG = fileURLToPath(new URL("../vite.config.ts", import.meta.url));
const SOURCES = fileURLToPath(new URL("../app/", import.meta.url));

/** The newest modification time of the dashboard's sources. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Debian's Chromium, headless, with nothing that calls home. */
export const CHROMIUM = {
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

/**
 * The built dashboard: `npm install` builds it (prepare); when dist is missing or older than a source it is
 * built here with Vite's API, and a failed build fails loudly rather than testing nothing or a stale build.
 */
export async function ensureDashboardBuilt(): Promise<string> {
  const index = join(DASHBOARD_DIST, "index.html");
  if (!existsSync(index) || statSync(index).mtimeMs < newestSource(SOURCES)) {
    const { build } = await import("vite");
    // Vitest sets NODE_ENV=test, with which Vite would bundle React's development build (effects run twice).
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await build({ configFile: CONFIG, logLevel: "warn" });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
  }
  if (!existsSync(index))
    throw new Error(
      `the dashboard is not built: no ${DASHBOARD_DIST}index.html (npm run build -w @rewardscope/dashboard)`,
    );
  return DASHBOARD_DIST;
}

/** The real server (SQLite in a fresh temporary folder) serving the built dashboard, on a free port. */
export async function startDashboardServer(
  tokens: { token?: string; readToken?: string } = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "rewardscope-dashboard-"));
  return startServer({
    dataDir,
    host: "127.0.0.1",
    port: 0,
    console: null,
    dashboardDir: await ensureDashboardBuilt(),
    ...tokens,
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM);
}

/** One NDJSON body per step of a simulated run, each closed by its step_end so each POST analyses its step. */
export function simulatedStepBodies(
  runName: string,
  scenario: ScenarioName,
  steps: number,
  onset?: number,
): string[] {
  const bodies = new Map<number, string[]>();
  let runLine = "";
  for (const event of simulateRun({
    steps,
    scenario,
    seed: 3,
    promptsPerStep: 4,
    groupSize: 4,
    runName,
    onset,
  })) {
    if (event.type === "run") {
      runLine = JSON.stringify(event);
      continue;
    }
    const step = (event as Exclude<RewardscopeEvent, { type: "run" }>).step;
    let lines = bodies.get(step);
    if (!lines) {
      lines = step === 0 ? [runLine] : [];
      bodies.set(step, lines);
    }
    lines.push(JSON.stringify(event));
  }
  return [...bodies.entries()].map(([step, lines]) =>
    [...lines, JSON.stringify({ type: "step_end", step, rank: 0 })].join("\n"),
  );
}

/** Posts NDJSON events to a run, failing on any error answer. */
export async function postEvents(server: RunningServer, run: string, body: string): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/runs/${encodeURIComponent(run)}/events`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson" },
    body,
  });
  if (!response.ok) throw new Error(`POST events of ${run}: ${response.status} ${await response.text()}`);
}

/** Saves a screenshot (the whole page, or the window with fullPage false) as test-artifacts/dashboard/<name>.png. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (fullPage) {
    // Charts load when scrolled near: scroll through so every chart is drawn on the picture.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(
      () => !document.querySelector('figure[data-state="idle"], figure[data-state="loading"]'),
    );
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}

/** Collects what a page must never do: dialogs (alert/confirm), page errors, console errors. */
export function watchPage(page: Page): { dialogs: string[]; errors: string[] } {
  const seen = { dialogs: [] as string[], errors: [] as string[] };
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => seen.errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") seen.errors.push(message.text());
  });
  return seen;
}
