/** The write token of the hostile-input server: hostile requests carry it, so they reach validation. */
export const HOSTILE_TOKEN = "hostile-test-token";

/** What a hostile request must get back: a 4xx with this error code and this field (when one is named). */
export interface Expected {
  status: number;
  error?: string;
  /** The field the error body names: exactly, or matching. */
  field?: string | RegExp;
  /** The NDJSON line the error body names. */
  line?: number;
}

/** One malformed or hostile request. */
export interface HostileRequest {
  family: string;
  method: string;
  /** Sent as is: no normalisation of "..", no re-encoding of "%". */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Malformed HTTP: these bytes go on a raw socket instead (method, path and headers then only describe it). */
  raw?: Buffer;
  expect: Expected;
}

/** A POST of `body` to a run's events with the token. */
export function postEvents(
  family: string,
  run: string,
  body: string | Buffer,
  expect: Expected,
  contentType = "application/x-ndjson",
): HostileRequest {
  return {
    family,
    method: "POST",
    path: `/api/v1/runs/${run}/events`,
    headers: { "content-type": contentType, authorization: `Bearer ${HOSTILE_TOKEN}` },
    body,
    expect,
  };
}

/** Events as NDJSON lines. */
export function lines(events: readonly unknown[]): string {
  return `${events.map((e) => (typeof e === "string" ? e : JSON.stringify(e))).join("\n")}\n`;
}
