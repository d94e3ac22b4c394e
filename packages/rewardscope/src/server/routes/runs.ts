import { parseEvent, type RunEvent } from "@rewardscope/core";
import type { FastifyInstance } from "fastify";
import { checkJsonDepth } from "../json-depth.js";
import { ERROR_RESPONSES, RUN_PARAMS } from "../schemas.js";
import { type RouteContext, type RunParams, requireRun } from "./context.js";

const listSchema = {
  summary: "Every run, newest activity first as the store orders them",
  tags: ["runs"],
  response: {
    200: { type: "object", properties: { runs: { type: "array", items: { $ref: "RunRecord#" } } } },
    ...ERROR_RESPONSES,
  },
} as const;

const getSchema = {
  summary: "One run",
  tags: ["runs"],
  params: RUN_PARAMS,
  response: { 200: { $ref: "RunRecord#" }, ...ERROR_RESPONSES },
} as const;

const postSchema = {
  summary: "Creates a run, or updates its declared fields",
  description: 'The fields of a "run" event: name, project, rewardFunctions, worldSize, config.',
  tags: ["runs"],
  body: {
    type: "object",
    required: ["name"],
    properties: {
      name: { type: "string" },
      project: { type: "string" },
      rewardFunctions: { type: "array", items: { type: "string" } },
      worldSize: { type: "integer" },
      config: { type: "object", additionalProperties: true },
    },
  },
  response: { 200: { $ref: "RunRecord#" }, ...ERROR_RESPONSES },
} as const;

const finishSchema = {
  summary: "Ends a run: analyses its open steps and marks it finished",
  tags: ["runs"],
  params: RUN_PARAMS,
  response: { 200: { $ref: "RunRecord#" }, ...ERROR_RESPONSES },
} as const;

/** GET /api/v1/runs, GET /api/v1/runs/:run, POST /api/v1/runs, POST /api/v1/runs/:run/finish. */
export function runRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get("/api/v1/runs", { schema: listSchema }, async () => ({ runs: await ctx.store.listRuns() }));

  app.get<{ Params: RunParams }>("/api/v1/runs/:run", { schema: getSchema }, (request) =>
    requireRun(ctx.store, request.params.run),
  );

  // Through ingestion, not the store, so the run's live session learns of a new worldSize.
  app.post<{ Body: Record<string, unknown> }>("/api/v1/runs", { schema: postSchema }, async (request) => {
    const event = parseEvent({ ...request.body, type: "run" }) as RunEvent;
    if (event.config !== undefined) checkJsonDepth(event.config, "config");
    await ctx.ingest.ingest(event.name, null, [event]);
    return requireRun(ctx.store, event.name);
  });

  app.post<{ Params: RunParams }>("/api/v1/runs/:run/finish", { schema: finishSchema }, async (request) => {
    await ctx.ingest.finish(request.params.run);
    return requireRun(ctx.store, request.params.run);
  });
}
