import { type RewardscopeEvent, type ScenarioName, simulateRun } from "@rewardscope/core";

export interface DemoFeedOptions {
  /** The server's base URL, e.g. http://127.0.0.1:8808 */
  baseUrl: string;
  token?: string;
  scenario: ScenarioName;
  steps: number;
  seed?: number;
  /** Steps posted per second (0 = as fast as the server takes them). */
  stepsPerSecond: number;
  signal?: AbortSignal;
}

/** The run name of a demo feed. */
export function demoRunName(scenario: string, seed = 1): string {
  return `demo-${scenario}-${seed}`;
}

/**
 * Streams a simulated run into a server over HTTP, one POST per step (with an idempotency key), at a pace a
 * person can watch: the same path a trainer's client takes. Resolves when every step is posted or on abort.
 * @example
 * await feedDemoRun({ baseUrl: "http://127.0.0.1:8808", scenario: "format_gaming", steps: 500, stepsPerSecond: 10 });
 */
export async function feedDemoRun(options: DemoFeedOptions): Promise<number> {
  const seed = options.seed ?? 1;
  const run = demoRunName(options.scenario, seed);
  const url = `${options.baseUrl}/api/v1/runs/${encodeURIComponent(run)}/events`;
  const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const headers = { ...auth, "content-type": "application/x-ndjson" };
  const interval = options.stepsPerSecond > 0 ? 1000 / options.stepsPerSecond : 0;
  let pending: RewardscopeEvent[] = [];
  let posted = 0;
  const post = async (step: number) => {
    const body = pending.map((e) => JSON.stringify(e)).join("\n");
    pending = [];
    const response = await fetch(url, {
      method: "POST",
      headers: { ...headers, "idempotency-key": `${run}:${step}` },
      body,
      signal: options.signal,
    });
    if (!response.ok)
      throw new Error(`demo feed: the server answered ${response.status}: ${await response.text()}`);
    posted++;
  };
  let current: number | null = null;
  const started = Date.now();
  const events = simulateRun({
    steps: options.steps,
    scenario: options.scenario,
    seed,
    runName: run,
    // Half a minute into the demo at its default pace: soon enough to watch, late enough to see a baseline.
    ...(options.scenario !== "stagnation" && { onset: Math.min(300, Math.floor(options.steps / 2)) }),
  });
  for (const event of events) {
    if (options.signal?.aborted) return posted;
    const step = event.type === "run" ? null : event.step;
    if (step !== null && current !== null && step !== current) {
      await post(current);
      const due = started + posted * interval - Date.now();
      if (due > 0) await sleep(due, options.signal);
    }
    if (step !== null) current = step;
    pending.push(event);
  }
  if (pending.length > 0 && current !== null) await post(current);
  await fetch(`${options.baseUrl}/api/v1/runs/${encodeURIComponent(run)}/finish`, {
    method: "POST",
    headers: auth,
    signal: options.signal,
  });
  return posted;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
