import { RewardscopeError, SEVERITIES, type Severity, severityRank } from "@rewardscope/core";
import type { AlertQuery, CompletionQuery, SeriesQuery } from "./store.js";

/** Rows a page holds when the query does not say. */
export const DEFAULT_LIMIT = 100;
/** The largest page: a larger limit is lowered to this. */
export const MAX_LIMIT = 1000;

/** A step range with both ends set: unbounded ends become the safe-integer limits. */
export interface StepRange {
  fromStep: number;
  toStep: number;
}

export interface Page {
  limit: number;
  offset: number;
}

/** An AlertQuery with defaults merged and every field checked, for a store to turn into its query. */
export interface ResolvedAlertQuery extends StepRange, Page {
  severities: Severity[] | null;
  /** severityRank of minSeverity (0 when absent). */
  minRank: number;
  types: string[] | null;
  rewardFn: string | null;
}

export interface ResolvedCompletionQuery extends StepRange, Page {
  flagged: boolean | null;
  sortBy: string | null;
  order: "asc" | "desc";
  /** The search text, null when absent or empty. */
  search: string | null;
}

export interface ResolvedSeriesQuery extends StepRange {
  names: string[];
  maxPoints: number | null;
}

function fail(field: string, message: string): never {
  throw new RewardscopeError("invalid_argument", message, field);
}

function integer(value: unknown, field: string, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min)
    fail(field, `must be an integer >= ${min}, got ${JSON.stringify(value) ?? String(value)}`);
  return value;
}

function optionalString(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") fail(field, "must be a string");
  return value;
}

function stringList(value: unknown, field: string): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) fail(field, "must be an array of strings");
  return value.map((item: unknown, i) => {
    if (typeof item !== "string") fail(`${field}[${i}]`, "must be a string");
    return item;
  });
}

function severity(value: unknown, field: string): Severity {
  if (!(SEVERITIES as readonly unknown[]).includes(value))
    fail(field, `must be one of ${SEVERITIES.join(", ")}, got ${JSON.stringify(value) ?? String(value)}`);
  return value as Severity;
}

/** `step` narrows the range to one step; `fromStep`/`toStep` bound it (both inclusive). */
export function resolveStepRange(query: { step?: number; fromStep?: number; toStep?: number }): StepRange {
  let fromStep = Number.MIN_SAFE_INTEGER;
  let toStep = Number.MAX_SAFE_INTEGER;
  if (query.fromStep !== undefined) fromStep = integer(query.fromStep, "fromStep", Number.MIN_SAFE_INTEGER);
  if (query.toStep !== undefined) toStep = integer(query.toStep, "toStep", Number.MIN_SAFE_INTEGER);
  if (query.step !== undefined) {
    const step = integer(query.step, "step", Number.MIN_SAFE_INTEGER);
    fromStep = Math.max(fromStep, step);
    toStep = Math.min(toStep, step);
  }
  return { fromStep, toStep };
}

/** limit: default 100, lowered to 1,000; offset: default 0. */
export function resolvePage(query: { limit?: number; offset?: number }): Page {
  const limit = query.limit === undefined ? DEFAULT_LIMIT : integer(query.limit, "limit", 0);
  const offset = query.offset === undefined ? 0 : integer(query.offset, "offset", 0);
  return { limit: Math.min(limit, MAX_LIMIT), offset };
}

/**
 * Merges the defaults of an AlertQuery and checks it. Throws RewardscopeError "invalid_argument" naming the field.
 * @example
 * resolveAlertQuery({ minSeverity: "high" }).minRank; // 2
 */
export function resolveAlertQuery(query: AlertQuery = {}): ResolvedAlertQuery {
  const severities = query.severities === undefined ? null : stringList(query.severities, "severities");
  return {
    severities: severities?.map((s, i) => severity(s, `severities[${i}]`)) ?? null,
    minRank: query.minSeverity === undefined ? 0 : severityRank(severity(query.minSeverity, "minSeverity")),
    types: stringList(query.types, "types"),
    rewardFn: optionalString(query.rewardFn, "rewardFn"),
    ...resolveStepRange(query),
    ...resolvePage(query),
  };
}

/** Merges the defaults of a CompletionQuery (newest step first, no search) and checks it. */
export function resolveCompletionQuery(query: CompletionQuery = {}): ResolvedCompletionQuery {
  if (query.flagged !== undefined && typeof query.flagged !== "boolean") fail("flagged", "must be a boolean");
  if (query.order !== undefined && query.order !== "asc" && query.order !== "desc")
    fail("order", `must be "asc" or "desc", got ${JSON.stringify(query.order)}`);
  const search = optionalString(query.search, "search");
  return {
    flagged: query.flagged ?? null,
    sortBy: optionalString(query.sortBy, "sortBy"),
    order: query.order ?? "desc",
    search: search === null || search === "" ? null : search,
    ...resolveStepRange(query),
    ...resolvePage(query),
  };
}

/** Checks a SeriesQuery; maxPoints, when given, is an integer >= 2 (one bucket keeps two points). */
export function resolveSeriesQuery(query: SeriesQuery): ResolvedSeriesQuery {
  if (typeof query !== "object" || query === null) fail("query", "must be an object");
  return {
    names: stringList(query.names, "names") ?? fail("names", "is required"),
    maxPoints: query.maxPoints === undefined ? null : integer(query.maxPoints, "maxPoints", 2),
    ...resolveStepRange(query),
  };
}
