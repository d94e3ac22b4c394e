import { ALERT_TYPES, type AlertType, SEVERITIES, type Severity } from "@rewardscope/core";
import type { FastifyInstance } from "fastify";
import type { AlertQuery } from "../../store/store.js";
import { csvOf, ERROR_RESPONSES, RUN_PARAMS } from "../schemas.js";
import { type RouteContext, type RunParams, requireRun, splitList } from "./context.js";

interface AlertsQuerystring {
  severity?: string;
  minSeverity?: Severity;
  type?: string;
  fn?: string;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

const step = { type: "integer", minimum: 0 } as const;

const schema = {
  summary: "The alerts of a run, filtered and paged",
  tags: ["alerts"],
  params: RUN_PARAMS,
  querystring: {
    type: "object",
    properties: {
      severity: csvOf(SEVERITIES, 'Comma-separated severities: "high,critical"'),
      minSeverity: { type: "string", enum: [...SEVERITIES], description: "At or above this severity" },
      type: csvOf(ALERT_TYPES, 'Comma-separated alert types: "variance_collapse,flatline"'),
      fn: { type: "string", minLength: 1, description: "The reward function concerned" },
      from: { ...step, description: "First step" },
      to: { ...step, description: "Last step" },
      limit: { type: "integer", minimum: 1, maximum: 10_000, default: 100 },
      offset: { type: "integer", minimum: 0, default: 0 },
    },
  },
  response: {
    200: {
      type: "object",
      properties: { total: { type: "integer" }, alerts: { type: "array", items: { $ref: "Alert#" } } },
    },
    ...ERROR_RESPONSES,
  },
} as const;

function toQuery(q: AlertsQuerystring): AlertQuery {
  return {
    severities: splitList(q.severity) as Severity[] | undefined,
    minSeverity: q.minSeverity,
    types: splitList(q.type) as AlertType[] | undefined,
    rewardFn: q.fn,
    fromStep: q.from,
    toStep: q.to,
    limit: q.limit,
    offset: q.offset,
  };
}

/** GET /api/v1/runs/:run/alerts?severity=&minSeverity=&type=&fn=&from=&to=&limit=&offset= */
export function alertRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get<{ Params: RunParams; Querystring: AlertsQuerystring }>(
    "/api/v1/runs/:run/alerts",
    { schema },
    async (request) => {
      await requireRun(ctx.store, request.params.run);
      return ctx.store.alerts(request.params.run, toQuery(request.query));
    },
  );
}
