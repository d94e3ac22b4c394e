import { charClasses, HIGH, SINGLE, WORD } from "./char-class.js";
import { type CompiledFormats, type FormatCheck, trimmedLength } from "./format.js";

/** Why a completion counts as gaming the format: the tags are there, the content is not. */
export type GamingReason =
  | "trivial_section"
  | "placeholder"
  | "nested_tags"
  | "reasoning_repeats_answer"
  | "answer_contains_reasoning"
  | "tag_stuffing";

/** Sections longer than this are never taken for a placeholder. */
const PLACEHOLDER_MAX_CHARS = 80;
/** Reasoning shorter than this is not looked for inside the answer (short phrases recur by chance). */
const COPIED_REASONING_MIN_CHARS = 16;
/** Words that placeholder sections are made of ("reasoning here", "your answer", "lorem ipsum", "TODO"). */
const FILLER_WORDS = new Set(
  (
    "reasoning reason thinking think thoughts thought answer final your my the here goes insert " +
    "placeholder todo tbd lorem ipsum dolor blah etc xxx text content"
  ).split(" "),
);

/**
 * Why a completion games its format, or null when it does not (or has no format's sections).
 * Checked in this order:
 * - `trivial_section`: a section with fewer than `minContentChars` letters or digits (the answer
 *   needs just one, since "7" is an answer): "<think></think>", "<think>...</think>";
 * - `placeholder`: a short section made only of filler words ("reasoning here", "your answer");
 * - `nested_tags`: the answer holds a known tag ("<answer><think>…</think>42</answer>");
 * - `reasoning_repeats_answer`: reasoning and answer are the same text (case and spacing aside);
 * - `answer_contains_reasoning`: the answer holds the whole reasoning (16+ characters) again;
 * - `tag_stuffing`: the format's tags occur more often than once each (several answers to hedge).
 * @example
 * formatGamingReason("<think>...</think><answer>4</answer>", checkFormat(text, f), f, 3); // "trivial_section"
 */
export function formatGamingReason(
  text: string,
  check: FormatCheck,
  formats: CompiledFormats,
  minContentChars: number,
): GamingReason | null {
  if (check.schema < 0) return null;
  const schema = formats.schemas[check.schema]!;
  const { sections } = check;
  const count = sections.length / 2;
  for (let i = 0; i < count; i++) {
    const needed = i === schema.answer ? Math.min(1, minContentChars) : minContentChars;
    if (contentChars(text, sections[2 * i]!, sections[2 * i + 1]!, needed) < needed) return "trivial_section";
  }
  for (let i = 0; i < count; i++)
    if (isPlaceholder(text, sections[2 * i]!, sections[2 * i + 1]!)) return "placeholder";
  const answer =
    schema.answer >= 0 ? text.slice(sections[2 * schema.answer]!, sections[2 * schema.answer + 1]!) : null;
  if (answer !== null && containsAny(answer, formats.tags)) return "nested_tags";
  if (answer !== null && schema.reasoning >= 0) {
    const trimmedAnswer = answer.trim();
    const from = sections[2 * schema.reasoning]!;
    const to = sections[2 * schema.reasoning + 1]!;
    // Most reasoning is far longer than its answer: measure before copying it out.
    const length = trimmedLength(text, from, to);
    if (length === 0 || length > 2 * trimmedAnswer.length + 16) return tagStuffing(check, count);
    const reasoning = text.slice(from, to).trim();
    if (normalise(reasoning) === normalise(trimmedAnswer)) return "reasoning_repeats_answer";
    if (length >= COPIED_REASONING_MIN_CHARS && trimmedAnswer.includes(reasoning))
      return "answer_contains_reasoning";
  }
  return tagStuffing(check, count);
}

function tagStuffing(check: FormatCheck, sections: number): GamingReason | null {
  return check.schemaTagCount > 2 * sections ? "tag_stuffing" : null;
}

/** Letters, digits and other word characters in text[start, end), counting stops at `enough`. */
function contentChars(text: string, start: number, end: number, enough: number): number {
  const cls = charClasses();
  let found = 0;
  for (let i = start; i < end && found < enough; i++)
    if (cls[text.charCodeAt(i)]! & (WORD | SINGLE | HIGH)) found++;
  return found;
}

function containsAny(text: string, parts: readonly string[]): boolean {
  for (const part of parts) if (text.includes(part)) return true;
  return false;
}

function isPlaceholder(text: string, start: number, end: number): boolean {
  if (end - start > PLACEHOLDER_MAX_CHARS) return false;
  // A digit belongs to some word, and no filler word has one: most answers end here, unsplit.
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return false;
  }
  const words = text
    .slice(start, end)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  return words.length > 0 && words.every((w) => FILLER_WORDS.has(w));
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/\s+/g, " ");
}
