import { type ErrorCode, RewardscopeError } from "@rewardscope/core";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { BatchError } from "./parse-batch.js";

/** The body of every error response. */
export interface ErrorBody {
  error: string;
  message: string;
  /** The path of the bad value: "events[3].rewards.accuracy[2]", "maxPoints", "Authorization". */
  field?: string;
  /** The line of an NDJSON body the bad event is on (1-based). */
  line?: number;
}

const STATUS: Record<ErrorCode, number> = {
  invalid_event: 400,
  invalid_config: 400,
  invalid_argument: 400,
  not_found: 404,
  unauthorized: 401,
  // The server cannot serve now (its store is closed, a saved state is unreadable): not the client's fault.
  invalid_state: 503,
  reward_fn_failed: 500,
};

// Fastify's own client errors: their messages are fixed strings, safe to show.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid_json",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "bad_request",
};

/** Turns an error into a status and a body; anything unexpected becomes a 500 that leaks nothing. */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof RewardscopeError) {
    const status = STATUS[error.code] ?? 500;
    if (status === 500) return internal();
    // The field travels apart: the message alone reads "must be ...", not "field: must be ...".
    const message =
      error.field && error.message.startsWith(`${error.field}: `)
        ? error.message.slice(error.field.length + 2)
        : error.message;
    const body: ErrorBody = { error: error.code, message };
    if (error.field !== undefined) body.field = error.field;
    if (error instanceof BatchError && error.line !== undefined) body.line = error.line;
    return { status, body };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation && fastifyError.validation.length > 0) return validationResponse(fastifyError);
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    const code = FASTIFY_CODES[fastifyError.code ?? ""] ?? "bad_request";
    return { status, body: { error: code, message: fastifyError.message ?? code } };
  }
  return internal();
}

function internal(): { status: number; body: ErrorBody } {
  return { status: 500, body: { error: "internal", message: "internal server error" } };
}

/** A schema validation failure, naming the parameter: `{ field: "maxPoints", message: "must be <= 20000" }`. */
function validationResponse(error: Partial<FastifyError>): { status: number; body: ErrorBody } {
  const first = error.validation?.[0];
  const missing = first?.params?.missingProperty;
  const path = (first?.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
  const field = typeof missing === "string" ? (path ? `${path}.${missing}` : missing) : path;
  // A list parameter's pattern ("^(low|high)(,(low|high))*$") reads better as the values it allows.
  const allowed =
    first?.keyword === "pattern" ? /^\^\(([^()]+)\)\(,/.exec(String(first.params?.pattern)) : null;
  const message =
    typeof missing === "string"
      ? "is required"
      : allowed?.[1] !== undefined
        ? `must be a comma-separated list of: ${allowed[1].split("|").join(", ")}`
        : (first?.message ?? "is invalid");
  const body: ErrorBody = { error: "invalid_argument", message };
  if (field) body.field = field;
  return { status: 400, body };
}

/**
 * Installs the one error handler and the JSON 404 of the app.
 * @example
 * installErrorHandler(app);
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = errorResponse(error);
    if (status >= 500) request.log.error({ err: error }, "request failed");
    if (status === 415) {
      // Echoed as JSON text: it names what was sent, and the JSON content type keeps it inert.
      const sent = JSON.stringify(String(request.headers["content-type"] ?? "none").slice(0, 100));
      body.message = `Content-Type ${sent} is not accepted here`;
      body.field = "Content-Type";
    }
    if (status === 401) reply.header("www-authenticate", 'Bearer realm="rewardscope"');
    return reply.code(status).type("application/json; charset=utf-8").send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = (request.url.split("?")[0] ?? "").slice(0, 200);
    const body: ErrorBody = { error: "not_found", message: `no route ${request.method} ${path}` };
    return reply.code(404).send(body);
  });
}
