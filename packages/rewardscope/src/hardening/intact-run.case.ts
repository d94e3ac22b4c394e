import { HOSTILE_TOKEN } from "./hostile-request.case.js";

/** The run of valid data sent between the hostile requests; its name is odd but valid Unicode. */
export const INTACT_RUN = "intact-ünï-😀";
const RUN_PATH = encodeURIComponent(INTACT_RUN);

/** Completions that are odd but valid: they must come back as sent. */
const ODD_TEXTS = [
  "emoji 😀 family 👩‍👩‍👧 flag 🇫🇷",
  "right-to-left \u202eevil\u202c override",
  "zero\u200bwidth\u200djoiner\ufeffbom",
  "combining e\u0301 and a\u0308",
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "javascript:alert(document.cookie)",
  "nul \u0000 inside",
  "tab\tnew\nline\r\nreturn",
  'quote " backslash \\ slash /',
  "astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟘𝟙",
  "\u2028line and paragraph\u2029separators",
  "non-characters \uffff \ufffe \ufdd0",
  "%2e%2e/%00 ../../etc/passwd",
  "",
  "'; DROP TABLE completions; --",
  // Lone surrogates: valid JSON, not valid Unicode. Kept, each turned into U+FFFD (as a UTF-8 decoder would).
  "lone high \ud800 and low \udfff surrogates, a pair 😀 kept",
];

/** What a completion must come back as: lone surrogates replaced with U+FFFD, everything else exactly. */
function stored(text: string): string {
  return text.replace(/[\uD800-\uDFFF]/gu, "\uFFFD");
}

/** The events of step `step` of the intact run (one rank): rewards with odd completions, metrics, step_end. */
export function intactStep(step: number): { events: unknown[]; completions: string[]; accuracy: number[] } {
  const completions = ODD_TEXTS.map((text, i) => `${step}:${i} ${text}`);
  const accuracy = completions.map((_, i) => ((step * 7 + i * 3) % 11) / 10);
  const events: unknown[] = [
    { type: "rewards", step, rewards: { accuracy }, completions, groups: completions.map((_, i) => i >> 2) },
    { type: "metrics", step, values: { kl: step / 1000 } },
    { type: "step_end", step },
  ];
  if (step === 0)
    events.unshift({ type: "run", name: INTACT_RUN, rewardFunctions: ["accuracy"], worldSize: 1 });
  return { events, completions, accuracy };
}

/** Posts step `step` of the intact run; throws unless it is acknowledged. */
export async function postIntactStep(url: string, step: number): Promise<void> {
  const { events } = intactStep(step);
  const response = await fetch(`${url}/api/v1/runs/${RUN_PATH}/events`, {
    method: "POST",
    headers: {
      "content-type": step % 2 === 0 ? "application/x-ndjson" : "application/json",
      authorization: `Bearer ${HOSTILE_TOKEN}`,
      "idempotency-key": `intact-${step}`,
    },
    body: step % 2 === 0 ? `${events.map((e) => JSON.stringify(e)).join("\n")}\n` : JSON.stringify(events),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`intact step ${step}: ${response.status} ${text}`);
}

/** Compares every step of the intact run with what was sent; returns the differences. */
export async function intactProblems(url: string, steps: number): Promise<string[]> {
  const problems: string[] = [];
  const run = (await (await fetch(`${url}/api/v1/runs/${RUN_PATH}`)).json()) as { stepCount?: number };
  if (run.stepCount !== steps) problems.push(`the intact run has ${run.stepCount} steps, not ${steps}`);
  for (let step = 0; step < steps; step++) {
    const { completions, accuracy } = intactStep(step);
    const answer = (await (
      await fetch(`${url}/api/v1/runs/${RUN_PATH}/completions?step=${step}&limit=1000`)
    ).json()) as {
      completions: { index: number; completion: string; rewards: { accuracy: number | null } }[];
    };
    const got = [...answer.completions].sort((a, b) => a.index - b.index);
    const sent = completions.map((completion, index) => ({
      index,
      completion: stored(completion),
      accuracy: accuracy[index],
    }));
    const back = got.map((c) => ({ index: c.index, completion: c.completion, accuracy: c.rewards.accuracy }));
    if (JSON.stringify(back) !== JSON.stringify(sent))
      problems.push(`step ${step}: sent ${JSON.stringify(sent)}, got back ${JSON.stringify(back)}`);
  }
  return problems;
}
