import { RewardscopeError } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { buildParquet, type FixtureColumn } from "./parquet-fixture.case.js";
import { readTrlCompletionsParquet } from "./trl-completions.js";

/** A completions file as TRL's GRPO trainer writes it: two reward functions, one None (NaN) reward. */
const trlColumns: FixtureColumn[] = [
  { name: "step", type: "int64", values: [10, 10, 10] },
  { name: "prompt", type: "string", values: ["2+2?", "2+2?", "3+3?"] },
  { name: "completion", type: "string", values: ["<answer>4</answer>", "5", "<answer>6</answer>"] },
  { name: "format_reward", type: "double", values: [1, 0, 1] },
  { name: "accuracy_reward", type: "double", values: [1, 0, Number.NaN] },
  { name: "advantage", type: "double", values: [0.7, -0.7, 0] },
];

const expected = [
  {
    step: 10,
    prompt: "2+2?",
    completion: "<answer>4</answer>",
    rewards: { format_reward: 1, accuracy_reward: 1 },
    advantage: 0.7,
  },
  {
    step: 10,
    prompt: "2+2?",
    completion: "5",
    rewards: { format_reward: 0, accuracy_reward: 0 },
    advantage: -0.7,
  },
  {
    step: 10,
    prompt: "3+3?",
    completion: "<answer>6</answer>",
    rewards: { format_reward: 1, accuracy_reward: null },
    advantage: 0,
  },
];

async function rejection(promise: Promise<unknown>): Promise<RewardscopeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RewardscopeError);
  return error as RewardscopeError;
}

describe("readTrlCompletionsParquet", () => {
  it("reads step, prompt, completion, one reward per function column and the advantage", async () => {
    expect(await readTrlCompletionsParquet(buildParquet(trlColumns))).toEqual(expected);
  });

  it("reads snappy- and gzip-compressed pages, from a Uint8Array view or an ArrayBuffer", async () => {
    expect(await readTrlCompletionsParquet(buildParquet(trlColumns, { codec: "snappy" }))).toEqual(expected);
    const bytes = buildParquet(trlColumns, { codec: "gzip" });
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 8);
    expect(await readTrlCompletionsParquet(padded.subarray(8))).toEqual(expected);
    expect(await readTrlCompletionsParquet(bytes.slice().buffer)).toEqual(expected);
  });

  it("reads newer files: a text step, a mode column, conversational prompts and completions, null prompts", async () => {
    const bytes = buildParquet([
      { name: "mode", type: "string", values: ["train", "train"] },
      { name: "step", type: "string", values: ["7", "7"] },
      {
        name: "prompt",
        type: "messages",
        values: [
          [
            { role: "system", content: "Think first." },
            { role: "user", content: "2+2?" },
          ],
          null,
        ],
      },
      { name: "completion", type: "messages", values: [[{ role: "assistant", content: "4" }], []] },
      { name: "len_penalty", type: "int32", values: [-3, 2] },
      { name: "advantage", type: "float", values: [0.5, null] },
    ]);
    expect(await readTrlCompletionsParquet(bytes)).toEqual([
      {
        step: 7,
        prompt: "Think first.\n2+2?",
        completion: "4",
        rewards: { len_penalty: -3 },
        advantage: 0.5,
      },
      { step: 7, prompt: null, completion: "", rewards: { len_penalty: 2 }, advantage: null },
    ]);
  });

  it("takes only numeric columns as rewards and tolerates missing prompt and advantage columns", async () => {
    const bytes = buildParquet([
      { name: "step", type: "int32", values: [1] },
      { name: "completion", type: "string", values: ["x"] },
      { name: "note", type: "string", values: ["not a reward"] },
      { name: "__index_level_0__", type: "int64", values: [0] },
      { name: "score", type: "float", values: [0.25] },
    ]);
    expect(await readTrlCompletionsParquet(bytes)).toEqual([
      { step: 1, prompt: null, completion: "x", rewards: { score: 0.25 }, advantage: null },
    ]);
  });

  it("names a missing column and lists the ones present", async () => {
    const bytes = buildParquet([{ name: "completion", type: "string", values: ["x"] }]);
    const error = await rejection(readTrlCompletionsParquet(bytes));
    expect(error.field).toBe("step");
    expect(error.message).toBe("step: column is missing (the file has: completion)");
  });

  it("names the column and row of a bad value", async () => {
    const badStep = buildParquet([
      { name: "step", type: "string", values: ["1", "one"] },
      { name: "completion", type: "string", values: ["a", "b"] },
    ]);
    expect((await rejection(readTrlCompletionsParquet(badStep))).message).toBe(
      'step[1]: must be a non-negative integer, got string "one"',
    );
    const nullCompletion = buildParquet([
      { name: "step", type: "int64", values: [1, 1] },
      { name: "completion", type: "string", values: ["a", null] },
    ]);
    expect((await rejection(readTrlCompletionsParquet(nullCompletion))).message).toBe(
      "completion[1]: must be text or a list of {role, content} messages, got null",
    );
    const badAdvantage = buildParquet([
      { name: "step", type: "int64", values: [1] },
      { name: "completion", type: "string", values: ["a"] },
      { name: "advantage", type: "string", values: ["high"] },
    ]);
    expect((await rejection(readTrlCompletionsParquet(badAdvantage))).message).toBe(
      'advantage[0]: must be a number or null, got string "high"',
    );
  });

  it("says when the bytes are not parquet, or a column cannot be decoded", async () => {
    const notParquet = await rejection(
      readTrlCompletionsParquet(new TextEncoder().encode("step,completion\n1,x\n")),
    );
    expect(notParquet.message).toMatch(/^not a readable parquet file: /);
    const bytes = buildParquet(trlColumns);
    const truncatedPage = bytes.slice();
    truncatedPage.fill(0xff, 4, 40); // the first column's page header
    const broken = await rejection(readTrlCompletionsParquet(truncatedPage));
    expect(broken.field).toBe("step");
    expect(broken.message).toMatch(/^step: cannot decode the column: /);
  });
});
