import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMIT, RateLimiter } from "./rate-limit.js";

function setup(options: Partial<typeof DEFAULT_RATE_LIMIT> = {}) {
  const clock = { t: 0 };
  const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMIT, now: () => clock.t, ...options });
  return { limiter, clock };
}

describe("RateLimiter", () => {
  it("lets a burst through, then asks the client to wait", () => {
    const { limiter } = setup({ perSecond: 2, burst: 3 });
    expect([1, 2, 3].map(() => limiter.take("a"))).toEqual([0, 0, 0]);
    expect(limiter.take("a")).toBe(1);
  });

  it("refills at perSecond, up to burst", () => {
    const { limiter, clock } = setup({ perSecond: 2, burst: 3 });
    for (let i = 0; i < 3; i++) limiter.take("a");
    clock.t = 500; // one token back
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBeGreaterThan(0);
    clock.t = 3_600_000;
    expect([1, 2, 3, 4].map(() => limiter.take("a"))).toEqual([0, 0, 0, 1]);
  });

  it("gives the seconds until a token is back", () => {
    const { limiter } = setup({ perSecond: 0.1, burst: 1 });
    limiter.take("a");
    expect(limiter.take("a")).toBe(10);
  });

  it("keeps one bucket per client, and no more than maxClients", () => {
    const { limiter } = setup({ perSecond: 1, burst: 1, maxClients: 100 });
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("b")).toBe(0);
    expect(limiter.take("a")).toBe(1);
    for (let i = 0; i < 1000; i++) limiter.take(`client-${i}`);
    expect(limiter.clients).toBe(100);
  });
});
