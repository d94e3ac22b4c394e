import { RewardscopeError } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { checkBind, isLoopback } from "./listen.js";

describe("isLoopback", () => {
  it.each([
    "127.0.0.1",
    "127.1.2.3",
    "::1",
    "[::1]",
    "0:0:0:0:0:0:0:1",
    "localhost",
    "LOCALHOST",
    "::ffff:127.0.0.1",
  ])("%s is loopback", (host) => expect(isLoopback(host)).toBe(true));

  it.each([
    "0.0.0.0",
    "::",
    "",
    "192.168.1.10",
    "10.0.0.1",
    "128.0.0.1",
    "example.com",
    "localhost.example.com",
    "::ffff:10.0.0.1",
  ])("%j is not loopback", (host) => expect(isLoopback(host)).toBe(false));
});

describe("checkBind", () => {
  it("allows loopback without a token", () => {
    expect(() => checkBind("127.0.0.1", undefined, false)).not.toThrow();
    expect(() => checkBind("::1", undefined, false)).not.toThrow();
  });

  it("refuses a public address without a token, naming the host", () => {
    for (const token of [undefined, ""]) {
      let caught: unknown;
      try {
        checkBind("0.0.0.0", token, false);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(RewardscopeError);
      expect((caught as RewardscopeError).code).toBe("invalid_config");
      expect((caught as RewardscopeError).field).toBe("host");
      expect((caught as RewardscopeError).message).toContain('"0.0.0.0"');
    }
  });

  it("allows a public address with a token, or when insecure is asked for", () => {
    expect(() => checkBind("0.0.0.0", "s3cret", false)).not.toThrow();
    expect(() => checkBind("::", undefined, true)).not.toThrow();
  });
});
