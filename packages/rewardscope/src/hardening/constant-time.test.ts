import type * as crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestApp, type TestApp } from "../server/test-app.case.js";

// Every comparison the server makes goes through this spy, which records the lengths it was given.
const compared: [number, number][] = [];
vi.mock("node:crypto", async (original) => {
  const real = await original<typeof crypto>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.push([a.byteLength, b.byteLength]);
      return real.timingSafeEqual(a, b);
    },
  };
});

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ token: "the-write-token", readToken: "r" });
});
afterAll(async () => {
  await t.close();
});

describe("token comparison", () => {
  it("compares every presented token in constant time, on equal-length digests, whatever its length", async () => {
    const presented = ["", "x", "the-write-toke", "the-write-token", "the-write-tokenX", "é".repeat(3000)];
    for (const token of presented) {
      compared.length = 0;
      const write = await t.app.inject({
        method: "POST",
        url: "/api/v1/runs/r/events",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
        payload: '{"type":"step_end","step":0}\n',
      });
      expect(write.statusCode).toBe(token === "the-write-token" ? 200 : 401);
      if (token === "") continue; // "Bearer " holds no token: refused before any comparison.
      expect(compared.length, `token of length ${token.length}`).toBeGreaterThan(0);
      for (const [a, b] of compared) expect([a, b]).toEqual([32, 32]);
    }
    // A read compares with both accepted tokens, so the time does not say which one matched.
    compared.length = 0;
    const read = await t.app.inject({ url: "/api/v1/runs", headers: { authorization: "Bearer r" } });
    expect(read.statusCode).toBe(200);
    expect(compared).toEqual([
      [32, 32],
      [32, 32],
    ]);
  });
});
