import { RewardscopeError } from "../errors.js";
import type {
  CallsEvent,
  MetricsEvent,
  RewardStatsEvent,
  RewardscopeEvent,
  RewardsEvent,
  RunEvent,
  StepEndEvent,
} from "./types.js";

/** The largest worldSize a run may declare. */
export const MAX_WORLD_SIZE = 4096;

// C0 controls, DEL and C1 controls: never valid in a name that ends up on a console or in a report.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
// A UTF-16 surrogate without its pair: valid in JSON text, but not text any store can keep as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

type Json = Record<string, unknown>;

function fail(field: string, message: string): never {
  throw new RewardscopeError("invalid_event", message, field);
}

/**
 * Names a bad value for an error message: `string "abc"`, `null`, `number NaN`, `array`.
 * @example
 * describeValue("abc"); // 'string "abc"'
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  return typeof value;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, field: string): Json {
  if (!isObject(value)) fail(field, `must be an object, got ${describeValue(value)}`);
  return value;
}

function arrayAt(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) fail(field, `must be an array, got ${describeValue(value)}`);
  return value;
}

function nonNegativeInteger(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    fail(field, `must be a non-negative integer, got ${describeValue(value)}`);
  }
  return value;
}

function nonNegativeNumber(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    fail(field, `must be a non-negative finite number, got ${describeValue(value)}`);
  }
  return value;
}

function finiteNumber(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    // JSON has no NaN or Infinity: a serialiser writes them as null or as a string.
    const hint = value === null || typeof value === "string" ? " (NaN and Infinity are not allowed)" : "";
    fail(field, `must be a finite number, got ${describeValue(value)}${hint}`);
  }
  return value;
}

/** A name shown on consoles and in reports: non-empty, no control characters. */
function name(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) {
    fail(field, `must be a non-empty string, got ${describeValue(value)}`);
  }
  if (CONTROL_CHARS.test(value)) fail(field, "must not contain control characters");
  if (LONE_SURROGATE.test(value)) fail(field, "must be well-formed Unicode (it holds a lone surrogate)");
  // Assigning "__proto__" as a key would replace the object's prototype instead of adding a field.
  if (value === "__proto__") fail(field, 'must not be "__proto__"');
  return value;
}

/** A key of `rewards` or `values`: a function or metric name. */
function checkKey(key: string, field: string): void {
  if (key.length === 0) fail(field, "must not have an empty key");
  if (CONTROL_CHARS.test(key)) fail(field, `key ${JSON.stringify(key)} must not contain control characters`);
  if (LONE_SURROGATE.test(key))
    fail(field, `key ${JSON.stringify(key)} must be well-formed Unicode (it holds a lone surrogate)`);
  if (key === "__proto__") fail(field, 'must not have the key "__proto__"');
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") fail(field, `must be a string, got ${describeValue(value)}`);
  return value;
}

function step(raw: Json): number {
  if (raw.step === undefined) fail("step", "is required");
  return nonNegativeInteger(raw.step, "step");
}

function rank(raw: Json): number | undefined {
  return raw.rank === undefined ? undefined : nonNegativeInteger(raw.rank, "rank");
}

function parseRun(raw: Json): RunEvent {
  const event: RunEvent = { type: "run", name: name(raw.name, "name") };
  const project = optionalString(raw.project, "project");
  if (project !== undefined) event.project = project;
  if (raw.rewardFunctions !== undefined) {
    const fns = arrayAt(raw.rewardFunctions, "rewardFunctions");
    for (let i = 0; i < fns.length; i++) name(fns[i], `rewardFunctions[${i}]`);
    event.rewardFunctions = fns as string[];
  }
  if (raw.worldSize !== undefined) {
    const w = raw.worldSize;
    if (typeof w !== "number" || !Number.isInteger(w) || w < 1 || w > MAX_WORLD_SIZE) {
      fail("worldSize", `must be an integer from 1 to ${MAX_WORLD_SIZE}, got ${describeValue(w)}`);
    }
    event.worldSize = w;
  }
  if (raw.config !== undefined) event.config = objectAt(raw.config, "config");
  return event;
}

function checkRewardArray(values: unknown[], field: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || (typeof v === "number" && Number.isFinite(v))) continue;
    fail(`${field}[${i}]`, `must be a finite number or null, got ${describeValue(v)}`);
  }
}

/** Checks an optional per-completion array: its length, then the type of each element. */
function perCompletion(
  raw: Json,
  key: "completions" | "prompts" | "groups" | "lengths" | "truncated" | "advantages",
  n: number,
  nSource: string,
): unknown[] | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  let values = arrayAt(value, key);
  if (values.length !== n) {
    fail(key, `must have one entry per completion: length ${values.length}, but ${nSource} has length ${n}`);
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    switch (key) {
      case "completions":
      case "prompts":
        if (typeof v !== "string") fail(`${key}[${i}]`, `must be a string, got ${describeValue(v)}`);
        // Model output is kept, never refused: a lone surrogate becomes U+FFFD, as a UTF-8 decoder would make it.
        if (LONE_SURROGATE.test(v)) {
          if (values === value) values = [...values];
          values[i] = v.replace(LONE_SURROGATES, "\uFFFD");
        }
        break;
      case "groups":
        nonNegativeInteger(v, `${key}[${i}]`);
        break;
      case "lengths":
        nonNegativeNumber(v, `${key}[${i}]`);
        break;
      case "truncated":
        if (typeof v !== "boolean") fail(`${key}[${i}]`, `must be a boolean, got ${describeValue(v)}`);
        break;
      case "advantages":
        finiteNumber(v, `${key}[${i}]`);
        break;
    }
  }
  return values;
}

function parseRewards(raw: Json): RewardsEvent {
  const event: RewardsEvent = { type: "rewards", step: step(raw), rewards: {} };
  const r = rank(raw);
  if (r !== undefined) event.rank = r;
  const batchId = optionalString(raw.batchId, "batchId");
  if (batchId !== undefined) event.batchId = batchId;
  if (raw.rewards === undefined) fail("rewards", "is required");
  const rewards = objectAt(raw.rewards, "rewards");
  let n = -1;
  let nSource = "";
  for (const fn in rewards) {
    if (!Object.hasOwn(rewards, fn)) continue;
    const field = `rewards.${fn}`;
    checkKey(fn, "rewards");
    const values = arrayAt(rewards[fn], field);
    if (n === -1) {
      n = values.length;
      nSource = field;
    } else if (values.length !== n) {
      fail(
        field,
        `has length ${values.length}, but ${nSource} has length ${n}: all reward arrays must match`,
      );
    }
    checkRewardArray(values, field);
    event.rewards[fn] = values as (number | null)[];
  }
  if (n === -1) fail("rewards", "must hold at least one reward function");
  const completions = perCompletion(raw, "completions", n, nSource);
  if (completions) event.completions = completions as string[];
  const prompts = perCompletion(raw, "prompts", n, nSource);
  if (prompts) event.prompts = prompts as string[];
  const groups = perCompletion(raw, "groups", n, nSource);
  if (groups) event.groups = groups as number[];
  const lengths = perCompletion(raw, "lengths", n, nSource);
  if (lengths) event.lengths = lengths as number[];
  const truncated = perCompletion(raw, "truncated", n, nSource);
  if (truncated) event.truncated = truncated as boolean[];
  const advantages = perCompletion(raw, "advantages", n, nSource);
  if (advantages) event.advantages = advantages as number[];
  return event;
}

function parseMetrics(raw: Json): MetricsEvent {
  const event: MetricsEvent = { type: "metrics", step: step(raw), values: {} };
  const r = rank(raw);
  if (r !== undefined) event.rank = r;
  const batchId = optionalString(raw.batchId, "batchId");
  if (batchId !== undefined) event.batchId = batchId;
  if (raw.values === undefined) fail("values", "is required");
  const values = objectAt(raw.values, "values");
  for (const key in values) {
    if (!Object.hasOwn(values, key)) continue;
    checkKey(key, "values");
    event.values[key] = finiteNumber(values[key], `values.${key}`);
  }
  return event;
}

function parseCalls(raw: Json): CallsEvent {
  const event: CallsEvent = {
    type: "calls",
    step: step(raw),
    fn: name(raw.fn, "fn"),
    calls: nonNegativeInteger(raw.calls, "calls"),
    errors: nonNegativeInteger(raw.errors, "errors"),
    totalMs: nonNegativeNumber(raw.totalMs, "totalMs"),
  };
  if (event.errors > event.calls)
    fail("errors", `must not exceed calls (${event.calls}), got ${event.errors}`);
  const r = rank(raw);
  if (r !== undefined) event.rank = r;
  const batchId = optionalString(raw.batchId, "batchId");
  if (batchId !== undefined) event.batchId = batchId;
  if (raw.maxMs !== undefined) event.maxMs = nonNegativeNumber(raw.maxMs, "maxMs");
  if (raw.nulls !== undefined) event.nulls = nonNegativeInteger(raw.nulls, "nulls");
  return event;
}

function parseRewardStats(raw: Json): RewardStatsEvent {
  const event: RewardStatsEvent = {
    type: "reward_stats",
    step: step(raw),
    fn: name(raw.fn, "fn"),
    mean: finiteNumber(raw.mean, "mean"),
  };
  const r = rank(raw);
  if (r !== undefined) event.rank = r;
  const batchId = optionalString(raw.batchId, "batchId");
  if (batchId !== undefined) event.batchId = batchId;
  if (raw.std !== undefined) event.std = nonNegativeNumber(raw.std, "std");
  if (raw.min !== undefined) event.min = finiteNumber(raw.min, "min");
  if (raw.max !== undefined) event.max = finiteNumber(raw.max, "max");
  if (raw.count !== undefined) event.count = nonNegativeInteger(raw.count, "count");
  // Trainers compute these in float32: a mean may pass its bound by rounding, not by a mistake.
  const slack = (bound: number) => 1e-6 * Math.max(1, Math.abs(bound));
  if (event.min !== undefined && event.mean < event.min - slack(event.min))
    fail("mean", `must not be below min (${event.min}), got ${event.mean}`);
  if (event.max !== undefined && event.mean > event.max + slack(event.max))
    fail("mean", `must not be above max (${event.max}), got ${event.mean}`);
  return event;
}

function parseStepEnd(raw: Json): StepEndEvent {
  const event: StepEndEvent = { type: "step_end", step: step(raw) };
  const r = rank(raw);
  if (r !== undefined) event.rank = r;
  return event;
}

/**
 * Checks one decoded event against the event format and returns it with only the known fields
 * (unknown top-level fields are ignored). Arrays are reused, not copied.
 * @throws RewardscopeError("invalid_event", message, fieldPath), e.g. field "rewards.accuracy[3]".
 * @example
 * const event = parseEvent({ type: "rewards", step: 3, rewards: { accuracy: [1, 0, null] } });
 */
export function parseEvent(raw: unknown): RewardscopeEvent {
  if (!isObject(raw))
    throw new RewardscopeError("invalid_event", `an event must be a JSON object, got ${describeValue(raw)}`);
  switch (raw.type) {
    case "rewards":
      return parseRewards(raw);
    case "reward_stats":
      return parseRewardStats(raw);
    case "metrics":
      return parseMetrics(raw);
    case "calls":
      return parseCalls(raw);
    case "step_end":
      return parseStepEnd(raw);
    case "run":
      return parseRun(raw);
    case undefined:
      return fail("type", "is required");
    default:
      return fail(
        "type",
        `must be one of run, rewards, reward_stats, metrics, calls, step_end; got ${describeValue(raw.type)}`,
      );
  }
}

/**
 * Parses one line of JSONL into an event.
 * @throws RewardscopeError("invalid_event", "invalid JSON: <reason>") or any error of parseEvent.
 * @example
 * parseEventLine('{"type":"metrics","step":1,"values":{"kl":0.03}}');
 */
export function parseEventLine(line: string): RewardscopeEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (error) {
    throw new RewardscopeError("invalid_event", `invalid JSON: ${(error as Error).message}`);
  }
  return parseEvent(raw);
}
