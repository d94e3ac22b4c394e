import type { AnalysisBacklog } from "../lib/backlog-notice.js";
import { currentToken } from "./access-token.js";
import type { Alert, CompletionRecord, RunRecord, SeriesPoints, Severity, StepReport } from "./types.js";

// The dashboard's only door to the data: one function per API operation, named as the routes and the CLI
// name them. Reads carry the read token when the server has one (access-token.ts).

/** A failed API call: the server's error code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const BASE = "/api/v1";

function runPath(run: string): string {
  return `${BASE}/runs/${encodeURIComponent(run)}`;
}

function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const token = currentToken();
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, { signal, headers });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
    throw new ApiError(
      response.status,
      body.error ?? "http_error",
      body.message ?? `HTTP ${response.status}`,
    );
  }
  return (await response.json()) as T;
}

/** What `/api/v1/health` answers: the server, and how far its analysis is behind. */
export interface Health {
  ok: boolean;
  version: string;
  uptimeS: number;
  analysis?: AnalysisBacklog;
}

export function getHealth(signal?: AbortSignal): Promise<Health> {
  return getJson<Health>(`${BASE}/health`, signal);
}

export async function listRuns(signal?: AbortSignal): Promise<RunRecord[]> {
  return (await getJson<{ runs: RunRecord[] }>(`${BASE}/runs`, signal)).runs;
}

export function getRun(run: string, signal?: AbortSignal): Promise<RunRecord> {
  return getJson<RunRecord>(runPath(run), signal);
}

export async function seriesNames(run: string, signal?: AbortSignal): Promise<string[]> {
  return (await getJson<{ names: string[] }>(`${runPath(run)}/series/names`, signal)).names;
}

export interface SeriesRequest {
  names: readonly string[];
  maxPoints: number;
  from?: number;
  to?: number;
}

export async function series(
  run: string,
  request: SeriesRequest,
  signal?: AbortSignal,
): Promise<SeriesPoints[]> {
  const { names, maxPoints, from, to } = request;
  const path = `${runPath(run)}/series${query({ names: names.join(","), maxPoints, from, to })}`;
  return (await getJson<{ series: SeriesPoints[] }>(path, signal)).series;
}

export interface AlertFilter {
  severity?: readonly Severity[];
  type?: readonly string[];
  fn?: string;
  from?: number;
  to?: number;
  limit?: number;
}

export function alerts(
  run: string,
  filter: AlertFilter,
  signal?: AbortSignal,
): Promise<{ total: number; alerts: Alert[] }> {
  const params = {
    severity: filter.severity?.length ? filter.severity.join(",") : undefined,
    type: filter.type?.length ? filter.type.join(",") : undefined,
    fn: filter.fn || undefined,
    from: filter.from,
    to: filter.to,
    limit: filter.limit ?? 1000,
  };
  return getJson(`${runPath(run)}/alerts${query(params)}`, signal);
}

export interface CompletionFilter {
  step?: number;
  flagged?: boolean;
  sortBy?: string;
  order?: "asc" | "desc";
  q?: string;
  limit?: number;
  offset?: number;
}

export function completions(
  run: string,
  filter: CompletionFilter,
  signal?: AbortSignal,
): Promise<{ total: number; completions: CompletionRecord[] }> {
  return getJson(`${runPath(run)}/completions${query({ ...filter, q: filter.q || undefined })}`, signal);
}

export function stepReport(run: string, step: number, signal?: AbortSignal): Promise<StepReport> {
  return getJson<StepReport>(`${runPath(run)}/steps/${step}`, signal);
}

/** The URL of a run's live stream, or of every run's when run is null. */
export function streamUrl(run: string | null): string {
  const token = currentToken();
  const path = run === null ? `${BASE}/stream` : `${runPath(run)}/stream`;
  return token ? `${path}${query({ access_token: token })}` : path;
}
