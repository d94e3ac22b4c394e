import type { CompletionAnalysisConfig } from "../config/types.js";
import { charCompressionRatio, PhraseScratch, wordCompressionRatio, wordPhrases } from "./compression.js";
import { type DegenerateReason, degenerateReason } from "./degenerate.js";
import { type CompiledFormats, checkFormat, type FormatCheck, trimmedLength } from "./format.js";
import { formatGamingReason, type GamingReason } from "./format-gaming.js";
import type { NgramLevel } from "./ngrams.js";
import { compileIndicators, hasIndicator } from "./reasoning-indicators.js";
import {
  CHAR_LEVEL_MAX,
  charRepetition,
  needsCharLevel,
  RepetitionScratch,
  wordRepetition,
} from "./repetition.js";
import { Scratch } from "./scratch.js";
import type { TokenBatch } from "./token-batch.js";

/** Everything measured on one completion by itself. */
export interface CompletionMeasures {
  /** Null when no format is configured. */
  compliant: boolean | null;
  balanced: boolean | null;
  tagCount: number | null;
  /** Trimmed characters of the reasoning / answer section; null when not found. */
  reasoningLength: number | null;
  answerLength: number | null;
  /** Null when no indicator phrase is configured. */
  indicator: boolean | null;
  /** Repeated n-gram fraction (words, or characters for text without usable words). */
  repetition: number;
  /** Null for an empty text. */
  compression: number | null;
  gaming: GamingReason | null;
  degenerate: DegenerateReason | null;
}

/**
 * Measures each completion of a tokenized batch: format, gaming, reasoning indicators, repetition,
 * compression and degeneracy. `bigrams` are the batch's word bigrams (ngramLevels).
 * @example
 * measureCompletions(texts, batch, bigrams, compileFormats(config.formats), config);
 */
export function measureCompletions(
  texts: readonly string[],
  batch: TokenBatch,
  bigrams: NgramLevel,
  formats: CompiledFormats,
  config: CompletionAnalysisConfig,
  scratch = new Scratch(),
): CompletionMeasures[] {
  const { ids, starts, scans } = batch;
  const words = batch.vocab.size;
  const indicators =
    config.reasoningIndicators.length > 0 ? compileIndicators(config.reasoningIndicators, batch.vocab) : null;
  const repeats = scratch.keep("repetition", () => new RepetitionScratch());
  const dictionary = scratch.keep("lz78 dictionary", () => new PhraseScratch());
  const hasFormats = formats.schemas.length > 0;
  const out: CompletionMeasures[] = new Array(texts.length);
  for (let d = 0; d < texts.length; d++) {
    const text = texts[d]!;
    const scan = scans[d]!;
    const start = starts[d]!;
    const end = starts[d + 1]!;
    const charLevel = needsCharLevel(scan);
    const tail = charLevel && text.length > CHAR_LEVEL_MAX ? text.slice(-CHAR_LEVEL_MAX) : text;
    let repetition = wordRepetition(
      ids,
      bigrams.ids,
      start,
      end,
      config.repetitionN,
      repeats,
      words,
      bigrams.distinct,
    );
    if (charLevel) repetition = Math.max(repetition, charRepetition(tail));
    let compression: number | null = null;
    if (scan.chars > 0) {
      compression = charLevel
        ? charCompressionRatio(tail)
        : wordCompressionRatio(
            scan,
            wordPhrases(ids, bigrams.ids, start, end, dictionary, words, bigrams.distinct),
          );
    }
    const format = hasFormats ? checkFormat(text, formats) : null;
    const schema = format && format.schema >= 0 ? formats.schemas[format.schema]! : null;
    out[d] = {
      compliant: format ? format.compliant : null,
      balanced: format ? format.balanced : null,
      tagCount: format ? format.tagCount : null,
      reasoningLength: schema ? sectionLength(text, format!, schema.reasoning) : null,
      answerLength: schema ? sectionLength(text, format!, schema.answer) : null,
      indicator: indicators ? hasIndicator(ids, start, end, indicators) : null,
      repetition,
      compression,
      gaming: format ? formatGamingReason(text, format, formats, config.minContentChars) : null,
      degenerate: degenerateReason(scan, repetition),
    };
  }
  return out;
}

/** Trimmed length of section `i` of a format check; null for no section (-1). */
function sectionLength(text: string, format: FormatCheck, i: number): number | null {
  return i >= 0 ? trimmedLength(text, format.sections[2 * i]!, format.sections[2 * i + 1]!) : null;
}
