import type { FastifyInstance } from "fastify";
import type { RouteContext } from "./context.js";

const schema = {
  summary: "Whether the server is up",
  tags: ["server"],
  response: {
    200: {
      type: "object",
      properties: { ok: { type: "boolean" }, version: { type: "string" }, uptimeS: { type: "number" } },
    },
  },
} as const;

/** GET /api/v1/health: open to all, even when tokens are set. */
export function healthRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get("/api/v1/health", { schema, config: { public: true } }, async () => ({
    ok: true,
    version: ctx.version,
    uptimeS: Math.round((Date.now() - ctx.startedAt) / 1000),
  }));
}
