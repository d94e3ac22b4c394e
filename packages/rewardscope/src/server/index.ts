// The HTTP API: re-exports only.
export { type AppOptions, buildApp, DEFAULT_MAX_BODY_BYTES } from "./app.js";
export { type AuthOptions, sameSecret } from "./auth.js";
export { type ErrorBody, errorResponse } from "./error-handler.js";
export { checkBind, isLoopback } from "./listen.js";
export { BatchError, type ParsedBatch, parseArrayBatch, parseNdjsonBatch } from "./parse-batch.js";
export { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from "./rate-limit.js";
export { SECURITY_HEADERS } from "./security-headers.js";
export { DEFAULT_SSE, type SseOptions, sseFrame } from "./sse.js";
