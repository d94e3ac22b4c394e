import { RewardscopeError } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { errorResponse } from "./error-handler.js";
import { BatchError } from "./parse-batch.js";

describe("errorResponse", () => {
  it("maps RewardscopeError codes to statuses, with the field apart from the message", () => {
    const cases = [
      ["invalid_event", 400],
      ["invalid_argument", 400],
      ["invalid_config", 400],
      ["not_found", 404],
      ["unauthorized", 401],
      ["invalid_state", 503],
    ] as const;
    for (const [code, status] of cases) {
      const { status: got, body } = errorResponse(new RewardscopeError(code, "is wrong", "a.b"));
      expect(got).toBe(status);
      expect(body).toEqual({ error: code, message: "is wrong", field: "a.b" });
    }
  });

  it("adds the line of a bad NDJSON event", () => {
    const { body } = errorResponse(new BatchError("must be a finite number", "events[3].step", 4));
    expect(body).toEqual({
      error: "invalid_event",
      message: "must be a finite number",
      field: "events[3].step",
      line: 4,
    });
  });

  it("hides everything about an unexpected error", () => {
    const error = new Error("SQLITE_CORRUPT at /secret/path.db");
    const { status, body } = errorResponse(error);
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(errorResponse(new RewardscopeError("reward_fn_failed", "boom /secret")).status).toBe(500);
    expect(errorResponse("a string").status).toBe(500);
  });

  it("keeps Fastify's client errors and names the body-too-large case", () => {
    const tooLarge = Object.assign(new Error("Request body is too large"), {
      statusCode: 413,
      code: "FST_ERR_CTP_BODY_TOO_LARGE",
    });
    expect(errorResponse(tooLarge)).toEqual({
      status: 413,
      body: { error: "payload_too_large", message: "Request body is too large" },
    });
  });
});
