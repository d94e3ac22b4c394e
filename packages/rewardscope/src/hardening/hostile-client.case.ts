import { Agent, request as httpRequest } from "node:http";
import { connect } from "node:net";
import type { HostileRequest } from "./hostile-request.case.js";

/** What came back for one request; `status` 0 when the connection ended without an answer. */
export interface HostileAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Sends a well-formed request with node:http, which sends the path exactly as given. */
function viaHttp(base: URL, req: HostileRequest, agent: Agent): Promise<HostileAnswer> {
  return new Promise((resolve) => {
    const outgoing = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.path,
        headers:
          req.body === undefined
            ? req.headers
            : { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) },
        agent,
        timeout: 60_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", () => resolve({ status: 0, contentType: "", body: "the answer broke off" }));
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error("timed out")));
    outgoing.on("error", (error) =>
      resolve({ status: 0, contentType: "", body: `no answer: ${error.message}` }),
    );
    outgoing.end(req.body);
  });
}

/** Parses the first HTTP response in `bytes` (the server answers malformed requests with one and closes). */
function parseResponse(bytes: Buffer): HostileAnswer {
  const text = bytes.toString("latin1");
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  const split = text.indexOf("\r\n\r\n");
  if (!status?.[1] || split < 0)
    return { status: 0, contentType: "", body: `no answer: ${JSON.stringify(text.slice(0, 80))}` };
  const head = text.slice(0, split);
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  const rest = bytes.subarray(split + 4);
  return {
    status: Number(status[1]),
    contentType: /\r\ncontent-type: *([^\r]*)/i.exec(head)?.[1] ?? "",
    body: (length?.[1] ? rest.subarray(0, Number(length[1])) : rest).toString("utf8"),
  };
}

const SLICE = 64 * 1024;
const EARLY_ANSWER_MS = 300;

/** Writes raw bytes on a fresh connection and reads until the server closes it (or the answer is whole). */
export function sendRaw(base: URL, raw: Buffer): Promise<HostileAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(base.port), base.hostname);
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks)));
    };
    const timer = setTimeout(done, 30_000);
    // The head first, then a pause for an early answer, as a client sending `Expect: 100-continue` does: a server
    // that refuses on the head (a Content-Length over the limit) closes at once, and a body still arriving then
    // would reset the connection and could take the answer with it. Then the body in slices, stopping at an answer.
    const headEnd = raw.indexOf("\r\n\r\n");
    const split = headEnd < 0 ? raw.length : headEnd + 4;
    socket.on("connect", async () => {
      socket.write(raw.subarray(0, split));
      if (split < raw.length) await new Promise((resolve) => setTimeout(resolve, EARLY_ANSWER_MS));
      for (let at = split; at < raw.length && chunks.length === 0 && !socket.destroyed; at += SLICE) {
        if (!socket.write(raw.subarray(at, at + SLICE)))
          await new Promise((resolve) => socket.once("drain", resolve).once("close", resolve));
      }
      if (!socket.destroyed) socket.end();
    });
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      const answer = parseResponse(Buffer.concat(chunks));
      if (answer.status !== 0 && Buffer.byteLength(answer.body) > 0) {
        clearTimeout(timer);
        done();
      }
    });
    // A server that answers before reading the whole body resets the rest of the upload: the answer still counts.
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      done();
    });
  });
}

/**
 * Fires `requests` at `url` with at most `concurrency` in flight, calling `onAnswer` for each, in any order.
 * @example
 * await fireAll(server.url, requests, 16, (req, answer) => check(req, answer));
 */
export async function fireAll(
  url: string,
  requests: readonly HostileRequest[],
  concurrency: number,
  onAnswer: (req: HostileRequest, answer: HostileAnswer, index: number) => void | Promise<void>,
): Promise<void> {
  const base = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const req = requests[i] as HostileRequest;
      const answer = req.raw ? await sendRaw(base, req.raw) : await viaHttp(base, req, agent);
      await onAnswer(req, answer, i);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    agent.destroy();
  }
}
