import type { RewardscopeEvent } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { EventCollector } from "./event-collector.js";
import { scalarName, scalarRowEvents } from "./scalar-row.js";

function eventsOf(row: Record<string, number>, step = 5): RewardscopeEvent[] {
  const out = new EventCollector();
  scalarRowEvents(step, row, out, "log:1");
  expect(out.problems).toEqual([]);
  return out.events;
}

const statsOf = (events: RewardscopeEvent[]) => events.filter((e) => e.type === "reward_stats");
const metricsOf = (events: RewardscopeEvent[]) => events.find((e) => e.type === "metrics")?.values ?? {};

describe("scalarRowEvents", () => {
  it("reads TRL's newer schema: rewards/<fn>/mean|std", () => {
    const events = eventsOf({ "rewards/acc/mean": 0.5, "rewards/acc/std": 0.1, reward: 0.5, kl: 0.02 });
    expect(statsOf(events)).toEqual([{ type: "reward_stats", step: 5, fn: "acc", mean: 0.5, std: 0.1 }]);
    expect(metricsOf(events)).toEqual({ reward: 0.5, kl: 0.02 });
  });

  it("reads TRL's older schema: rewards/<fn> is the mean", () => {
    const events = eventsOf({ "rewards/xmlcount_reward_func": -0.1, completion_length: 200 });
    expect(statsOf(events)).toEqual([
      { type: "reward_stats", step: 5, fn: "xmlcount_reward_func", mean: -0.1 },
    ]);
    expect(metricsOf(events)).toEqual({ completion_length: 200 });
  });

  it("keeps DPO and ORPO implicit rewards as metrics, not reward functions", () => {
    const events = eventsOf({
      "rewards/chosen": 0.1,
      "rewards/rejected": -0.2,
      "rewards/margins": 0.3,
      "rewards/accuracies": 0.8,
    });
    expect(statsOf(events)).toEqual([]);
    expect(Object.keys(metricsOf(events))).toHaveLength(4);
  });

  it("keeps eval_ rows as their own series, never reward functions", () => {
    const events = eventsOf({ "eval_rewards/acc/mean": 0.4, eval_reward: 0.4, eval_loss: 1 });
    expect(statsOf(events)).toEqual([]);
    expect(metricsOf(events)).toEqual({ "eval_rewards/acc/mean": 0.4, eval_reward: 0.4, eval_loss: 1 });
  });

  it("maps TensorBoard's train/ and eval/ prefixes like trainer_state names", () => {
    expect(scalarName("train/rewards/acc/mean")).toBe("rewards/acc/mean");
    expect(scalarName("eval/reward")).toBe("eval_reward");
    const events = eventsOf({ "train/rewards/acc/mean": 1, "train/kl": 0.1, "eval/reward": 0.3 });
    expect(statsOf(events)).toHaveLength(1);
    expect(metricsOf(events)).toEqual({ kl: 0.1, eval_reward: 0.3 });
  });

  it("reads verl's critic/score as the function 'score'", () => {
    const events = eventsOf({
      "critic/score/mean": 0.2,
      "critic/score/max": 1,
      "critic/score/min": 0,
      "actor/entropy": 1,
    });
    expect(statsOf(events)).toEqual([
      { type: "reward_stats", step: 5, fn: "score", mean: 0.2, max: 1, min: 0 },
    ]);
  });

  it("finds a custom loop's reward column when nothing else names a function", () => {
    const events = eventsOf({
      train_reward: 0.7,
      train_reward_std: 0.2,
      train_reward_used: 0.6,
      eval_reward: 0.5,
    });
    expect(statsOf(events)).toEqual([
      { type: "reward_stats", step: 5, fn: "train_reward", mean: 0.7, std: 0.2 },
    ]);
    expect(metricsOf(events)).toEqual({ train_reward_used: 0.6, eval_reward: 0.5 });
    // OpenRLHF's TensorBoard: train/reward.
    expect(statsOf(eventsOf({ "train/reward": 1 }))[0]).toMatchObject({ fn: "reward", mean: 1 });
  });

  it("leaves non-finite values out and reports an impossible aggregate with its field", () => {
    expect(metricsOf(eventsOf({ grad_norm: Number.NaN, loss: 1 }))).toEqual({ loss: 1 });
    const out = new EventCollector();
    scalarRowEvents(
      2,
      { "rewards/a/mean": 1, "rewards/a/std": -1 },
      out,
      "trainer_state.json: log_history[1]",
    );
    expect(out.problems).toEqual([
      "trainer_state.json: log_history[1]: std: must be a non-negative finite number, got number -1",
    ]);
  });
});
