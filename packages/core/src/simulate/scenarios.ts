/**
 * The scenarios of the simulator: a healthy run and one run per pathology.
 *
 * Every pathology begins at `onset` (default floor(steps / 2); stagnation: 0). Before it, a scenario's
 * events are identical to the healthy run of the same seed and options. "Ramps" means the affected
 * share grows linearly from 0 to its full value over max(1, min(25, round(steps / 50))) steps.
 *
 * | scenario          | target fn       | shape after onset                                                        |
 * |-------------------|-----------------|--------------------------------------------------------------------------|
 * | healthy           |                 | logistic learning curve over the first third (at most 200 steps), then a noisy plateau |
 * | flatline          | accuracy        | abrupt: the function returns exactly 0 for every completion              |
 * | reward_fn_errors  | accuracy        | abrupt: ~40% of calls throw; their values are null, CallsEvent errors up |
 * | drop              | accuracy        | abrupt and lasting: success rate falls to ~0.1, format slips triple      |
 * | spike             | accuracy        | abrupt and lasting: the function's scale jumps x5 (2.0 -> 10.0)          |
 * | saturation        | format          | ramps: ~99.5% of completions reach the function's maximum                |
 * | variance_collapse | reasoning_steps | ramps: values converge to a constant with noise sd ~0.001                |
 * | zero_std_groups   |                 | ramps: ~95% of groups hold one completion copied (identical rewards)     |
 * | format_gaming     | format          | ramps: ~85% are well-tagged junk; format stays high, accuracy falls      |
 * | repetition        |                 | ramps: ~70% loop one sentence 8-30 times (some truncated)                |
 * | diversity_collapse|                 | ramps: ~90% are one of three near-identical texts, whatever the prompt   |
 * | length_hacking    | reasoning_steps | linear: target length grows to x2.2 by the end; longer -> more reward    |
 * | entropy_collapse  |                 | metric "entropy" decays exponentially towards ~0.01                      |
 * | memory_leak       |                 | metric "memory_mb" grows linearly, +50% of its level by the end          |
 * | kl_spike          |                 | abrupt and lasting: metric "kl" x15 (and loss with it)                   |
 * | truncation        |                 | ramps: ~85% hit the length limit (truncated, lengths at max, no answer)  |
 * | stagnation        | accuracy        | from onset (default 0) the learning curve freezes: flat noisy reward     |
 */
export const SCENARIOS = [
  { name: "healthy", description: "A healthy GRPO math run: accuracy learns 0.2 -> 0.7, then plateaus." },
  {
    name: "flatline",
    description: "A broken reward function returns 0 for every completion from the onset.",
  },
  {
    name: "reward_fn_errors",
    description: "A reward function throws on ~40% of calls; its values turn null.",
  },
  { name: "drop", description: "The reward level falls sharply at the onset and stays low." },
  { name: "spike", description: "A reward bug: the accuracy reward jumps x5 at the onset and stays there." },
  { name: "saturation", description: "The format reward hits its maximum on ~all completions." },
  {
    name: "variance_collapse",
    description: "A reward function's values converge to a constant with tiny noise.",
  },
  { name: "zero_std_groups", description: "Most GRPO groups get identical completions, so zero reward std." },
  {
    name: "format_gaming",
    description: "Completions keep the tags around junk content; format stays high, accuracy falls.",
  },
  { name: "repetition", description: "Completions loop: the same sentence repeated many times." },
  {
    name: "diversity_collapse",
    description: "Completions collapse to one near-identical text across prompts.",
  },
  { name: "length_hacking", description: "Lengths grow steadily and the reward rises with length." },
  { name: "entropy_collapse", description: 'The policy entropy (metric "entropy") decays towards 0.' },
  { name: "memory_leak", description: 'GPU memory (metric "memory_mb") grows steadily.' },
  { name: "kl_spike", description: 'The KL divergence (metric "kl") jumps by an order of magnitude.' },
  { name: "truncation", description: "Most completions hit the length limit and lose their answer." },
  { name: "stagnation", description: "The reward never improves: flat, noisy, from step 0." },
] as const;

/** The name of a scenario. */
export type ScenarioName = (typeof SCENARIOS)[number]["name"];

/** The scenario names, in the order of SCENARIOS. */
export const SCENARIO_NAMES: readonly ScenarioName[] = SCENARIOS.map((s) => s.name);

/** Whether `name` is a scenario name. */
export function isScenarioName(name: unknown): name is ScenarioName {
  return typeof name === "string" && (SCENARIO_NAMES as readonly string[]).includes(name);
}
