import { createHash, timingSafeEqual } from "node:crypto";
import { RewardscopeError } from "@rewardscope/core";
import type { FastifyInstance, FastifyRequest } from "fastify";

/** The tokens of a server: `token` guards writes; `readToken`, when set, guards reads too. */
export interface AuthOptions {
  token?: string | undefined;
  readToken?: string | undefined;
}

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/**
 * Compares a presented secret with the expected one in constant time: hashing both first makes the lengths
 * equal, so neither the length nor the first differing byte shows in the timing.
 * @example
 * sameSecret(presented, "s3cret"); // true or false
 */
export function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * The bearer token of a request: the Authorization header, or for a read, an `access_token` query parameter
 * (RFC 6750, section 2.3), since a browser's EventSource cannot set headers.
 */
function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === "string") {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    return match?.[1] ?? null;
  }
  if (!READ_METHODS.has(request.method)) return null;
  const query = request.query as Record<string, unknown> | undefined;
  const token = query?.access_token;
  return typeof token === "string" && token.length > 0 ? token : null;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route needs no token (health, the dashboard's files). */
    public?: boolean;
  }
}

/**
 * Requires `Authorization: Bearer <token>` on writes when `token` is set, and on reads (the write token also
 * works) when `readToken` is set; otherwise throws RewardscopeError("unauthorized"), a 401.
 * @example
 * installAuth(app, { token: process.env.REWARDSCOPE_TOKEN });
 */
export function installAuth(app: FastifyInstance, options: AuthOptions): void {
  const { token, readToken } = options;
  if (!token && !readToken) return;
  app.addHook("onRequest", async (request) => {
    if (request.routeOptions.config?.public === true) return;
    const write = !READ_METHODS.has(request.method);
    const accepted = write ? [token] : [readToken, readToken ? token : undefined];
    const wanted = accepted.filter((t): t is string => typeof t === "string" && t.length > 0);
    if (wanted.length === 0) return;
    const presented = bearer(request);
    if (presented === null) {
      throw new RewardscopeError(
        "unauthorized",
        "this request needs an Authorization: Bearer token",
        "Authorization",
      );
    }
    // Every candidate is compared, so the time taken does not say which one matched.
    let ok = false;
    for (const expected of wanted) ok = sameSecret(presented, expected) || ok;
    if (!ok)
      throw new RewardscopeError("unauthorized", "the bearer token is not valid here", "Authorization");
  });
}
