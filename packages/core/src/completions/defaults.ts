import type { CompletionAnalysisConfig, FormatSchema } from "../config/types.js";

/** `<think>…</think><answer>…</answer>`, the DeepSeek-R1 / TRL GRPO format. */
export const THINK_ANSWER_FORMAT: FormatSchema = {
  name: "think-answer",
  sections: [
    { name: "think", open: "<think>", close: "</think>" },
    { name: "answer", open: "<answer>", close: "</answer>" },
  ],
  reasoning: "think",
  answer: "answer",
};

/** `<reasoning>…</reasoning><answer>…</answer>`, the format of many GSM8K GRPO recipes. */
export const REASONING_ANSWER_FORMAT: FormatSchema = {
  name: "reasoning-answer",
  sections: [
    { name: "reasoning", open: "<reasoning>", close: "</reasoning>" },
    { name: "answer", open: "<answer>", close: "</answer>" },
  ],
  reasoning: "reasoning",
  answer: "answer",
};

/**
 * Defaults of the completion analysis, chosen for GRPO math/reasoning runs:
 * - `maxAnalysed` 256: one step of a typical run (e.g. 32 prompts × 8 generations) is analysed whole,
 *   and a larger step costs no more than that.
 * - `repetitionN` 3: word trigrams; ordinary prose repeats few of them (under ~0.1 in 200 words of
 *   math reasoning), a loop repeats nearly all.
 * - `repetitiveThreshold` 0.5: half of all trigrams are copies of earlier ones, which prose never reaches.
 * - `nearDuplicateThreshold` 0.8: Jaccard similarity of word-bigram sets; two 100-word texts that differ
 *   in one word score ~0.96, two different solutions of the same problem ~0.1–0.4.
 * - `minContentChars` 3: a reasoning section needs at least 3 letters or digits ("", "...", "ok" are trivial).
 *   The answer section needs only one, since "7" is a fine answer.
 * @example
 * analyzeCompletions({ completions }, DEFAULT_COMPLETION_CONFIG);
 */
export const DEFAULT_COMPLETION_CONFIG: CompletionAnalysisConfig = {
  formats: [THINK_ANSWER_FORMAT, REASONING_ANSWER_FORMAT],
  maxAnalysed: 256,
  repetitionN: 3,
  repetitiveThreshold: 0.5,
  nearDuplicateThreshold: 0.8,
  reasoningIndicators: [
    "step 1",
    "first",
    "second",
    "then",
    "next",
    "therefore",
    "thus",
    "so",
    "because",
    "finally",
    "let's",
    "we need",
    "wait",
  ],
  minContentChars: 3,
};
