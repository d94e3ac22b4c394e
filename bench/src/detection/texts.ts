import type { Rng } from "./rng.js";

/**
 * Completion texts for the generated runs: worked solutions in <think>/<answer> tags for healthy steps, and
 * the failure forms the completion detectors look for. Varied vocabulary and numbers, so healthy completions
 * are neither repetitive nor near-duplicates of each other (as real samples at temperature ~1 are not).
 */

const SUBJECTS = ["We", "Then we", "Next, we", "Now I", "So we", "First, I", "After that we", "I"];
const VERBS = ["add", "multiply", "subtract", "compare", "combine", "divide", "count", "split"];
const NOUNS = [
  "apples",
  "marbles",
  "tickets",
  "pages",
  "coins",
  "boxes",
  "minutes",
  "miles",
  "cookies",
  "books",
  "students",
  "rows",
  "cups",
  "dollars",
  "hours",
  "seeds",
  "points",
  "bottles",
  "shelves",
  "laps",
];
const LINKS = ["which gives", "so we get", "and that is", "giving", "for a total of", "leaving", "and find"];
const CHECKS = [
  "Let me check this again.",
  "That seems consistent with the question.",
  "Therefore the running total is right.",
  "This matches the earlier estimate.",
  "Double-check: the units agree.",
  "Hmm, wait, that needs a second look.",
];

function sentence(rng: Rng): string {
  const a = rng.int(2, 999);
  const b = rng.int(2, 99);
  if (rng.chance(0.15)) return rng.pick(CHECKS);
  return `${rng.pick(SUBJECTS)} ${rng.pick(VERBS)} ${a} ${rng.pick(NOUNS)} and ${b} ${rng.pick(NOUNS)}, ${rng.pick(LINKS)} ${a + b * rng.int(1, 9)}.`;
}

function body(rng: Rng, chars: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const s = sentence(rng);
    parts.push(s);
    length += s.length + 1;
  }
  return parts.join(" ");
}

/** A worked solution of about `tokens` tokens (4 characters a token), in the format's tags. */
export function solutionText(rng: Rng, tokens: number): string {
  return `<think>\n${body(rng, Math.max(20, 4 * tokens - 40))}\n</think>\n<answer>\n${rng.int(1, 9999)}\n</answer>`;
}

/** A solution that ran into the length limit: cut mid-reasoning, no answer. */
export function truncatedText(rng: Rng, maxTokens: number): string {
  return `<think>\n${body(rng, 4 * maxTokens)}`.slice(0, 4 * maxTokens);
}

const PLACEHOLDERS = ["reasoning here", "...", "answer", "your answer", "think"];

/** The right tags around junk: a placeholder or trivial section (format gaming). */
export function junkText(rng: Rng): string {
  const think = rng.chance(0.5) ? rng.pick(PLACEHOLDERS) : "";
  const answer = rng.chance(0.5) ? String(rng.int(0, 99)) : rng.pick(PLACEHOLDERS);
  return `<think>\n${think}\n</think>\n<answer>\n${answer}\n</answer>`;
}

/** One sentence looped 8-30 times (a repetition loop). */
export function repetitiveText(rng: Rng): string {
  const s = sentence(rng);
  const times = rng.int(8, 30);
  return `<think>\n${Array.from({ length: times }, () => s).join(" ")}\n</think>\n<answer>\n${rng.int(1, 99)}\n</answer>`;
}

const COLLAPSED = [
  "<think>\nThe answer is obtained by adding the numbers together and checking the result.\n</think>\n<answer>\n42\n</answer>",
  "<think>\nThe answer is obtained by adding the numbers together and checking the result!\n</think>\n<answer>\n42\n</answer>",
  "<think>\nThe answer is obtained by adding the numbers together and checking the results.\n</think>\n<answer>\n42\n</answer>",
];

/** One of three near-identical texts, whatever the prompt (mode collapse). */
export function collapsedText(rng: Rng): string {
  return rng.pick(COLLAPSED);
}

/** Broken output: empty, one character, one token, or control-character garbage. */
export function degenerateText(rng: Rng): string {
  const form = rng.int(0, 3);
  if (form === 0) return rng.pick(["", " ", "\n"]);
  if (form === 1) return "!".repeat(rng.int(4, 40));
  if (form === 2) return Array.from({ length: rng.int(4, 30) }, () => "the").join(" ");
  return Array.from({ length: rng.int(8, 60) }, () => String.fromCharCode(rng.int(1, 8))).join("");
}
