import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { type ErrorBody, errorResponse } from "./error-handler.js";
import { SECURITY_HEADERS } from "./security-headers.js";

/** An error of Node's HTTP parser: llhttp's code ("HPE_HEADER_OVERFLOW") and its fixed reason text. */
interface ParserError extends Error {
  code?: string;
  reason?: string;
}

// The parser's reasons are fixed strings of llhttp, safe to show; these say it in the API's words.
const PARSER_MESSAGES: Record<string, string> = {
  HPE_HEADER_OVERFLOW: "the request headers are larger than the server accepts (16 KiB in all)",
  HPE_UNEXPECTED_CONTENT_LENGTH: "Content-Length and Transfer-Encoding together are not allowed",
  HPE_INVALID_CONTENT_LENGTH: "Content-Length is not a single non-negative number",
  HPE_INVALID_TRANSFER_ENCODING: "Transfer-Encoding is not one this server reads",
  HPE_INVALID_CHUNK_SIZE: "a chunk of the chunked body has a malformed size",
  HPE_INVALID_METHOD: "the request method is not an HTTP method",
  HPE_INVALID_VERSION: "the HTTP version is not 1.0 or 1.1",
  HPE_INVALID_HEADER_TOKEN: "a header name or value holds a character HTTP does not allow",
  HPE_INVALID_URL: "the request target is not a valid URL path",
  ERR_HTTP_REQUEST_TIMEOUT: "the request did not arrive in time",
};

/**
 * The answer to a request Node's HTTP parser refused before any route saw it: 431 for oversized headers, 408 for a
 * request too slow, otherwise 400, with a body in the API's error shape that names what was malformed.
 * @example
 * parserErrorResponse(Object.assign(new Error("Parse Error"), { code: "HPE_INVALID_METHOD" }));
 * // { status: 400, body: { error: "malformed_request", message: "the request method is not an HTTP method" } }
 */
export function parserErrorResponse(error: ParserError): { status: number; body: ErrorBody } {
  const code = error.code ?? "";
  const message = PARSER_MESSAGES[code] ?? `malformed HTTP request: ${error.reason ?? code ?? "unreadable"}`;
  if (code === "HPE_HEADER_OVERFLOW") return { status: 431, body: { error: "headers_too_large", message } };
  if (code === "ERR_HTTP_REQUEST_TIMEOUT")
    return { status: 408, body: { error: "request_timeout", message } };
  return { status: 400, body: { error: "malformed_request", message, field: "request" } };
}

/**
 * Fastify's `clientErrorHandler`: writes the parser error's answer on the socket and closes it. A connection reset
 * by the client has nobody to answer.
 */
export function handleClientError(error: ParserError, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  if (socket.writable) {
    const { status, body } = parserErrorResponse(error);
    const json = JSON.stringify(body);
    const headers = Object.entries(SECURITY_HEADERS)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\n${headers}Connection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}

/**
 * Fastify's `frameworkErrors`: errors raised while routing (a path that is not valid percent-encoding or not UTF-8
 * once decoded, a path part longer than 1,024 characters), before the hooks run, answered in the API's error shape
 * naming the URL.
 */
export function handleFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const { status, body } = errorResponse(error);
  if (error.code === "FST_ERR_BAD_URL" || error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    body.field = "url";
    // Fastify quotes the whole path; a path part over 1,024 characters is shown cut.
    if (body.message.length > 300) body.message = `${body.message.slice(0, 300)}…`;
  }
  void reply.code(status).headers(SECURITY_HEADERS).type("application/json; charset=utf-8").send(body);
}
