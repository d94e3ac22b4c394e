import { EventCollector } from "./event-collector.js";
import type { ImportOutput, LogFormat } from "./log-format.js";

/** One row of a completions log and where it came from (`FILE:LINE`). */
export interface CompletionRow {
  row: Record<string, unknown>;
  where: string;
}

const COMPLETION_KEYS = ["completion", "output", "response"];
const PROMPT_KEYS = ["prompt", "input", "opening", "query", "question"];
const LENGTH_KEYS = ["n_tokens", "length", "completion_length", "response_length"];
const REWARD_NAME = /reward|score|^acc(uracy)?$/i;

/** Whether a decoded JSONL row is a completion with its reward (a verl rollout dump line, a samples line). */
export function isCompletionRow(row: Record<string, unknown>): boolean {
  return COMPLETION_KEYS.some((k) => typeof row[k] === "string" || isConversation(row[k]));
}

function isConversation(value: unknown): value is { content?: unknown }[] {
  return Array.isArray(value) && value.every((m) => typeof m === "object" && m !== null && "content" in m);
}

/** TRL passes conversational completions as lists of {role, content} messages. */
function text(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (isConversation(value))
    return value.map((m) => (typeof m.content === "string" ? m.content : "")).join("\n");
  return null;
}

function firstText(row: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = text(row[key]);
    if (value !== null) return value;
  }
  return null;
}

function number(value: unknown): number | null {
  if (typeof value === "boolean") return value ? 1 : 0;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The reward values of a row: its `rewards` object (TRL), then every field named like a reward or a score. */
function rewardsOf(row: Record<string, unknown>): Map<string, number | null> {
  const found = new Map<string, number | null>();
  const nested = row.rewards;
  if (typeof nested === "object" && nested !== null && !Array.isArray(nested))
    for (const [fn, value] of Object.entries(nested)) found.set(fn, number(value));
  for (const [key, value] of Object.entries(row)) {
    if (key === "rewards" || !REWARD_NAME.test(key)) continue;
    if (typeof value === "number" || typeof value === "boolean" || value === null)
      found.set(key, number(value));
  }
  return found;
}

interface StepRows {
  fns: Set<string>;
  rows: {
    rewards: Map<string, number | null>;
    completion: string;
    prompt: string | null;
    length: number | null;
    advantage: number | null;
  }[];
  where: string;
}

/**
 * Turns completion rows into one `rewards` event per step: completions, prompts, one array per reward function
 * (a function a row lacks is null there), lengths and advantages when every row has them, and GRPO groups from
 * runs of equal prompts (the completions of one prompt are logged together; none when no prompt repeats). A row's step is its `step` field,
 * else `defaultStep` (a verl rollout dump is named after its step). Rows without a completion or any reward are
 * reported and skipped.
 * @example
 * completionRowsToEvents([{ row: { step: 1, prompt: "p", completion: "c", reward: 1 }, where: "s.jsonl:1" }], "completion-rows");
 */
export function completionRowsToEvents(
  rows: Iterable<CompletionRow>,
  format: LogFormat,
  defaultStep?: number,
): ImportOutput {
  const out = new EventCollector();
  const steps = new Map<number, StepRows>();
  for (const { row, where } of rows) {
    const step = row.step ?? defaultStep;
    if (typeof step !== "number" || !Number.isSafeInteger(step) || step < 0) {
      out.problem(where, `step: must be a non-negative integer, got ${JSON.stringify(step) ?? "nothing"}`);
      continue;
    }
    const completion = firstText(row, COMPLETION_KEYS);
    if (completion === null) {
      out.problem(where, `${COMPLETION_KEYS.join(" or ")}: a completion text is required`);
      continue;
    }
    const rewards = rewardsOf(row);
    if (rewards.size === 0) {
      out.problem(where, "rewards: no reward or score field");
      continue;
    }
    const entry = steps.get(step) ?? { fns: new Set<string>(), rows: [], where };
    for (const fn of rewards.keys()) entry.fns.add(fn);
    const lengthKey = LENGTH_KEYS.find((k) => row[k] !== undefined);
    entry.rows.push({
      rewards,
      completion,
      prompt: firstText(row, PROMPT_KEYS),
      length: lengthKey === undefined ? null : number(row[lengthKey]),
      advantage: number(row.advantage),
    });
    steps.set(step, entry);
  }
  for (const step of [...steps.keys()].sort((a, b) => a - b)) {
    const { fns, rows: stepRows, where } = steps.get(step) as StepRows;
    const rewards: Record<string, (number | null)[]> = {};
    for (const fn of fns) rewards[fn] = stepRows.map((r) => r.rewards.get(fn) ?? null);
    const event: Record<string, unknown> = {
      type: "rewards",
      step,
      rewards,
      completions: stepRows.map((r) => r.completion),
    };
    const prompts = stepRows.map((r) => r.prompt);
    if (prompts.every((p) => p !== null)) {
      event.prompts = prompts;
      const groups = groupsOf(prompts as string[]);
      // One completion per prompt (an eval set) is no GRPO group: every "group" would have zero std.
      if (groups.length > 0 && (groups.at(-1) as number) + 1 < groups.length) event.groups = groups;
    }
    const lengths = stepRows.map((r) => r.length);
    if (lengths.every((l) => l !== null && l >= 0)) event.lengths = lengths;
    const advantages = stepRows.map((r) => r.advantage);
    if (advantages.every((a) => a !== null)) event.advantages = advantages;
    out.add(event, where);
  }
  return { format, events: out.events, problems: out.problems };
}

/** Group ids from runs of equal prompts: 0, 0, 1, 1, 1, 2... */
function groupsOf(prompts: readonly string[]): number[] {
  const groups: number[] = [];
  for (let i = 0; i < prompts.length; i++)
    groups.push(i === 0 ? 0 : (groups[i - 1] as number) + (prompts[i] === prompts[i - 1] ? 0 : 1));
  return groups;
}
