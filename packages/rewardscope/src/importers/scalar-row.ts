import type { RewardAggregate } from "@rewardscope/core";
import type { EventCollector } from "./event-collector.js";

/**
 * `rewards/<name>` keys of TRL's preference trainers (DPO, ORPO, KTO, CPO): implicit rewards of chosen and
 * rejected answers, not reward functions. They stay metrics.
 */
const PREFERENCE_REWARD = /^(chosen|rejected|margins|accuracies)(\b|_|$)/;

const FIELDS = ["mean", "std", "min", "max"] as const;
type Field = (typeof FIELDS)[number];

/** Where a reward function's aggregate sits in a scalar's name, if it is one. */
interface RewardKey {
  fn: string;
  field: Field;
}

/**
 * The name a scalar is kept under: TRL's TensorBoard `train/` prefix dropped and `eval/` spelled `eval_`, so a
 * TensorBoard log and a trainer_state.json of the same run name their series alike.
 */
export function scalarName(key: string): string {
  if (key.startsWith("train/")) return key.slice("train/".length);
  if (key.startsWith("eval/")) return `eval_${key.slice("eval/".length)}`;
  return key;
}

/** TRL's `rewards/<fn>` (older) and `rewards/<fn>/<field>` (newer); verl's `critic/score/<field>`. */
function rewardKey(name: string): RewardKey | null {
  if (name.startsWith("rewards/")) {
    const rest = name.slice("rewards/".length);
    const slash = rest.lastIndexOf("/");
    const field = rest.slice(slash + 1);
    const fn = slash > 0 && (FIELDS as readonly string[]).includes(field) ? rest.slice(0, slash) : rest;
    if (fn.length === 0 || fn.includes("/") || PREFERENCE_REWARD.test(fn)) return null;
    return { fn, field: fn === rest ? "mean" : (field as Field) };
  }
  const verl = /^critic\/score\/(mean|max|min|std)$/.exec(name);
  if (verl) return { fn: "score", field: verl[1] as Field };
  return null;
}

/**
 * A custom loop's reward column, used when a row names no reward function the TRL or verl way: `reward`,
 * `train_reward`, `score`, `reward/mean`... with `<name>_std`, `<name>/std` and the like beside it.
 */
function looseRewardKey(name: string): RewardKey | null {
  if (name.startsWith("eval")) return null;
  const match = /^(.*?(?:^|[_/])(?:reward|score))(?:[_/](mean|std|min|max))?$/.exec(name);
  if (!match) return null;
  return { fn: match[1] as string, field: (match[2] as Field | undefined) ?? "mean" };
}

/**
 * Turns one logged row of scalars (a trainer_state log_history entry, one step of a TensorBoard file, a verl or
 * custom-loop JSONL line, a CSV row) into events: a `reward_stats` event per reward function found, and one
 * `metrics` event with every other finite scalar under its (prefix-normalised) name. Eval rows (`eval_*`) are
 * metrics, so they become their own series and never feed the training detectors.
 * @example
 * scalarRowEvents(10, { "rewards/accuracy/mean": 0.5, "rewards/accuracy/std": 0.2, kl: 0.01 }, out, "log:3");
 */
export function scalarRowEvents(
  step: number,
  row: Record<string, number>,
  out: EventCollector,
  where: string,
): void {
  const named = new Map<string, number>();
  for (const [key, value] of Object.entries(row)) named.set(scalarName(key), value);
  let rewards = collect(named, rewardKey);
  if (rewards.size === 0) rewards = collect(named, looseRewardKey);
  const used = new Set<string>();
  for (const [fn, { aggregate, keys }] of rewards) {
    if (aggregate.mean === undefined) continue;
    for (const key of keys) used.add(key);
    out.add({ type: "reward_stats", step, fn, ...aggregate }, where);
  }
  const values: Record<string, number> = {};
  for (const [name, value] of named) if (!used.has(name) && Number.isFinite(value)) values[name] = value;
  if (Object.keys(values).length > 0) out.add({ type: "metrics", step, values }, where);
}

function collect(
  named: Map<string, number>,
  match: (name: string) => RewardKey | null,
): Map<string, { aggregate: Partial<RewardAggregate>; keys: string[] }> {
  const found = new Map<string, { aggregate: Partial<RewardAggregate>; keys: string[] }>();
  for (const [name, value] of named) {
    const key = match(name);
    if (key === null || !Number.isFinite(value)) continue;
    const entry = found.get(key.fn) ?? { aggregate: {}, keys: [] };
    entry.aggregate[key.field] = value;
    entry.keys.push(name);
    found.set(key.fn, entry);
  }
  return found;
}
