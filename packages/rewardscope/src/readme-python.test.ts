import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "./cli/run-cli.js";

const README = new URL("../../../README.md", import.meta.url);

/** The README's Python helper, exactly as a user would copy it. */
function readmeHelper(): string {
  const blocks = [...readFileSync(README, "utf8").matchAll(/```python\n([\s\S]*?)```/g)].map(
    (m) => m[1] ?? "",
  );
  const helper = blocks.find((b) => b.startsWith("# rewardscope_log.py"));
  if (!helper) throw new Error("README has no rewardscope_log.py block");
  return helper;
}

const DRIVER = `
import sys
sys.path.insert(0, sys.argv[1])
from rewardscope_log import RewardscopeLog

class TrainerState:
    def __init__(self, step):
        self.global_step = step

def format_reward(prompts, completions, **kwargs):
    return [1.0 if "<answer>" in c else 0.0 for c in completions]

def accuracy_reward(prompts, completions, answer, **kwargs):
    return [2.0 if f"<answer>{a}</answer>" in c else 0.0 for c, a in zip(completions, answer)]

def judge(prompts, completions, **kwargs):
    raise TimeoutError("judge API timed out")

log = RewardscopeLog(sys.argv[2], [format_reward, accuracy_reward, judge], run="readme")
for step in range(12):
    prompts = ["What is 2+2?"] * 4 + ["What is 3+3?"] * 4
    answer = ["4"] * 4 + ["6"] * 4
    completions = [f"<think>step {step} try {i}</think><answer>{4 if i % 2 else 5}</answer>" for i in range(8)]
    for fn in log.reward_funcs:
        try:
            fn(prompts=prompts, completions=completions, answer=answer, trainer_state=TrainerState(step))
        except TimeoutError:
            pass
`;

it("the README's Python helper writes events that analyze reads, errors and groups included", async () => {
  const dir = mkdtempSync(join(tmpdir(), "rewardscope-readme-"));
  writeFileSync(join(dir, "rewardscope_log.py"), readmeHelper());
  writeFileSync(join(dir, "driver.py"), DRIVER);
  const events = join(dir, "rewards.jsonl");
  execFileSync("python3", [join(dir, "driver.py"), dir, events]);

  const out = join(dir, "out.json");
  let stderr = "";
  const code = await runCli(["analyze", events, "--json", out, "--quiet"], {
    stdout: () => {},
    stderr: (t) => {
      stderr += t;
    },
  });
  expect(stderr).toBe("");
  expect(code).toBe(0);
  const result = JSON.parse(readFileSync(out, "utf8")) as {
    run: { name: string; rewardFunctions: string[] };
    steps: {
      step: number;
      rewards: Record<string, { batch: { mean: number }; nullCount: number }>;
      groups: { groups: number };
      calls: Record<string, { errors: number }>;
    }[];
    alerts: { type: string; rewardFn?: string }[];
  };
  expect(result.run).toMatchObject({
    name: "readme",
    rewardFunctions: ["format_reward", "accuracy_reward", "judge"],
  });
  expect(result.steps.map((s) => s.step)).toEqual([...Array(12).keys()]);
  const [first] = result.steps;
  expect(first?.rewards.format_reward?.batch.mean).toBe(1);
  expect(first?.rewards.accuracy_reward?.batch.mean).toBe(0.5);
  expect(first?.rewards.judge?.nullCount).toBe(8);
  expect(first?.groups.groups).toBe(2);
  expect(first?.calls.judge?.errors).toBe(1);
  expect(result.alerts.some((a) => a.type === "error_rate" && a.rewardFn === "judge")).toBe(true);
});
