import type { FastifyInstance } from "fastify";
import type { RouteContext } from "./context.js";

const schema = {
  summary: "Whether the server is up, and how far its analysis is behind",
  tags: ["server"],
  response: {
    200: {
      type: "object",
      properties: {
        ok: { type: "boolean" },
        version: { type: "string" },
        uptimeS: { type: "number" },
        analysis: {
          type: "object",
          description:
            "Batches acknowledged and not yet analysed, and how long the oldest has waited: a number that keeps " +
            "growing is an analysis that is stuck or cannot keep up",
          properties: { waitingBatches: { type: "integer" }, oldestWaitS: { type: "number" } },
        },
      },
    },
  },
} as const;

/** GET /api/v1/health: open to all, even when tokens are set. */
export function healthRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get("/api/v1/health", { schema, config: { public: true } }, async () => {
    const backlog = ctx.ingest.backlog?.();
    return {
      ok: true,
      version: ctx.version,
      uptimeS: Math.round((Date.now() - ctx.startedAt) / 1000),
      ...(backlog && {
        analysis: { waitingBatches: backlog.waitingBatches, oldestWaitS: backlog.oldestWaitMs / 1000 },
      }),
    };
  });
}
