import {
  COLLAPSED_COMPLETIONS,
  CONCLUSIONS,
  countIndicators,
  countVerifications,
  FILLERS,
  FINALLY,
  type Filler,
  JUNK_ANSWERS,
  JUNK_REASONING,
  OPENERS,
  ORDINALS,
  STEP_WORD,
} from "./phrases.js";
import type { Problem } from "./problems.js";
import type { Random } from "./random.js";

/** How well a completion follows the `<think>…</think><answer>…</answer>` format. */
export type FormatKind = "strict" | "soft" | "none";

/** A completion's text and the facts about it that the reward functions score. */
export interface BuiltCompletion {
  text: string;
  /** Length in tokens: ceil(chars / 4). */
  tokens: number;
  truncated: boolean;
  /** 1 strict format, 0.5 soft format, 0 otherwise. */
  format: number;
  /** TRL's count_xml: 0.125 for each of "<think>\n", "\n</think>\n", "\n<answer>\n", "\n</answer>". */
  xml: number;
  /** The text inside the answer tags, or null when there are none. */
  answerText: string | null;
  /** The answer as a number, when it is an integer. */
  answerValue: number | null;
  indicators: number;
  verifications: number;
  /** Characters of the reasoning section. */
  thinkChars: number;
}

const THINK_OPEN = "<think>\n";
const INTEGER_RE = /^-?\d+$/;
/** Numeric fillers, the fallback when a fixed sentence was already used in a completion. */
const NUMERIC_FILLERS = FILLERS.filter((f) => f.op !== "none");

/** Decimal strings of small integers: number-to-string conversion is the hot spot of building text. */
const SMALL_INTS: readonly string[] = Array.from({ length: 10_000 }, (_, i) => String(i));

function str(n: number): string {
  return n >= 0 && n < SMALL_INTS.length && Number.isInteger(n) ? (SMALL_INTS[n] as string) : String(n);
}

function tokensOf(chars: number): number {
  return Math.ceil(chars / 4);
}

function parseAnswer(answer: string | null): number | null {
  return answer !== null && INTEGER_RE.test(answer) ? Number(answer) : null;
}

/** Renders a filler with numbers from the problem (or small random ones). */
function renderFiller(rng: Random, f: Filler, nums: readonly number[]): string {
  const [p0 = "", p1 = "", p2 = "", p3 = ""] = f.parts;
  if (f.op === "none") return p0;
  // Numbers of the problem (and small factors), so an aside reads as a check of its own quantities.
  const i = rng.int(0, nums.length - 1);
  let a = nums[i] ?? 2;
  let b = rng.chance(0.5)
    ? (nums[(i + rng.int(1, Math.max(1, nums.length - 1))) % nums.length] ?? 3)
    : rng.int(2, 12);
  if (f.op === "difference" && b > a) [a, b] = [b, a];
  const c = f.op === "sum" ? a + b : f.op === "difference" ? a - b : a * b;
  return p0 + str(a) + p1 + str(b) + p2 + str(c) + p3;
}

/** Wraps a body in the tags of `format`; truncates at `maxChars`. */
function assemble(
  body: string,
  answer: string,
  format: FormatKind,
  counts: { indicators: number; verifications: number },
  maxChars: number,
  rng: Random,
): BuiltCompletion {
  let text: string;
  let answerText: string | null = answer;
  let xml = 0.5;
  let score = 1;
  if (format === "strict") {
    text = THINK_OPEN + body + "\n</think>\n<answer>\n" + answer + "\n</answer>";
  } else if (format === "soft") {
    text = THINK_OPEN + body + "\n</think>\n\n<answer>" + answer + "</answer>";
    xml = 0.25;
    score = 0.5;
  } else if (rng.chance(0.5)) {
    text = THINK_OPEN + body + "\n</think>\nThe answer is " + answer + ".";
    answerText = null;
    xml = 0.25;
    score = 0;
  } else {
    text = body + "\nThe answer is " + answer + ".";
    answerText = null;
    xml = 0;
    score = 0;
  }
  if (text.length <= maxChars) {
    const thinkChars = format === "none" && xml === 0 ? 0 : body.length;
    return {
      text,
      tokens: tokensOf(text.length),
      truncated: false,
      format: score,
      xml,
      answerText,
      answerValue: parseAnswer(answerText),
      ...counts,
      thinkChars,
    };
  }
  // A truncated completion loses its closing tags, so it scores like a format failure. Rare: count exactly.
  const cut = text.slice(0, maxChars);
  const tags = [THINK_OPEN, "\n</think>\n", "\n<answer>\n"].filter((t) => cut.includes(t)).length;
  return {
    text: cut,
    tokens: tokensOf(maxChars),
    truncated: true,
    format: 0,
    xml: 0.125 * tags,
    answerText: null,
    answerValue: null,
    indicators: countIndicators(cut),
    verifications: countVerifications(cut),
    thinkChars: Math.max(0, Math.min(body.length, maxChars - THINK_OPEN.length)),
  };
}

/**
 * A worked solution: opener, the problem's steps with fillers between them, a conclusion, tags.
 * `value` is the answer it states (wrong when it differs from the problem's); its length aims at `targetChars`.
 * @example
 * const c = buildReasoned(rng, problem, problem.answer, "strict", 800, 3200);
 */
export function buildReasoned(
  rng: Random,
  problem: Problem,
  value: number,
  format: FormatKind,
  targetChars: number,
  maxChars: number,
): BuiltCompletion {
  const opener = rng.pick(OPENERS);
  const style = rng.int(0, 3);
  const [before, after] = rng.pick(CONCLUSIONS);
  const answer = str(value);
  const finalLine = problem.finalStep[0] + answer + problem.finalStep[1];
  const nSteps = problem.steps.length + 1;
  let base = opener.text.length + finalLine.length + before.text.length + 60;
  for (const s of problem.steps) base += s.length + 10;
  const budget = targetChars - base;
  let indicators = opener.indicators + problem.indicators + before.indicators + after.indicators;
  let verifications = opener.verifications;
  let body = rng.chance(0.4) ? opener.text + problem.givens : opener.text;
  let filled = 0;
  let used = 0;
  for (let i = 0; i < nSteps; i++) {
    const step = i < nSteps - 1 ? (problem.steps[i] as string) : finalLine;
    if (style === 0) {
      body += STEP_WORD.text + str(i + 1) + ": " + step + "\n";
      indicators += STEP_WORD.indicators;
    } else if (style === 1) {
      body += str(i + 1) + ". " + step + "\n";
    } else if (style === 2) {
      const ordinal = i === nSteps - 1 ? FINALLY : (ORDINALS[Math.min(i, ORDINALS.length - 1)] ?? FINALLY);
      body += ordinal.text + step.charAt(0).toLowerCase() + step.slice(1) + "\n";
      indicators += ordinal.indicators;
    } else {
      body += step + "\n";
    }
    const share = (budget * (i + 1)) / nSteps - 30;
    while (filled < share) {
      // Each sentence once per completion while there are unused ones; then numeric ones, which vary.
      let index = rng.int(0, FILLERS.length - 1);
      if (used & (1 << index)) index = rng.int(0, FILLERS.length - 1);
      let f = FILLERS[index] as Filler;
      if (used & (1 << index) && f.op === "none") f = rng.pick(NUMERIC_FILLERS);
      used |= 1 << index;
      const sentence = renderFiller(rng, f, problem.nums);
      body += sentence;
      filled += sentence.length;
      indicators += f.indicators;
      verifications += f.verifications;
    }
  }
  body += before.text + answer + after.text;
  return assemble(body, answer, format, { indicators, verifications }, maxChars, rng);
}

/**
 * A format-gaming completion: well-formed tags around trivial reasoning and a junk answer.
 * @example
 * buildJunk(rng).text; // "<think>\nok\n</think>\n<answer>\n0\n</answer>"
 */
export function buildJunk(rng: Random): BuiltCompletion {
  const think = rng.pick(JUNK_REASONING);
  const answer = rng.pick(JUNK_ANSWERS);
  const counts = { indicators: countIndicators(think), verifications: 0 };
  return assemble(think, answer, "strict", counts, Number.POSITIVE_INFINITY, rng);
}

/**
 * A looping completion: one sentence repeated 8 to 30 times before the conclusion (truncated when it
 * outgrows `maxChars`).
 */
export function buildRepetitive(
  rng: Random,
  problem: Problem,
  value: number,
  maxChars: number,
): BuiltCompletion {
  const a = rng.pick(problem.nums);
  const b = rng.pick(problem.nums);
  const sentence = rng.chance(0.5)
    ? (problem.steps[0] ?? "I need to compute the total.") + "\n"
    : "Wait, let me recompute: " + a + " + " + b + " = " + (a + b) + ".\n";
  const times = rng.int(8, 30);
  const [before, after] = rng.pick(CONCLUSIONS);
  const body = sentence.repeat(times) + before.text + value + after.text;
  const counts = {
    indicators: countIndicators(sentence) * times + before.indicators + after.indicators,
    verifications: countVerifications(sentence) * times,
  };
  return assemble(body, String(value), "strict", counts, maxChars, rng);
}

const COLLAPSED: readonly BuiltCompletion[] = COLLAPSED_COMPLETIONS.map((text) => {
  const think = text.slice(THINK_OPEN.length, text.indexOf("\n</think>"));
  return {
    text,
    tokens: tokensOf(text.length),
    truncated: false,
    format: 1,
    xml: 0.5,
    answerText: "12",
    answerValue: 12,
    indicators: countIndicators(think),
    verifications: countVerifications(think),
    thinkChars: think.length,
  };
});

/** One of the near-identical completions of a diversity-collapsed policy (answer 12, whatever the prompt). */
export function buildCollapsed(rng: Random): BuiltCompletion {
  return rng.pick(COLLAPSED);
}
