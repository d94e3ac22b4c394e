// The event format as JSON Schema, for the OpenAPI document and for clients that validate before sending.
// Ingestion itself validates with core's parseEvent (precise field paths); event-schema.test.ts checks that the
// two agree on valid and malformed events.

const finite = { type: "number" } as const;
const nonNegativeInteger = { type: "integer", minimum: 0 } as const;
const name = { type: "string", minLength: 1, maxLength: 200 } as const;
const common = {
  step: nonNegativeInteger,
  rank: nonNegativeInteger,
  batchId: { type: "string", minLength: 1 },
};

const RunEvent = {
  type: "object",
  required: ["type", "name"],
  properties: {
    type: { const: "run" },
    name,
    project: { type: "string" },
    rewardFunctions: { type: "array", items: name },
    worldSize: { type: "integer", minimum: 1, maximum: 4096 },
    config: { type: "object" },
  },
} as const;

const RewardsEvent = {
  type: "object",
  required: ["type", "step", "rewards"],
  description: "Every array has the same length n (one entry per completion).",
  properties: {
    type: { const: "rewards" },
    ...common,
    rewards: {
      type: "object",
      minProperties: 1,
      additionalProperties: { type: "array", items: { anyOf: [finite, { type: "null" }] } },
    },
    completions: { type: "array", items: { type: "string" } },
    prompts: { type: "array", items: { type: "string" } },
    groups: { type: "array", items: nonNegativeInteger },
    lengths: { type: "array", items: { type: "number", minimum: 0 } },
    truncated: { type: "array", items: { type: "boolean" } },
    advantages: { type: "array", items: finite },
  },
} as const;

const RewardStatsEvent = {
  type: "object",
  required: ["type", "step", "fn", "mean"],
  description: "Per-step aggregates of one reward function, for logs without per-completion values.",
  properties: {
    type: { const: "reward_stats" },
    ...common,
    fn: name,
    mean: finite,
    std: { type: "number", minimum: 0 },
    min: finite,
    max: finite,
    count: nonNegativeInteger,
  },
} as const;

const MetricsEvent = {
  type: "object",
  required: ["type", "step", "values"],
  properties: {
    type: { const: "metrics" },
    ...common,
    values: { type: "object", additionalProperties: finite },
  },
} as const;

const CallsEvent = {
  type: "object",
  required: ["type", "step", "fn", "calls", "errors", "totalMs"],
  properties: {
    type: { const: "calls" },
    ...common,
    fn: name,
    calls: nonNegativeInteger,
    errors: nonNegativeInteger,
    totalMs: { type: "number", minimum: 0 },
    maxMs: { type: "number", minimum: 0 },
    nulls: nonNegativeInteger,
  },
} as const;

const StepEndEvent = {
  type: "object",
  required: ["type", "step"],
  properties: { type: { const: "step_end" }, step: nonNegativeInteger, rank: nonNegativeInteger },
} as const;

/** One event of the event format (ARCHITECTURE.md), registered as `Event#`. */
export const EVENT_SCHEMA = {
  $id: "Event",
  description: "One event of the rewardscope event format",
  oneOf: [RunEvent, RewardsEvent, RewardStatsEvent, MetricsEvent, CallsEvent, StepEndEvent],
} as const;
