import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster } from "../store/postgres/test-cluster.case.js";
import { fireAll, type HostileAnswer } from "./hostile-client.case.js";
import { badBatchRequest, badEventRequest, HOSTILE_RUN, hugeArrayRequest } from "./hostile-events.case.js";
import {
  badContentTypeRequest,
  badEventsQueryRequest,
  badIdempotencyKeyRequest,
  badQueryRequest,
  badRunNameRequest,
  badTokenRequest,
  badUrlRequest,
  malformedHttpRequest,
  noRouteRequest,
  oversizedBodyRequest,
} from "./hostile-http.case.js";
import { HOSTILE_TOKEN, type HostileRequest } from "./hostile-request.case.js";
import { INTACT_RUN, intactProblems, postIntactStep } from "./intact-run.case.js";
import { Draw, seededRandom } from "./seeded-random.case.js";
import { ensureBuilt, type ServeProcess, startServe } from "./serve-process.case.js";

const REQUESTS = 10_400;
const SEED = 20_261_122;

/** Families and their weights: mostly bad events (the widest surface), some of everything else. */
const FAMILIES: [number, (draw: Draw) => HostileRequest][] = [
  [44, badEventRequest],
  [1, hugeArrayRequest],
  [3, badBatchRequest],
  [12, badRunNameRequest],
  [4, badUrlRequest],
  [9, badQueryRequest],
  [5, badContentTypeRequest],
  [6, badTokenRequest],
  [2, badIdempotencyKeyRequest],
  [1, badEventsQueryRequest],
  [4, noRouteRequest],
  [10, malformedHttpRequest],
];

function generate(seed: number, count: number): HostileRequest[] {
  const draw = new Draw(seededRandom(seed));
  const total = FAMILIES.reduce((sum, [weight]) => sum + weight, 0);
  const requests: HostileRequest[] = [];
  for (let i = 0; i < count; i++) {
    let r = draw.random() * total;
    let family = badEventRequest;
    for (const [weight, make] of FAMILIES) {
      family = make;
      r -= weight;
      if (r < 0) break;
    }
    requests.push(family(draw));
  }
  // A few real 17-18 MiB uploads, spread through the run.
  for (let i = 0; i < 4; i++)
    requests.splice(Math.floor(((i + 0.5) * count) / 4), 0, oversizedBodyRequest(draw));
  return requests;
}

/** What is wrong with an answer to a hostile request (null when it is the 4xx expected, naming the problem). */
function answerProblem(req: HostileRequest, answer: HostileAnswer): string | null {
  const { expect: want } = req;
  if (answer.status !== want.status)
    return `status ${answer.status}, not ${want.status}: ${answer.body.slice(0, 200)}`;
  if (!answer.contentType.startsWith("application/json"))
    return `content type ${JSON.stringify(answer.contentType)}`;
  let body: { error?: unknown; message?: unknown; field?: unknown; line?: unknown };
  try {
    body = JSON.parse(answer.body) as typeof body;
  } catch {
    return `a body that is not JSON: ${answer.body.slice(0, 200)}`;
  }
  if (typeof body.error !== "string" || typeof body.message !== "string" || body.message.length === 0)
    return `a body without error and message: ${answer.body.slice(0, 200)}`;
  if (want.error !== undefined && body.error !== want.error) return `error ${body.error}, not ${want.error}`;
  if (want.field !== undefined) {
    const ok =
      typeof want.field === "string" ? body.field === want.field : want.field.test(String(body.field));
    if (!ok) return `field ${JSON.stringify(body.field)}, not ${String(want.field)} (${body.message})`;
  }
  if (want.line !== undefined && body.line !== want.line)
    return `line ${String(body.line)}, not ${want.line}`;

  return null;
}

/** A server under attack on one kind of store, and what stops it and removes its data. */
type Target = { server: ServeProcess; stop(): Promise<void> };

async function onSqlite(): Promise<Target> {
  const dir = await mkdtemp(join(tmpdir(), "rewardscope-hostile-"));
  const server = await startServe(["--data", dir, ...HOSTILE_ARGS], {});
  return {
    server,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function onPostgres(): Promise<Target> {
  const cluster = await startTestCluster();
  const dir = await mkdtemp(join(tmpdir(), "rewardscope-hostile-pg-"));
  try {
    const server = await startServe(["--data", dir, "--store", cluster.url, ...HOSTILE_ARGS], {});
    return {
      server,
      async stop() {
        await server.stop();
        await cluster.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

// The limit is raised so that every request reaches validation; rate-limit.test and security.test test it.
const HOSTILE_ARGS = ["--token", HOSTILE_TOKEN, "--rate-limit", "1000000"];

describe.each([
  ["SQLite", onSqlite],
  ["PostgreSQL", onPostgres],
] as const)("hostile input against a real server on %s", (_store, start) => {
  let target: Target | undefined;

  beforeAll(async () => {
    ensureBuilt();
    target = await start();
  }, 180_000);

  afterAll(async () => {
    await target?.stop();
  });

  it(`answers ${REQUESTS.toLocaleString("en-US")} malformed or hostile requests with a 4xx naming the problem; valid data stays intact`, async () => {
    const live = target?.server ?? expect.unreachable("the server did not start");
    const requests = generate(SEED, REQUESTS);
    const failures = new Map<string, { count: number; example: string }>();
    let intactSteps = 0;
    let answered = 0;
    let firing = true;
    // Valid data between the hostile requests, from its own client, the whole time.
    const intact = (async () => {
      while (firing) {
        await postIntactStep(live.url, intactSteps);
        intactSteps++;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    try {
      await fireAll(live.url, requests, 16, async (req, answer, i) => {
        answered++;
        const problem = answerProblem(req, answer);
        if (problem !== null) {
          const seen = failures.get(req.family) ?? { count: 0, example: `request ${i}: ${problem}` };
          seen.count++;
          failures.set(req.family, seen);
        }
        if (i % 500 === 0) {
          const health = await fetch(`${live.url}/api/v1/health`);
          expect(health.status, `health after request ${i}`).toBe(200);
        }
      });
    } finally {
      firing = false;
      await intact;
    }
    expect(answered).toBe(requests.length);
    expect([...failures].map(([family, f]) => `${family} (${f.count}x): ${f.example}`)).toEqual([]);
    // Never crashed: the same process answers.
    expect(live.child.exitCode).toBeNull();
    expect((await fetch(`${live.url}/api/v1/health`)).status).toBe(200);
    // Refused batches left nothing behind; the valid run is exact.
    const runs = (await (await fetch(`${live.url}/api/v1/runs`)).json()) as { runs: { name: string }[] };
    expect(runs.runs.map((r) => r.name)).toEqual([INTACT_RUN]);
    expect((await fetch(`${live.url}/api/v1/runs/${HOSTILE_RUN}`)).status).toBe(404);
    expect(intactSteps).toBeGreaterThan(10);
    expect(await intactProblems(live.url, intactSteps)).toEqual([]);
  }, 600_000);
});
