import { RewardscopeError } from "@rewardscope/core";
import type { FastifyInstance } from "fastify";
import { ERROR_RESPONSES } from "../schemas.js";
import type { RouteContext } from "./context.js";

const schema = {
  summary: "Prometheus metrics (text exposition format 0.0.4)",
  tags: ["server"],
  response: {
    200: { description: "Prometheus text", content: { "text/plain": { schema: { type: "string" } } } },
    ...ERROR_RESPONSES,
  },
} as const;

/** GET /metrics: 404 when the app was built without a metrics source. */
export function metricsRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get("/metrics", { schema }, async (_request, reply) => {
    if (!ctx.metrics) throw new RewardscopeError("not_found", "metrics are not enabled on this server");
    return reply.type("text/plain; version=0.0.4; charset=utf-8").send(ctx.metrics());
  });
}
