import { isIP } from "node:net";
import { RewardscopeError } from "@rewardscope/core";

/**
 * Whether a host names this machine only: 127.0.0.0/8, ::1 (also as an IPv4-mapped address), localhost.
 * @example
 * isLoopback("127.0.0.1"); // true
 * isLoopback("0.0.0.0"); // false
 */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) {
    if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    return mapped?.[1]?.startsWith("127.") === true;
  }
  return false;
}

/**
 * Refuses to serve on a non-loopback address without a write token: anyone on the network could write runs.
 * `insecure` overrides it on purpose.
 * @throws RewardscopeError("invalid_config", ..., "host")
 * @example
 * checkBind("0.0.0.0", process.env.REWARDSCOPE_TOKEN, false); // throws without a token
 */
export function checkBind(host: string, token: string | undefined, insecure: boolean): void {
  if (isLoopback(host) || (token !== undefined && token.length > 0) || insecure) return;
  throw new RewardscopeError(
    "invalid_config",
    `refusing to listen on ${JSON.stringify(host)} without a token: anyone who can reach it could write runs. ` +
      "Set a write token, bind to 127.0.0.1, or ask for insecure mode to accept the risk",
    "host",
  );
}
