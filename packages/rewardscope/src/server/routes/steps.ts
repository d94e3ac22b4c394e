import { RewardscopeError } from "@rewardscope/core";
import type { FastifyInstance } from "fastify";
import { ERROR_RESPONSES, RUN_PARAMS } from "../schemas.js";
import type { RouteContext, RunParams } from "./context.js";

const schema = {
  summary: "The StepReport of one analysed step",
  tags: ["steps"],
  params: {
    ...RUN_PARAMS,
    required: ["run", "step"],
    properties: { ...RUN_PARAMS.properties, step: { type: "integer", minimum: 0 } },
  },
  response: { 200: { $ref: "StepReport#" }, ...ERROR_RESPONSES },
} as const;

/** GET /api/v1/runs/:run/steps/:step: 404 when the step was not analysed (or the run does not exist). */
export function stepRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get<{ Params: RunParams & { step: number } }>(
    "/api/v1/runs/:run/steps/:step",
    { schema },
    async (request) => {
      const { run, step } = request.params;
      const report = await ctx.store.stepReport(run, step);
      if (!report)
        throw new RewardscopeError(
          "not_found",
          `no report for step ${step} of run ${JSON.stringify(run)}`,
          "step",
        );
      return report;
    },
  );
}
