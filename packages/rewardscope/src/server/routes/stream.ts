import type { FastifyInstance } from "fastify";
import { RUN_PARAMS } from "../schemas.js";
import type { RouteContext, RunParams } from "./context.js";

const stream = {
  200: {
    description:
      "Server-Sent Events: `event: step|alert|run`, `data:` the message as JSON; a heartbeat comment every 15 s",
    content: { "text/event-stream": { schema: { type: "string" } } },
  },
} as const;

/** GET /api/v1/runs/:run/stream and GET /api/v1/stream (every run): the live bus as Server-Sent Events. */
export function streamRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const runSchema = {
    summary: "The live stream of one run",
    tags: ["stream"],
    params: RUN_PARAMS,
    response: stream,
  };
  app.get<{ Params: RunParams }>("/api/v1/runs/:run/stream", { schema: runSchema }, (request, reply) => {
    ctx.streams.open(reply, (send) => ctx.bus.subscribeRun(request.params.run, send));
  });

  const allSchema = { summary: "The live stream of every run", tags: ["stream"], response: stream };
  app.get("/api/v1/stream", { schema: allSchema }, (_request, reply) => {
    ctx.streams.open(reply, (send) => ctx.bus.subscribeAll(send));
  });
}
