import { type HostileRequest, lines, postEvents } from "./hostile-request.case.js";
import type { Draw } from "./seeded-random.case.js";

/** The run every hostile batch is posted to: refused batches must never create it. */
export const HOSTILE_RUN = "hostile-target";

/** A bad event (decoded, or a raw NDJSON line) and the field, below `events[k]`, its error must name. */
interface BadEvent {
  kind: string;
  event: unknown;
  /** "" when the error names the event itself (`events[k]`). */
  field: string;
}

function rewards(draw: Draw, n = draw.int(1, 6)): Record<string, unknown> {
  return {
    type: "rewards",
    step: draw.int(0, 1000),
    rewards: {
      format: Array.from({ length: n }, () => draw.int(0, 1)),
      accuracy: Array.from({ length: n }, () => draw.random()),
    },
    completions: Array.from({ length: n }, () => draw.word()),
  };
}

function withField(event: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  return { ...event, [key]: value };
}

const NOT_INTEGERS = [-1, 1.5, "3", null, true, [], {}, 2 ** 53, 1e300, -0.5];
const NOT_FINITE_JSON = ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"];
const NOT_NUMBERS = ["1", true, {}, [], "NaN", "Infinity"];
const BAD_TYPES = ["reward", "REWARDS", "", 5, null, "rewards ", "metric", "__proto__", "constructor"];
const NAMES_WITH_CONTROLS = ["a\u0000b", "a\nb", "\u007f", "x\u009by", "\u001b[31mred"];

/** Bad events by kind: each draws one, with the field its error must name. */
const BAD_EVENTS: ((draw: Draw) => BadEvent)[] = [
  (d) => ({
    kind: "step not an integer",
    event: withField(rewards(d), "step", d.pick(NOT_INTEGERS)),
    field: "step",
  }),
  (_d) => ({ kind: "step missing", event: { type: "step_end" }, field: "step" }),
  (d) => ({
    kind: "rank not an integer",
    event: withField(rewards(d), "rank", d.pick(NOT_INTEGERS)),
    field: "rank",
  }),
  (d) => ({
    kind: "rewards not an object",
    event: withField(rewards(d), "rewards", d.pick([[], "x", null, 5])),
    field: "rewards",
  }),
  (d) => ({ kind: "rewards empty", event: withField(rewards(d), "rewards", {}), field: "rewards" }),
  (d) => ({
    kind: "reward array not an array",
    event: withField(rewards(d), "rewards", { format: d.pick(["x", {}, null, 1]) }),
    field: "rewards.format",
  }),
  (d) => {
    const n = d.int(1, 8);
    const j = d.int(0, n - 1);
    const values: unknown[] = Array.from({ length: n }, () => 1);
    values[j] = d.pick(NOT_NUMBERS);
    return {
      kind: "reward not a number",
      event: withField(rewards(d, n), "rewards", { accuracy: values }),
      field: `rewards.accuracy[${j}]`,
    };
  },
  (d) => {
    const n = d.int(2, 8);
    return {
      kind: "reward arrays of different lengths",
      event: withField(rewards(d, n), "rewards", {
        format: Array(n).fill(1),
        accuracy: Array(n - 1).fill(0),
      }),
      field: "rewards.accuracy",
    };
  },
  (d) => {
    const n = d.int(1, 5);
    const j = d.int(0, n - 1);
    const literal = d.pick(NOT_FINITE_JSON);
    const values = Array.from({ length: n }, (_, i) => (i === j ? literal : "0.5")).join(",");
    // NaN and Infinity are not JSON: as literals the line does not parse; 1e999 parses to Infinity.
    const parses = literal.includes("e999");
    return {
      kind: `reward ${literal} literal`,
      event: `{"type":"rewards","step":1,"rewards":{"accuracy":[${values}]}}`,
      field: parses ? `rewards.accuracy[${j}]` : "",
    };
  },
  (d) => {
    const [value, field] = d.pick<[unknown, string]>([
      [["a", 5], "completions[1]"],
      ["ab", "completions"],
      [[null, "x"], "completions[0]"],
      [["a", ["b"]], "completions[1]"],
    ]);
    return { kind: "completions not strings", event: withField(rewards(d, 2), "completions", value), field };
  },
  (d) => ({
    kind: "completions of another length",
    event: withField(rewards(d, 3), "completions", ["a"]),
    field: "completions",
  }),
  (d) => ({
    kind: "group not an integer",
    event: withField(rewards(d, 2), "groups", [0, d.pick([-1, 1.5, "a", null])]),
    field: "groups[1]",
  }),
  (d) => ({
    kind: "length negative",
    event: withField(rewards(d, 2), "lengths", [d.pick([-3, "x", null]), 1]),
    field: "lengths[0]",
  }),
  (d) => ({
    kind: "truncated not boolean",
    event: withField(rewards(d, 2), "truncated", [true, d.pick(["yes", 1, null])]),
    field: "truncated[1]",
  }),
  (d) => ({
    kind: "advantage not finite",
    event: withField(rewards(d, 2), "advantages", [d.pick(["NaN", null, "1"]), 0]),
    field: "advantages[0]",
  }),
  (d) => ({
    kind: "batchId not a string",
    event: withField(rewards(d), "batchId", d.pick([5, {}, [], true])),
    field: "batchId",
  }),
  (d) => ({ kind: "metrics values missing", event: { type: "metrics", step: d.int(0, 9) }, field: "values" }),
  (d) => ({
    kind: "metric not finite",
    event: { type: "metrics", step: 1, values: { loss: 0.1, kl: d.pick(["NaN", null, "Infinity", {}, []]) } },
    field: "values.kl",
  }),
  (_d) => ({
    kind: "calls fn empty",
    event: { type: "calls", step: 1, fn: "", calls: 1, errors: 0, totalMs: 1 },
    field: "fn",
  }),
  (d) => ({
    kind: "calls errors above calls",
    event: { type: "calls", step: 1, fn: "f", calls: d.int(0, 5), errors: 9, totalMs: 1 },
    field: "errors",
  }),
  (d) => ({
    kind: "calls totalMs negative",
    event: { type: "calls", step: 1, fn: "f", calls: 1, errors: 0, totalMs: d.pick([-1, "x", null]) },
    field: "totalMs",
  }),
  (d) => ({
    kind: "run worldSize out of range",
    event: { type: "run", name: HOSTILE_RUN, worldSize: d.pick([0, 5000, "2", 1.5, -1]) },
    field: "worldSize",
  }),
  (d) => ({
    kind: "run names another run",
    event: { type: "run", name: `${HOSTILE_RUN}-${d.word()}` },
    field: "name",
  }),
  (d) => ({
    kind: "run functions not names",
    event: { type: "run", name: HOSTILE_RUN, rewardFunctions: ["a", d.pick([3, "", null])] },
    field: "rewardFunctions[1]",
  }),
  (d) => ({
    kind: "run config not an object",
    event: { type: "run", name: HOSTILE_RUN, config: d.pick([[], "x", 5]) },
    field: "config",
  }),
  (d) => ({
    kind: "unknown event type",
    event: withField(rewards(d), "type", d.pick(BAD_TYPES)),
    field: "type",
  }),
  (d) => ({ kind: "event type missing", event: { step: d.int(0, 5), rewards: { a: [1] } }, field: "type" }),
  (d) => ({
    kind: "event not an object",
    event: d.pick(["5", '"rewards"', "null", "[]", "[{}]", "true"]),
    field: "",
  }),
  (d) => ({
    kind: "function name with control characters",
    event: withField(rewards(d, 1), "rewards", { [d.pick(NAMES_WITH_CONTROLS)]: [1] }),
    field: "rewards",
  }),
  (d) => {
    const [event, field] = d.pick<[unknown, string]>([
      [{ type: "rewards", step: 1, rewards: { "acc\ud800": [1] } }, "rewards"],
      [{ type: "metrics", step: 1, values: { "\udfffkl": 1 } }, "values"],
      [{ type: "calls", step: 1, fn: "f\ud83d", calls: 1, errors: 0, totalMs: 1 }, "fn"],
      [{ type: "run", name: HOSTILE_RUN, rewardFunctions: ["\udc00"] }, "rewardFunctions[0]"],
    ]);
    return { kind: "name with a lone surrogate", event, field };
  },
  (_d) => ({
    kind: "function named __proto__",
    event: '{"type":"rewards","step":1,"rewards":{"__proto__":[1]}}',
    field: "rewards",
  }),
  (d) => ({
    kind: "metric named __proto__",
    event: `{"type":"metrics","step":${d.int(0, 9)},"values":{"__proto__":1}}`,
    field: "values",
  }),
  (d) => ({
    kind: "broken JSON",
    event: d.pick([
      '{"type":"rewards","step":1,',
      "{'type':'metrics'}",
      '{"type":"metrics" "step":1}',
      "{",
      "]",
      '"unterminated',
      "undefined",
      '{"a":1}}',
      '{"type":"step_end","step":01}',
      '{"type":"step_end","step":1,}',
      "\u0000\u0001\u0002",
      "ÿþ{}",
    ]),
    field: "",
  }),
  (d) => {
    const depth = d.pick([64, 1000, 20_000, 200_000]);
    return {
      kind: "deep nesting in a reward",
      event: `{"type":"rewards","step":1,"rewards":{"a":[${"[".repeat(depth)}${"]".repeat(depth)}]}}`,
      field: "rewards.a[0]",
    };
  },
  (d) => {
    const depth = d.pick([1000, 20_000, 200_000]);
    return {
      kind: "deep nesting in a run's config",
      event: `{"type":"run","name":"${HOSTILE_RUN}","config":{"a":${"[".repeat(depth)}${"]".repeat(depth)}}}`,
      field: "config",
    };
  },
];

/**
 * A batch of 0-3 good events, one bad event, then maybe more good ones, as NDJSON (naming the line) or as a JSON
 * array: the whole batch is refused with 400 naming `events[k].<field>`.
 */
export function badEventRequest(draw: Draw): HostileRequest {
  const bad = draw.pick(BAD_EVENTS)(draw);
  const before = Array.from({ length: draw.int(0, 3) }, () => rewards(draw));
  const after = Array.from({ length: draw.int(0, 2) }, () => rewards(draw));
  const k = before.length;
  const field = bad.field === "" ? `events[${k}]` : `events[${k}].${bad.field}`;
  const raw = typeof bad.event === "string";
  if (raw || draw.random() < 0.6) {
    return postEvents(
      `bad event (NDJSON): ${bad.kind}`,
      HOSTILE_RUN,
      lines([...before, bad.event, ...after]),
      { status: 400, error: "invalid_event", field, line: k + 1 },
    );
  }
  return postEvents(
    `bad event (JSON array): ${bad.kind}`,
    HOSTILE_RUN,
    JSON.stringify([...before, bad.event, ...after]),
    { status: 400, error: "invalid_event", field },
    "application/json",
  );
}

/** Huge arrays: reward arrays of 100,000-300,000 values whose last value or length is wrong. */
export function hugeArrayRequest(draw: Draw): HostileRequest {
  const n = draw.int(100_000, 300_000);
  const good = `[${"1,".repeat(n - 1)}1]`;
  if (draw.random() < 0.5) {
    const body = `{"type":"rewards","step":1,"rewards":{"a":${good},"b":[${"0,".repeat(n - 2)}0]}}\n`;
    return postEvents("huge arrays of different lengths", HOSTILE_RUN, body, {
      status: 400,
      error: "invalid_event",
      field: "events[0].rewards.b",
    });
  }
  const body = `{"type":"rewards","step":1,"rewards":{"a":[${"1,".repeat(n - 1)}"x"]}}\n`;
  return postEvents("huge array with a bad last value", HOSTILE_RUN, body, {
    status: 400,
    error: "invalid_event",
    field: `events[0].rewards.a[${n - 1}]`,
  });
}

/** Batches that break the rules of a batch: no events, or two batch ids. */
export function badBatchRequest(draw: Draw): HostileRequest {
  if (draw.random() < 0.5) {
    const json = draw.random() < 0.5;
    return postEvents(
      "empty batch",
      HOSTILE_RUN,
      json ? draw.pick(["[]", ""]) : draw.pick(["", "\n\n", "   \n", "\ufeff"]),
      { status: 400, error: "invalid_event", field: "events" },
      json ? "application/json" : "application/x-ndjson",
    );
  }
  const first = { ...rewards(draw), batchId: "one" };
  const second = { ...rewards(draw), batchId: "two" };
  return postEvents("two batch ids in one batch", HOSTILE_RUN, lines([first, second]), {
    status: 400,
    error: "invalid_event",
    field: "events[1].batchId",
  });
}
