import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parserErrorResponse } from "./client-errors.js";
import { openTestApp, type TestApp } from "./test-app.case.js";

let t: TestApp;
let port = 0;
beforeAll(async () => {
  t = await openTestApp();
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  const address = t.app.server.address();
  port = typeof address === "object" && address ? address.port : 0;
});
afterAll(async () => {
  await t.close();
});

/** Writes raw bytes and reads the answer until the server closes the connection. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve) => {
    let answer = "";
    const socket = connect(port, "127.0.0.1", () => socket.end(bytes));
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("latin1");
    });
    socket.on("error", () => {});
    socket.on("close", () => resolve(answer));
  });
}

function body(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));
}

describe("parserErrorResponse", () => {
  it("names what the HTTP parser refused", () => {
    const error = (code: string) => Object.assign(new Error("Parse Error"), { code });
    expect(parserErrorResponse(error("HPE_HEADER_OVERFLOW"))).toMatchObject({
      status: 431,
      body: { error: "headers_too_large" },
    });
    expect(parserErrorResponse(error("HPE_UNEXPECTED_CONTENT_LENGTH")).body.message).toContain(
      "Transfer-Encoding",
    );
    expect(parserErrorResponse(error("ERR_HTTP_REQUEST_TIMEOUT")).status).toBe(408);
    const other = parserErrorResponse(Object.assign(error("HPE_SOMETHING_NEW"), { reason: "Odd thing" }));
    expect(other).toEqual({
      status: 400,
      body: { error: "malformed_request", message: "malformed HTTP request: Odd thing", field: "request" },
    });
  });
});

describe("malformed HTTP on a real socket", () => {
  it("answers oversized headers with 431 in the API's error shape", async () => {
    const answer = await raw(`GET /api/v1/runs HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(40_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain("x-content-type-options: nosniff");
    expect(body(answer)).toMatchObject({ error: "headers_too_large" });
  });

  it("answers request smuggling and bad characters with 400 naming the problem", async () => {
    const smuggle = await raw(
      "POST /api/v1/runs/r/events HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    );
    expect(smuggle).toMatch(/^HTTP\/1\.1 400 /);
    expect(body(smuggle)).toMatchObject({ error: "malformed_request", field: "request" });
    const control = await raw("GET /api/v1/runs HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n");
    expect(body(control)).toMatchObject({
      error: "malformed_request",
      message: expect.stringContaining("character"),
    });
  });

  it("answers a path part over 1,024 characters with 414 naming the URL, quoting it cut", async () => {
    const answer = await t.app.inject({ url: `/api/v1/runs/${"a".repeat(5000)}/alerts` });
    expect(answer.statusCode).toBe(414);
    expect(answer.json()).toMatchObject({ field: "url" });
    expect(answer.json().message.length).toBeLessThan(310);
  });

  it("answers a path that is not valid percent-encoding with 400 naming the URL", async () => {
    const answer = await raw("GET /api/v1/runs/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain("content-security-policy:");
    expect(body(answer)).toMatchObject({ error: "bad_request", field: "url" });
  });
});
