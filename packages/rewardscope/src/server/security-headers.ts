import type { FastifyInstance } from "fastify";

/** Sent on every response, the live stream included. The dashboard loads nothing from elsewhere. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; "),
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/**
 * Adds SECURITY_HEADERS to every response, error responses and hijacked streams included (they are set
 * before the handler runs, so a stream copies them from the reply).
 * @example
 * installSecurityHeaders(app);
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onRequest", async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
}
