import { request as httpRequest } from "node:http";

/** One analysed step of a one-function run: its rewards, then its step_end, as NDJSON. */
export const STEP = (step: number, completions: string[]) =>
  `${JSON.stringify({ type: "rewards", step, rewards: { a: completions.map(() => 1) }, completions })}\n${JSON.stringify({ type: "step_end", step })}\n`;

/** POSTs NDJSON to `path` exactly as written, from `localAddress` when given (another client address). */
export function post(url: string, path: string, body: string, token?: string, localAddress?: string) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    // The path goes out as written: new URL() would resolve its "..".
    const target = new URL(url);
    const outgoing = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path,
        method: "POST",
        ...(localAddress !== undefined && { localAddress }),
        headers: {
          "content-type": "application/x-ndjson",
          ...(token !== undefined && { authorization: `Bearer ${token}` }),
        },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
