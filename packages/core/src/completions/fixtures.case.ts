/** Realistic GRPO completions for the tests and the timing check (deterministic). */

const NAMES = ["Natalia", "James", "Weng", "Betty", "Julie", "Mark", "Albert", "Ken", "Alexis", "Tina"];
const ITEMS = [
  "clips",
  "apples",
  "pages",
  "dollars",
  "cookies",
  "marbles",
  "tickets",
  "books",
  "eggs",
  "miles",
];
const OPENERS = [
  "Let's break this down step by step.",
  "First, we need to figure out how many",
  "To solve this, I will compute",
  "We are told that",
  "Okay, so the problem says",
];
const LINKERS = [
  "Then",
  "Next",
  "So",
  "Therefore",
  "After that,",
  "This means",
  "Now",
  "Wait, let me check:",
];

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A math-reasoning completion of about `chars` characters in the think/answer format. */
export function reasoningCompletion(seed: number, chars = 1000): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const name = pick(NAMES);
  const item = pick(ITEMS);
  let total = Math.floor(r() * 90) + 10;
  let body = `${pick(OPENERS)} ${name} starts with ${total} ${item}.`;
  while (body.length < chars - 60) {
    const a = Math.floor(r() * 40) + 2;
    const op = r() < 0.5 ? "+" : "*";
    const next = op === "+" ? total + a : total * (a % 5 || 2);
    const factor = op === "+" ? a : a % 5 || 2;
    body += ` ${pick(LINKERS)} ${name} ${op === "+" ? "gets" : "multiplies by"} ${factor}, so ${total} ${op} ${factor} = ${next} ${item}.`;
    if (r() < 0.3)
      body += ` That gives ${next} in total because ${pick(["each", "every", "the other"])} ${item} count${r() < 0.5 ? "s" : ""} once.`;
    total = next;
  }
  return `<think>\n${body}\n</think>\n<answer>\n${total}\n</answer>`;
}
