import type { FastifyInstance } from "fastify";
import { ERROR_RESPONSES, RUN_PARAMS } from "../schemas.js";
import { type RouteContext, type RunParams, requireRun, splitList } from "./context.js";

interface SeriesQuerystring {
  names: string;
  from?: number;
  to?: number;
  maxPoints: number;
}

const step = { type: "integer", minimum: 0 } as const;

const seriesSchema = {
  summary: "Series of a run, downsampled so spikes survive (min and max per bucket)",
  tags: ["series"],
  params: RUN_PARAMS,
  querystring: {
    type: "object",
    required: ["names"],
    properties: {
      names: { type: "string", minLength: 1, description: 'Comma-separated: "accuracy.batch.mean,kl"' },
      from: { ...step, description: "First step" },
      to: { ...step, description: "Last step" },
      maxPoints: { type: "integer", minimum: 2, maximum: 20_000, default: 2000 },
    },
  },
  response: {
    200: { type: "object", properties: { series: { type: "array", items: { $ref: "SeriesPoints#" } } } },
    ...ERROR_RESPONSES,
  },
} as const;

const namesSchema = {
  summary: "The series names a run has",
  tags: ["series"],
  params: RUN_PARAMS,
  response: {
    200: { type: "object", properties: { names: { type: "array", items: { type: "string" } } } },
    ...ERROR_RESPONSES,
  },
} as const;

/** GET /api/v1/runs/:run/series and /series/names. */
export function seriesRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get<{ Params: RunParams; Querystring: SeriesQuerystring }>(
    "/api/v1/runs/:run/series",
    { schema: seriesSchema },
    async (request) => {
      const { run } = request.params;
      const { names, from, to, maxPoints } = request.query;
      await requireRun(ctx.store, run);
      return {
        series: await ctx.store.series(run, {
          names: splitList(names) ?? [],
          fromStep: from,
          toStep: to,
          maxPoints,
        }),
      };
    },
  );

  app.get<{ Params: RunParams }>(
    "/api/v1/runs/:run/series/names",
    { schema: namesSchema },
    async (request) => {
      await requireRun(ctx.store, request.params.run);
      return { names: await ctx.store.seriesNames(request.params.run) };
    },
  );
}
