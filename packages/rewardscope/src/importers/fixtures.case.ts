import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildParquet } from "../formats/parquet/parquet-fixture.case.js";
import type { TfEvent } from "../formats/tfevents/index.js";
import { writeTfEvents } from "../formats/tfevents/index.js";

/** Test logs in the shapes trainers write them, made here (no real logs in unit tests). */

/** A reward climbing to its maximum 1 with a vanishing std: saturation and variance collapse. */
export function saturating(step: number): { mean: number; std: number } {
  const p = Math.min(1, 0.3 + step * 0.05);
  return { mean: p, std: Math.sqrt(p * (1 - p)) };
}

/** A TRL trainer_state.json, newer key schema (`rewards/<fn>/mean|std`), with an eval row every 10 steps. */
export function trainerStateNewer(steps: number): Record<string, unknown> {
  const log_history: Record<string, unknown>[] = [];
  for (let step = 1; step <= steps; step++) {
    const acc = saturating(step);
    log_history.push({
      step,
      epoch: step / 100,
      loss: 0.01,
      grad_norm: step === 3 ? Number.NaN : 0.5,
      learning_rate: 1e-6,
      reward: acc.mean,
      reward_std: acc.std,
      "rewards/accuracy/mean": acc.mean,
      "rewards/accuracy/std": acc.std,
      "rewards/format/mean": 0,
      "rewards/format/std": 0,
      frac_reward_zero_std: step > 10 ? 0.8 : 0.1,
      "completions/mean_length": 100 + step,
      "completions/min_length": 20,
      "completions/max_length": 256,
      "completions/clipped_ratio": 0.1,
      kl: 0.01,
      entropy: 1.1,
      "clip_ratio/region_mean": 0,
    });
    if (step % 10 === 0)
      log_history.push({ step, eval_loss: 0.2, eval_reward: 0.5, "eval_rewards/accuracy/mean": 0.5 });
  }
  return { global_step: steps, log_history };
}

/** A TRL trainer_state.json, older key schema (`rewards/<fn>` means only). */
export function trainerStateOlder(steps: number): Record<string, unknown> {
  const log_history: Record<string, unknown>[] = [];
  for (let step = 1; step <= steps; step++)
    log_history.push({
      step,
      loss: 0,
      reward: 0.5,
      reward_std: 0.3,
      "rewards/correctness": step % 2 === 0 ? 1 : 0.5,
      "rewards/strict_format": 0,
      completion_length: 180,
      kl: 0.001,
    });
  return { global_step: steps, log_history };
}

/** A DPO trainer_state.json: its `rewards/chosen`... keys are implicit rewards, not reward functions. */
export function trainerStateDpo(): Record<string, unknown> {
  return {
    global_step: 2,
    log_history: [1, 2].map((step) => ({
      step,
      loss: 0.6,
      "rewards/chosen": 0.1,
      "rewards/rejected": -0.1,
      "rewards/margins": 0.2,
      "rewards/accuracies": 0.7,
      "logps/chosen": -50,
    })),
  };
}

/** Python's json.dumps writes NaN bare. */
export function pythonJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v) => (typeof v === "number" && Number.isNaN(v) ? "__NaN__" : v),
    2,
  ).replace(/"__NaN__"/g, "NaN");
}

/** TRL's TensorBoard events: one record per scalar, `train/` and `eval/` prefixes. */
export function tfEvents(steps: number): TfEvent[] {
  const events: TfEvent[] = [];
  for (let step = 1; step <= steps; step++) {
    const acc = saturating(step);
    const scalars = [
      { tag: "train/rewards/accuracy/mean", value: acc.mean },
      { tag: "train/rewards/accuracy/std", value: acc.std },
      { tag: "train/kl", value: 0.01 },
      { tag: "train/frac_reward_zero_std", value: 0.2 },
    ];
    if (step % 5 === 0) scalars.push({ tag: "eval/reward", value: 0.4 });
    for (const scalar of scalars)
      events.push({ step, wallTime: 1_700_000_000 + step, scalars: [scalar], histograms: [] });
  }
  return events;
}

export function tfEventBytes(steps: number): Uint8Array {
  return writeTfEvents(tfEvents(steps));
}

/** verl's file logger: one `{"step", "data"}` line a step. */
export function verlMetricsJsonl(steps: number): string {
  const lines: string[] = [];
  for (let step = 1; step <= steps; step++)
    lines.push(
      JSON.stringify({
        step,
        data: {
          "critic/score/mean": 0,
          "critic/score/max": 0,
          "critic/score/min": 0,
          "critic/rewards/mean": 0,
          "actor/entropy": 1.2,
          "actor/kl_loss": 0.001,
          "response_length/mean": 300,
          "response_length/clip_ratio": 0.7,
        },
      }),
    );
  return `${lines.join("\n")}\n`;
}

/** A verl rollout dump `<step>.jsonl`: input, output, score per line, groups of two. */
export function verlRolloutJsonl(step: number): string {
  const rows = ["a", "a", "b", "b"].map((input, i) => ({
    input,
    output: `answer ${i}`,
    gts: "x",
    score: i % 2,
    acc: i % 2 === 1,
    step,
  }));
  return `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`;
}

/** A custom loop's flat metrics: `train_reward`, `train_reward_std`, other scalars; an eval-only first row. */
export function flatMetricsJsonl(steps: number): string {
  const lines = [JSON.stringify({ step: 0, eval_reward: 0.5 })];
  for (let step = 1; step <= steps; step++) {
    const r = saturating(step);
    lines.push(
      JSON.stringify({ step, train_reward: r.mean, train_reward_std: r.std, kl: 0.01, lr: 1e-5, note: "x" }),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The same as CSV. */
export function flatMetricsCsv(steps: number): string {
  const lines = ["step,train_reward,train_reward_std,kl,note"];
  for (let step = 1; step <= steps; step++) {
    const r = saturating(step);
    lines.push(`${step},${r.mean},${r.std},0.01,"a, b"`);
  }
  return `${lines.join("\n")}\n`;
}

/** Eval completions with their reward, one prompt each (a samples log). */
export function samplesJsonl(steps: number[]): string {
  const lines: string[] = [];
  for (const step of steps)
    for (let i = 0; i < 4; i++)
      lines.push(
        JSON.stringify({
          step,
          opening: `prompt ${i}`,
          completion: `Absolutely great film ${i}`,
          reward: 0.9,
          n_tokens: 48,
        }),
      );
  return `${lines.join("\n")}\n`;
}

/** A TRL completions parquet file of one step: two prompts, two completions each, two reward functions. */
export function completionsParquet(step: number): Uint8Array {
  return buildParquet([
    { name: "step", type: "int64", values: [step, step, step, step] },
    { name: "prompt", type: "string", values: ["p1", "p1", "p2", "p2"] },
    {
      name: "completion",
      type: "string",
      values: ["<answer>1</answer>", "<answer>2</answer>", "no", "<answer>4</answer>"],
    },
    { name: "accuracy", type: "double", values: [1, 0, 0, 1] },
    { name: "format", type: "double", values: [1, 1, null, 1] },
    { name: "advantage", type: "double", values: [0.7, -0.7, -0.7, 0.7] },
  ]);
}

/** A fresh temporary folder, and its removal. */
export async function tempFolder(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "rewardscope-import-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes a file under `dir` (text or bytes) and returns its path. */
export async function put(dir: string, name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}
