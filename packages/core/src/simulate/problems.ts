import { countIndicators } from "./phrases.js";
import type { Random } from "./random.js";

/**
 * A generated math word problem and the reasoning that solves it.
 * The last reasoning step is `finalStep[0] + value + finalStep[1]`, so a wrong completion can state a
 * wrong value in its own words.
 */
export interface Problem {
  prompt: string;
  answer: number;
  /** Reasoning steps before the last one; each starts with a word that reads well lower-cased. */
  steps: string[];
  finalStep: [string, string];
  /** Numbers of the problem, for verification sentences. */
  nums: number[];
  /** A line restating the numbers of the problem (no reasoning indicators in it). */
  givens: string;
  /** Reasoning indicators in `steps` and `finalStep`. */
  indicators: number;
}

type Draft = Omit<Problem, "indicators" | "givens">;

const NAMES = [
  "Natalia",
  "Weng",
  "Betty",
  "Julie",
  "James",
  "Mark",
  "Albert",
  "Ken",
  "Alexis",
  "Tina",
  "Randy",
  "Joy",
];

/** Each template draws its numbers so that the answer is a whole number. */
const TEMPLATES: ReadonlyArray<(rng: Random, name: string) => Draft> = [
  (rng, name) => {
    const a = 2 * rng.int(6, 45);
    const b = a / 2;
    return {
      prompt: `${name} sold clips to ${a} of her friends in April, and then she sold half as many clips in May. How many clips did ${name} sell altogether in April and May?`,
      answer: a + b,
      steps: [`In April, ${name} sold ${a} clips.`, `In May, she sold half as many: ${a} / 2 = ${b} clips.`],
      finalStep: [`Altogether she sold ${a} + ${b} = `, " clips."],
      nums: [a, b],
    };
  },
  (rng, name) => {
    const r = rng.int(8, 25);
    const h = rng.int(2, 8);
    const d = rng.int(3, 7);
    return {
      prompt: `${name} earns $${r} an hour babysitting. She works ${h} hours a day for ${d} days. How much does she earn in total, in dollars?`,
      answer: r * h * d,
      steps: [`Each day she works ${h} hours at $${r} per hour, which gives ${h} × ${r} = ${h * r} dollars.`],
      finalStep: [`Over ${d} days she earns ${h * r} × ${d} = `, " dollars."],
      nums: [r, h, d],
    };
  },
  (rng, name) => {
    const a = rng.int(40, 200);
    const b = rng.int(5, a - 5);
    const c = rng.int(5, 80);
    return {
      prompt: `A farmer named ${name} has ${a} apples. He sells ${b} of them at the market and then picks ${c} more from his orchard. How many apples does he have now?`,
      answer: a - b + c,
      steps: [
        `The farmer starts with ${a} apples.`,
        `After selling ${b}, he has ${a} - ${b} = ${a - b} apples.`,
      ],
      finalStep: [`After picking ${c} more, he has ${a - b} + ${c} = `, " apples."],
      nums: [a, b, c],
    };
  },
  (rng) => {
    const s = rng.int(4, 15);
    const p = rng.int(12, 40);
    const g = rng.int(3, s * p - 1);
    return {
      prompt: `A library has ${s} shelves with ${p} books on each shelf. If ${g} books are checked out, how many books remain on the shelves?`,
      answer: s * p - g,
      steps: [`The library holds ${s} × ${p} = ${s * p} books in total.`],
      finalStep: [`After ${g} are checked out, ${s * p} - ${g} = `, " books remain."],
      nums: [s, p, g],
    };
  },
  (rng) => {
    const v = 5 * rng.int(8, 24);
    const h = rng.int(2, 6);
    const w = 5 * rng.int(6, 20);
    const k = rng.int(1, 4);
    return {
      prompt: `A train travels at ${v} km per hour for ${h} hours, then at ${w} km per hour for ${k} more hours. How many kilometers does it travel in total?`,
      answer: v * h + w * k,
      steps: [
        `The first part covers ${v} × ${h} = ${v * h} km.`,
        `The second part covers ${w} × ${k} = ${w * k} km.`,
      ],
      finalStep: [`The total distance is ${v * h} + ${w * k} = `, " km."],
      nums: [v, h, w, k],
    };
  },
  (rng, name) => {
    const s = rng.pick([6, 8, 12]);
    const f = rng.pick([2, 3, 4, 6]);
    const n = f * rng.int(1, 4);
    return {
      prompt: `${name} orders ${n} pizzas, each cut into ${s} slices. If ${f} friends share them equally, how many slices does each friend get?`,
      answer: (n * s) / f,
      steps: [`There are ${n} × ${s} = ${n * s} slices in total.`],
      finalStep: [`Shared among ${f} friends, each gets ${n * s} / ${f} = `, " slices."],
      nums: [n, s, f],
    };
  },
  (rng, name) => {
    const a = rng.int(5, 30);
    const w = rng.int(4, 20);
    const b = rng.int(10, a * w - 1);
    return {
      prompt: `${name} saves $${a} every week. After ${w} weeks, she spends $${b} on a new bike. How much money does she have left?`,
      answer: a * w - b,
      steps: [`After ${w} weeks she has saved ${a} × ${w} = ${a * w} dollars.`],
      finalStep: [`After buying the bike, she has ${a * w} - ${b} = `, " dollars left."],
      nums: [a, w, b],
    };
  },
  (rng, name) => {
    const a = rng.int(6, 60);
    const k = rng.int(2, 6);
    const other = rng.pick(NAMES);
    return {
      prompt: `${name} has ${a} marbles. ${other} has ${k} times as many marbles as ${name}. How many marbles do they have together?`,
      answer: a + k * a,
      steps: [`The second friend, ${other}, has ${k} × ${a} = ${k * a} marbles.`],
      finalStep: [`Together they have ${a} + ${k * a} = `, " marbles."],
      nums: [a, k],
    };
  },
  (rng) => {
    const l = rng.int(5, 60);
    const w = rng.int(3, 40);
    return {
      prompt: `A rectangular garden is ${l} meters long and ${w} meters wide. What is the perimeter of the garden in meters?`,
      answer: 2 * (l + w),
      steps: [
        `The perimeter of a rectangle is 2 × (length + width).`,
        `Adding them, ${l} + ${w} = ${l + w}.`,
      ],
      finalStep: [`The perimeter is 2 × ${l + w} = `, " meters."],
      nums: [l, w],
    };
  },
  (rng) => {
    const p = 20 * rng.int(1, 15);
    const d = rng.pick([10, 20, 25, 50]);
    const off = (p * d) / 100;
    return {
      prompt: `A jacket costs $${p}. It is on sale for ${d}% off. How much does the jacket cost on sale, in dollars?`,
      answer: p - off,
      steps: [`The discount is ${d}% of ${p}, which is ${p} × ${d} / 100 = ${off} dollars.`],
      finalStep: [`The sale price is ${p} - ${off} = `, " dollars."],
      nums: [p, d, off],
    };
  },
  (rng, name) => {
    const c = rng.int(2, 8);
    const each = rng.int(3, 15);
    const b = rng.int(2, 30);
    return {
      prompt: `${name} baked ${c * each + b} cookies. She gave ${b} to her neighbors and split the rest equally into ${c} boxes. How many cookies are in each box?`,
      answer: each,
      steps: [`After giving away ${b}, she has ${c * each + b} - ${b} = ${c * each} cookies left.`],
      finalStep: [`Each box gets ${c * each} / ${c} = `, " cookies."],
      nums: [c * each, b, c],
    };
  },
];

/**
 * Draws one math word problem (GSM8K style) with its worked solution.
 * @example
 * const problem = makeProblem(new Random(1));
 * problem.finalStep[0] + problem.answer + problem.finalStep[1]; // "... = 72 clips."
 */
export function makeProblem(rng: Random): Problem {
  const template = rng.pick(TEMPLATES);
  const draft = template(rng, rng.pick(NAMES));
  let indicators = countIndicators(draft.finalStep[0]) + countIndicators(draft.finalStep[1]);
  for (const step of draft.steps) indicators += countIndicators(step);
  const last = draft.nums.length - 1;
  const givens = `The numbers in the problem are ${draft.nums.slice(0, last).join(", ")} and ${draft.nums[last]}.\n`;
  return { ...draft, indicators, givens };
}
