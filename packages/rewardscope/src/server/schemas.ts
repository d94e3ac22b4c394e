import { ALERT_TYPES, SEVERITIES } from "@rewardscope/core";
import type { FastifyInstance } from "fastify";
import { EVENT_SCHEMA } from "./event-schema.js";

// The shared shapes of the API, registered once by $id so that routes say `{ $ref: "RunRecord#" }` and the
// OpenAPI document lists them under components.schemas. They mirror store/store.ts and core's Alert.

const nullable = (type: string) => ({ type: [type, "null"] });

const ErrorBody = {
  $id: "ErrorBody",
  type: "object",
  required: ["error", "message"],
  properties: {
    error: { type: "string", description: "A stable code: invalid_event, not_found, unauthorized..." },
    message: { type: "string" },
    field: { type: "string", description: 'The path of the bad value, e.g. "events[3].rewards.accuracy[2]"' },
    line: { type: "integer", description: "The NDJSON line of the bad event (1-based)" },
  },
} as const;

const RunRecord = {
  $id: "RunRecord",
  type: "object",
  properties: {
    name: { type: "string" },
    project: nullable("string"),
    rewardFunctions: { type: "array", items: { type: "string" } },
    worldSize: { type: "integer" },
    config: { type: "object", additionalProperties: true },
    status: { type: "string", enum: ["running", "finished", "stale"] },
    createdAt: { type: "string" },
    updatedAt: { type: "string" },
    lastStep: nullable("integer"),
    stepCount: { type: "integer" },
    alertCounts: {
      type: "object",
      properties: Object.fromEntries(SEVERITIES.map((s) => [s, { type: "integer" }])),
    },
  },
} as const;

const Alert = {
  $id: "Alert",
  type: "object",
  properties: {
    step: { type: "integer" },
    type: { type: "string", enum: [...ALERT_TYPES] },
    severity: { type: "string", enum: [...SEVERITIES] },
    rewardFn: { type: "string" },
    metric: { type: "string" },
    message: { type: "string" },
    value: nullable("number"),
    threshold: nullable("number"),
    window: { type: "integer" },
    action: { type: "string" },
    evidence: { type: "object", additionalProperties: nullable("number") },
  },
} as const;

const CompletionRecord = {
  $id: "CompletionRecord",
  type: "object",
  properties: {
    step: { type: "integer" },
    index: { type: "integer" },
    prompt: nullable("string"),
    completion: { type: "string" },
    rewards: { type: "object", additionalProperties: nullable("number") },
    total: nullable("number"),
    group: nullable("integer"),
    length: nullable("number"),
    truncated: nullable("boolean"),
    advantage: nullable("number"),
    flags: { type: "array", items: { type: "string" } },
  },
} as const;

const SeriesPoints = {
  $id: "SeriesPoints",
  type: "object",
  properties: {
    name: { type: "string" },
    steps: { type: "array", items: { type: "integer" } },
    values: { type: "array", items: nullable("number") },
  },
} as const;

const IngestResult = {
  $id: "IngestResult",
  type: "object",
  properties: {
    run: { type: "string" },
    duplicate: { type: "boolean", description: "The batch id was seen before: nothing was stored again" },
    accepted: { type: "integer" },
    ack: {
      type: "string",
      enum: ["durable", "analysed"],
      description: "What the answer waited for: the batch durable, or its steps analysed and saved too",
    },
    analysedSteps: {
      type: "array",
      items: { type: "integer" },
      description: "Steps this batch completed and that are analysed (empty when ack is durable)",
    },
  },
} as const;

const StepReport = {
  $id: "StepReport",
  type: "object",
  description: "What the Monitor says about one step (core's StepReport); non-finite numbers are null",
  additionalProperties: true,
  properties: {
    step: { type: "integer" },
    count: { type: "integer" },
    alerts: { type: "array", items: { $ref: "Alert#" } },
  },
} as const;

/** The error responses every route may give. */
export const ERROR_RESPONSES = {
  400: { $ref: "ErrorBody#" },
  401: { $ref: "ErrorBody#" },
  404: { $ref: "ErrorBody#" },
  429: { $ref: "ErrorBody#" },
} as const;

/** The path parameter of every run route: a run name as the event format allows it. */
export const RUN_PARAMS = {
  type: "object",
  required: ["run"],
  properties: {
    run: {
      type: "string",
      minLength: 1,
      maxLength: 512,
      pattern: "^(?!__proto__$)[^\\u0000-\\u001f\\u007f-\\u009f]+$",
    },
  },
} as const;

/** A comma-separated list whose items are all among `values`: "high,critical". */
export function csvOf(
  values: readonly string[],
  description: string,
): { type: "string"; pattern: string; description: string } {
  const one = `(${values.join("|")})`;
  return { type: "string", pattern: `^${one}(,${one})*$`, description };
}

/**
 * Registers the shared schemas by $id.
 * @example
 * addSchemas(app); // then { $ref: "RunRecord#" } in a route's schema
 */
export function addSchemas(app: FastifyInstance): void {
  for (const schema of [
    ErrorBody,
    RunRecord,
    Alert,
    CompletionRecord,
    SeriesPoints,
    IngestResult,
    StepReport,
    EVENT_SCHEMA,
  ]) {
    app.addSchema(schema);
  }
}
