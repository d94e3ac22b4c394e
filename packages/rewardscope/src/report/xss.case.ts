import { type RewardscopeEvent, simulateRun } from "@rewardscope/core";

/** Completions a hostile or broken model could write: each would run script if a page inserted it as HTML. */
export const XSS_PAYLOADS = [
  "<script>document.title='pwned-script'</script>",
  "<img src=x onerror=\"document.title='pwned-img'\">",
  "<a href=\"javascript:document.title='pwned-link'\">click</a>",
  "<svg onload=\"document.title='pwned-svg'\"></svg>",
  '"><iframe src="https://example.com/"></iframe>',
  "</pre></div><style>body{display:none}</style>",
];

/** A reward function name that is markup too: names reach the charts and the tables. */
export const XSS_FUNCTION = "<b onmouseover=alert(1)>fmt</b>";

/**
 * A simulated run whose last step's best completions are the XSS payloads (with the top reward, so the report
 * lists them among the best), one reward function renamed to markup.
 */
export function runWithXssPayloads(runName: string, steps = 60): RewardscopeEvent[] {
  const events = [...simulateRun({ steps, seed: 5, promptsPerStep: 2, groupSize: 4, runName })];
  const rename = (rewards: Record<string, (number | null)[]>): Record<string, (number | null)[]> =>
    Object.fromEntries(Object.entries(rewards).map(([fn, v]) => [fn === "format" ? XSS_FUNCTION : fn, v]));
  return events.map((event) => {
    if (event.type === "run")
      return {
        ...event,
        rewardFunctions: event.rewardFunctions?.map((fn) => (fn === "format" ? XSS_FUNCTION : fn)),
      };
    if (event.type === "calls" && event.fn === "format") return { ...event, fn: XSS_FUNCTION };
    if (event.type !== "rewards") return event;
    const rewards = rename(event.rewards);
    if (event.step !== steps - 1 || !event.completions) return { ...event, rewards };
    const completions = event.completions.map((c, i) => XSS_PAYLOADS[i] ?? c);
    const boosted = Object.fromEntries(
      Object.entries(rewards).map(([fn, values]) => [
        fn,
        values.map((v, i) => (i < XSS_PAYLOADS.length ? 100 : v)),
      ]),
    );
    return { ...event, rewards: boosted, completions, prompts: completions.map((c) => `prompt: ${c}`) };
  });
}
