import type { FastifyInstance } from "fastify";
import type { CompletionQuery } from "../../store/store.js";
import { ERROR_RESPONSES, RUN_PARAMS } from "../schemas.js";
import { type RouteContext, type RunParams, requireRun } from "./context.js";

interface CompletionsQuerystring {
  step?: number;
  from?: number;
  to?: number;
  flagged?: boolean;
  sortBy?: string;
  order?: "asc" | "desc";
  q?: string;
  limit: number;
  offset: number;
}

const step = { type: "integer", minimum: 0 } as const;

const schema = {
  summary: "The kept completions of a run, with their rewards: filtered, searched, sorted, paged",
  tags: ["completions"],
  params: RUN_PARAMS,
  querystring: {
    type: "object",
    properties: {
      step: { ...step, description: "One step" },
      from: { ...step, description: "First step" },
      to: { ...step, description: "Last step" },
      flagged: { type: "boolean", description: "Only flagged completions (true) or only unflagged (false)" },
      sortBy: { type: "string", minLength: 1, description: 'A reward function, or "total"' },
      order: { type: "string", enum: ["asc", "desc"] },
      q: {
        type: "string",
        maxLength: 1000,
        description: "Case-insensitive text in the completion or prompt",
      },
      limit: { type: "integer", minimum: 1, maximum: 1000, default: 50 },
      offset: { type: "integer", minimum: 0, default: 0 },
    },
  },
  response: {
    200: {
      type: "object",
      properties: {
        total: { type: "integer" },
        completions: { type: "array", items: { $ref: "CompletionRecord#" } },
      },
    },
    ...ERROR_RESPONSES,
  },
} as const;

function toQuery(q: CompletionsQuerystring): CompletionQuery {
  return {
    step: q.step,
    fromStep: q.from,
    toStep: q.to,
    flagged: q.flagged,
    sortBy: q.sortBy,
    order: q.order,
    search: q.q,
    limit: q.limit,
    offset: q.offset,
  };
}

/** GET /api/v1/runs/:run/completions?step=&from=&to=&flagged=&sortBy=&order=&q=&limit=&offset= */
export function completionRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get<{ Params: RunParams; Querystring: CompletionsQuerystring }>(
    "/api/v1/runs/:run/completions",
    { schema },
    async (request) => {
      await requireRun(ctx.store, request.params.run);
      return ctx.store.completions(request.params.run, toQuery(request.query));
    },
  );
}
