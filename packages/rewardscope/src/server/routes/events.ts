import { RewardscopeError } from "@rewardscope/core";
import type { FastifyInstance } from "fastify";
import { parseArrayBatch, parseNdjsonBatch } from "../parse-batch.js";
import { ERROR_RESPONSES, RUN_PARAMS } from "../schemas.js";
import type { RouteContext, RunParams } from "./context.js";

const NDJSON_TYPES = ["application/x-ndjson", "application/jsonl", "text/plain"];

// Documented, not validated, by the Event schema: parseEvent's errors name the exact field and line.
const eventList = {
  description:
    'Events in the event format: each one an "Event" of components.schemas (README, "The event format")',
};

const schema = {
  summary: "Ingests a batch of events, all or nothing; answers once the batch is durable",
  description:
    "NDJSON (one event a line) or a JSON array. The first bad event rejects the batch with its field path " +
    '("events[3].rewards.accuracy[2]") and, for NDJSON, its line. A retried batch (same Idempotency-Key, ' +
    "else the same batchId on its events) is stored once.",
  tags: ["ingest"],
  params: RUN_PARAMS,
  querystring: {
    type: "object",
    properties: {
      ack: {
        type: "string",
        enum: ["durable", "analysed"],
        default: "analysed",
        description:
          "analysed (default): answer once the steps this batch completes are analysed and saved, so the next " +
          "read includes them. durable: answer as soon as the batch is durable; its analysis follows in order " +
          "(the throughput mode, what the Python client uses).",
      },
    },
  },
  headers: {
    type: "object",
    properties: {
      "idempotency-key": { type: "string", minLength: 1, maxLength: 256, description: "The batch id" },
    },
  },
  body: {
    content: {
      "application/x-ndjson": { schema: { type: "string", ...eventList } },
      "text/plain": { schema: { type: "string", ...eventList } },
      "application/json": { schema: { type: ["array", "object"], ...eventList } },
    },
  },
  response: { 200: { $ref: "IngestResult#" }, 413: { $ref: "ErrorBody#" }, ...ERROR_RESPONSES },
} as const;

/** POST /api/v1/runs/:run/events, with its own body parsers: NDJSON stays text until each line is checked. */
export function eventRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // As a buffer, decoded once: decoding chunk by chunk into a string costs more than the whole parse.
    scope.addContentTypeParser(NDJSON_TYPES, { parseAs: "buffer" }, (_request, body, done) =>
      done(null, (body as Buffer).toString("utf8")),
    );
    scope.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
      try {
        done(null, body === "" ? [] : JSON.parse(body as string));
      } catch (error) {
        done(new RewardscopeError("invalid_event", `invalid JSON: ${(error as Error).message}`, "events"));
      }
    });

    scope.post<{
      Params: RunParams;
      Querystring: { ack?: "durable" | "analysed" };
      Headers: { "idempotency-key"?: string };
    }>("/api/v1/runs/:run/events", { schema }, async (request) => {
      const { run } = request.params;
      const batch =
        typeof request.body === "string"
          ? parseNdjsonBatch(run, request.body)
          : parseArrayBatch(run, request.body);
      return ctx.ingest.ingest(run, request.headers["idempotency-key"] ?? batch.batchId, batch.events, {
        ack: request.query.ack ?? "analysed",
        ...(batch.lines !== undefined && { lines: batch.lines }),
      });
    });
  });
}
