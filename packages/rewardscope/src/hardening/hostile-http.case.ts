import { HOSTILE_RUN } from "./hostile-events.case.js";
import { HOSTILE_TOKEN, type HostileRequest, postEvents } from "./hostile-request.case.js";
import type { Draw } from "./seeded-random.case.js";

const STEP_END = '{"type":"step_end","step":1}\n';
const AUTH = `Bearer ${HOSTILE_TOKEN}`;

/** Run names (as they appear in the path) that must be refused: they climb out, hide controls, or are too long. */
const BAD_RUN_PATHS = [
  "..",
  "%2e%2e",
  "%2E%2e",
  ".%2E",
  "..%2f..%2fetc",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "a%2Fb",
  "a%5Cb",
  "%5C",
  "..%5c..%5cwindows",
  "a%00b",
  "a%0Ab",
  "a%0D%0AX-Injected:%201",
  "%1B%5B31m",
  "%7F",
  "x".repeat(201),
];

/** Run names in the path: refused with 400 naming "run", for writes and for reads alike. */
export function badRunNameRequest(draw: Draw): HostileRequest {
  const name = draw.pick(BAD_RUN_PATHS);
  const expect = { status: 400, error: "invalid_argument", field: "run" };
  const read = draw.pick([
    "",
    "/alerts",
    "/completions",
    "/series?names=reward.accuracy.batch.mean",
    "/series/names",
    "/steps/1",
  ]);
  if (draw.random() < 0.5) return postEvents(`bad run name: ${name.slice(0, 20)}`, name, STEP_END, expect);
  if (draw.random() < 0.3) {
    return {
      family: `bad run name (finish): ${name.slice(0, 20)}`,
      method: "POST",
      path: `/api/v1/runs/${name}/finish`,
      headers: { authorization: AUTH },
      expect,
    };
  }
  return {
    family: `bad run name (read${read.split("?")[0]}): ${name.slice(0, 20)}`,
    method: "GET",
    path: `/api/v1/runs/${name}${read}`,
    headers: {},
    expect,
  };
}

/** Paths that are not valid percent-encoding, or not UTF-8 once decoded: 400 naming the URL; too long: 414. */
export function badUrlRequest(draw: Draw): HostileRequest {
  if (draw.random() < 0.2) {
    // POST only: a GET that no API route takes falls through to the dashboard's files (a 404 there).
    return {
      family: "path part over 1,024 characters",
      method: "POST",
      path: `/api/v1/runs/${"r".repeat(draw.int(1025, 6000))}/events`,
      headers: { authorization: AUTH, "content-type": "application/x-ndjson" },
      body: STEP_END,
      expect: { status: 414, field: "url" },
    };
  }
  const part = draw.pick(["%zz", "%", "%e", "%ed%a0%80", "%c0%af", "%ff%fe", "a%2"]);
  return {
    family: `bad percent-encoding: ${part}`,
    method: draw.pick(["GET", "POST"]),
    path: `/api/v1/runs/${part}/events`,
    headers: { authorization: AUTH, "content-type": "application/x-ndjson" },
    body: STEP_END,
    expect: { status: 400, field: "url" },
  };
}

/** Query parameters of the read routes: wrong types, out of range, unknown values; 400 naming the parameter. */
const BAD_QUERIES: [string, string][] = [
  ["/series?names=reward.a.batch.mean&maxPoints=-1", "maxPoints"],
  ["/series?names=reward.a.batch.mean&maxPoints=abc", "maxPoints"],
  ["/series?names=reward.a.batch.mean&maxPoints=1e9", "maxPoints"],
  ["/series?names=reward.a.batch.mean&from=-5", "from"],
  ["/series?names=reward.a.batch.mean&to=1.5", "to"],
  ["/series", "names"],
  ["/alerts?severity=bogus", "severity"],
  ["/alerts?minSeverity=urgent", "minSeverity"],
  ["/alerts?limit=0", "limit"],
  ["/alerts?limit=100000", "limit"],
  ["/alerts?offset=-1", "offset"],
  ["/alerts?from=x", "from"],
  ["/completions?step=-1", "step"],
  ["/completions?step=abc", "step"],
  ["/completions?order=sideways", "order"],
  ["/completions?flagged=maybe", "flagged"],
  ["/completions?limit=5000", "limit"],
  [`/completions?q=${"a".repeat(1001)}`, "q"],
  ["/completions?sortBy=", "sortBy"],
  ["/steps/-1", "step"],
  ["/steps/abc", "step"],
  ["/steps/1.5", "step"],
];

export function badQueryRequest(draw: Draw): HostileRequest {
  const [query, field] = draw.pick(BAD_QUERIES);
  return {
    family: `bad query: ${query.slice(0, 40)}`,
    method: "GET",
    path: `/api/v1/runs/${HOSTILE_RUN}${query}`,
    headers: {},
    expect: { status: 400, error: "invalid_argument", field },
  };
}

/** Query parameters of the events route out of their values: 400 naming the parameter. */
export function badEventsQueryRequest(draw: Draw): HostileRequest {
  const value = draw.pick(["bogus", "", "DURABLE", "durable,analysed"]);
  const request = postEvents(`bad ack ${JSON.stringify(value)}`, HOSTILE_RUN, STEP_END, {
    status: 400,
    error: "invalid_argument",
    field: "ack",
  });
  request.path += `?ack=${encodeURIComponent(value)}`;
  return request;
}

/** Content types the events route does not take: 415 naming Content-Type. */
export function badContentTypeRequest(draw: Draw): HostileRequest {
  const type = draw.pick([
    "application/xml",
    "text/html",
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded",
    "application/octet-stream",
    "image/png",
    "text/javascript",
    "application/ndjson-but-not",
  ]);
  return postEvents(
    `content type ${type}`,
    HOSTILE_RUN,
    STEP_END,
    { status: 415, field: "Content-Type" },
    type,
  );
}

/** Writes without a valid bearer token: 401 naming Authorization. */
export function badTokenRequest(draw: Draw): HostileRequest {
  const header = draw.pick([
    undefined,
    "Bearer wrong",
    `Bearer ${HOSTILE_TOKEN}x`,
    `Bearer ${HOSTILE_TOKEN.slice(1)}`,
    "Basic aG9zdGlsZTp0b2tlbg==",
    `Bearer ${"a".repeat(8000)}`,
    "Bearer",
    "Bearer  ",
    `${HOSTILE_TOKEN}`,
    `Token ${HOSTILE_TOKEN}`,
    `Bearer ${HOSTILE_TOKEN} extra`,
  ]);
  const headers: Record<string, string> = { "content-type": "application/x-ndjson" };
  if (header !== undefined) headers.authorization = header;
  return {
    family: `bad token: ${String(header).slice(0, 24)}`,
    method: "POST",
    path: `/api/v1/runs/${HOSTILE_RUN}/events`,
    headers,
    body: STEP_END,
    expect: { status: 401, error: "unauthorized", field: "Authorization" },
  };
}

/** Idempotency keys out of bounds: 400 naming the header. */
export function badIdempotencyKeyRequest(draw: Draw): HostileRequest {
  const key = draw.pick(["", "k".repeat(257), "k".repeat(5000)]);
  const request = postEvents("bad idempotency key", HOSTILE_RUN, STEP_END, {
    status: 400,
    error: "invalid_argument",
    field: "idempotency-key",
  });
  request.headers["idempotency-key"] = key;
  return request;
}

/** Methods and paths with no route: 404 naming the route. */
export function noRouteRequest(draw: Draw): HostileRequest {
  const [method, path] = draw.pick<[string, string]>([
    ["PUT", `/api/v1/runs/${HOSTILE_RUN}/events`],
    ["DELETE", `/api/v1/runs/${HOSTILE_RUN}`],
    ["PATCH", "/api/v1/runs"],
    ["POST", "/api/v1/runs/a/b/c/events"],
    ["GET", "/api/v1/../../etc/passwd"],
    ["GET", "/api/v2/runs"],
    ["POST", "/api/v1/health"],
  ]);
  return {
    family: `no route: ${method} ${path}`,
    method,
    path,
    headers: { authorization: AUTH },
    expect: { status: 404, error: "not_found" },
  };
}

/** Malformed HTTP: 400 malformed_request (431 headers_too_large), with a message naming what was malformed. */
function rawRequest(family: string, head: string, body = "", status = 400): HostileRequest {
  const error = status === 431 ? "headers_too_large" : status === 400 ? "malformed_request" : undefined;
  return {
    family,
    method: head.split(" ")[0] ?? "?",
    path: head.split(" ")[1] ?? "?",
    headers: {},
    raw: Buffer.concat([Buffer.from(head, "latin1"), Buffer.from(body)]),
    expect: { status, ...(error !== undefined && { error }) },
  };
}

const EVENTS_PATH = `/api/v1/runs/${HOSTILE_RUN}/events`;

/** Malformed HTTP, written on a raw socket: header abuse, smuggling, lies about the body. */
export function malformedHttpRequest(draw: Draw): HostileRequest {
  const auth = `Authorization: ${AUTH}\r\n`;
  const variants: (() => HostileRequest)[] = [
    () =>
      rawRequest(
        "header too large",
        `GET /api/v1/runs HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(draw.int(17_000, 80_000))}\r\n\r\n`,
        "",
        431,
      ),
    () => {
      const many = Array.from({ length: 400 }, (_, i) => `X-H${i}: ${"v".repeat(60)}\r\n`).join("");
      return rawRequest("too many headers", `GET /api/v1/runs HTTP/1.1\r\nHost: x\r\n${many}\r\n`, "", 431);
    },
    () =>
      rawRequest(
        "control character in a header",
        `GET /api/v1/runs HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n`,
      ),
    () =>
      rawRequest("space in a header name", `GET /api/v1/runs HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n`),
    () =>
      rawRequest(
        "Content-Length with Transfer-Encoding (smuggling)",
        `POST ${EVENTS_PATH} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/x-ndjson\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n`,
        "0\r\n\r\n",
      ),
    () =>
      rawRequest(
        "two different Content-Lengths",
        `POST ${EVENTS_PATH} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/x-ndjson\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\n`,
        "abc",
      ),
    () =>
      rawRequest(
        "Content-Length not a number",
        `POST ${EVENTS_PATH} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/x-ndjson\r\nContent-Length: ${draw.pick(["abc", "-1", "1e3", "0x10"])}\r\n\r\n`,
      ),
    () =>
      rawRequest(
        "broken chunked encoding",
        `POST ${EVENTS_PATH} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n`,
        "zz\r\nabc\r\n0\r\n\r\n",
      ),
    () =>
      rawRequest(
        "unknown method",
        `${draw.pick(["BREW", "G@T", "PROPFINDX"])} /api/v1/runs HTTP/1.1\r\nHost: x\r\n\r\n`,
      ),
    () =>
      rawRequest(
        "bad HTTP version",
        `GET /api/v1/runs HTTP/${draw.pick(["9.9", "1.x", "0"])}\r\nHost: x\r\n\r\n`,
      ),
    () =>
      rawRequest(
        "garbage request line",
        `${draw.pick(["\u0000\u0001\u0002", "GET\r\n", "/ / /", "GET /api/v1/runs\u0000 HTTP/1.1"])}\r\n\r\n`,
      ),
    () =>
      rawRequest(
        "body declared over the limit",
        `POST ${EVENTS_PATH} HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/x-ndjson\r\nContent-Length: ${draw.pick([16 * 1024 * 1024 + 1, 1e9, 2 ** 40])}\r\n\r\n`,
        STEP_END,
        413,
      ),
  ];
  return draw.pick(variants)();
}

/** A body really larger than 16 MiB, sent whole on a raw socket (the server may answer before reading it): 413. */
export function oversizedBodyRequest(draw: Draw): HostileRequest {
  const size = 16 * 1024 * 1024 + draw.int(1, 2 * 1024 * 1024);
  const head =
    `POST ${EVENTS_PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: ${AUTH}\r\n` +
    `Content-Type: application/x-ndjson\r\nContent-Length: ${size}\r\n\r\n`;
  const request = rawRequest("body over 16 MiB", head, "", 413);
  request.raw = Buffer.concat([Buffer.from(head, "latin1"), Buffer.alloc(size, "1,")]);
  request.expect.error = "payload_too_large";
  return request;
}
