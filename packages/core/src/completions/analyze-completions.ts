import type { CompletionAnalysisConfig, FormatSchema } from "../config/types.js";
import type { CompletionFlag, FlaggedCompletion, QualityMetrics } from "../monitor/report.js";
import { checkCompletionConfig } from "./check-config.js";
import { type CompletionInput, checkCompletionInput } from "./completion-input.js";
import { type CompletionMeasures, measureCompletions } from "./completion-measures.js";
import { exactDuplicates } from "./diversity.js";
import { type CompiledFormats, compileFormats } from "./format.js";
import { lengthStats } from "./length-stats.js";
import { nearDuplicateFlags } from "./near-duplicates.js";
import { type NgramLevel, ngramLevels } from "./ngrams.js";
import { evenlySpaced } from "./sample.js";
import { Scratch } from "./scratch.js";
import { tokenizeBatch } from "./token-batch.js";

// Shared by every call: an analysis runs synchronously from start to end, so calls never interleave.
const scratch = new Scratch();

/** The generation quality of one step and the completions worth a look. */
export interface CompletionAnalysis {
  quality: QualityMetrics;
  /** Analysed completions with at least one flag, by index into the input, in order. */
  flagged: FlaggedCompletion[];
}

/**
 * Analyses the completions of one step: format compliance and gaming, repetition, compression,
 * diversity and near-duplicates, degenerate output, and length against reward. Null completions are
 * skipped; beyond `config.maxAnalysed`, an evenly spaced sample of the others is analysed. Each
 * text is tokenized once (one scan) and every measure works on the shared word ids.
 * Throws RewardscopeError ("invalid_config" / "invalid_argument") for a bad config or input.
 * @example
 * const { quality, flagged } = analyzeCompletions(
 *   { completions: ["<think>2+2 is 4</think><answer>4</answer>", "4 4 4 4 4"], totals: [1, 0] },
 *   DEFAULT_COMPLETION_CONFIG,
 * );
 * quality.formatCompliance; // 0.5
 * flagged; // [{ index: 1, flags: ["format_violation", "repetitive", "degenerate"] }]
 */
export function analyzeCompletions(
  input: CompletionInput,
  config: CompletionAnalysisConfig,
): CompletionAnalysis {
  checkCompletionConfig(config);
  const n = checkCompletionInput(input);
  const present: number[] = [];
  for (let i = 0; i < n; i++) if (typeof input.completions[i] === "string") present.push(i);
  const picked = evenlySpaced(present, config.maxAnalysed);
  const texts = picked.map((i) => input.completions[i] as string);
  const batch = tokenizeBatch(texts, scratch);
  const [unigrams, bigrams] = ngramLevels(batch.ids, batch.starts, batch.vocab.size, 2, scratch) as [
    NgramLevel,
    NgramLevel,
  ];
  const formats = compiledFormats(config.formats);
  const measures = measureCompletions(texts, batch, bigrams, formats, config, scratch);
  const firstOf = exactDuplicates(texts);
  const nearDuplicate = nearDuplicateFlags(batch, bigrams, firstOf, config.nearDuplicateThreshold, scratch);
  const m = texts.length;
  let unique = 0;
  for (let d = 0; d < m; d++) if (firstOf[d] === d) unique++;
  let ttrSum = 0;
  let ttrCount = 0;
  for (const scan of batch.scans) {
    if (scan.tokens === 0) continue;
    ttrSum += scan.uniqueTokens / scan.tokens;
    ttrCount++;
  }
  const quality: QualityMetrics = {
    analysed: m,
    formatCompliance: formats.schemas.length > 0 ? share(measures, (x) => x.compliant === true) : null,
    tagBalance: formats.schemas.length > 0 ? share(measures, (x) => x.balanced === true) : null,
    meanTagCount: mean(measures, (x) => x.tagCount),
    meanReasoningLength: mean(measures, (x) => x.reasoningLength),
    meanAnswerLength: mean(measures, (x) => x.answerLength),
    meanResponseLength: mean(texts, (t) => t.length),
    emptyRate: share(measures, (x) => x.degenerate === "empty"),
    reasoningIndicatorRate:
      config.reasoningIndicators.length > 0 ? share(measures, (x) => x.indicator === true) : null,
    meanRepetition: mean(measures, (x) => x.repetition),
    maxRepetition: m > 0 ? measures.reduce((max, x) => Math.max(max, x.repetition), 0) : null,
    meanCompressionRatio: mean(measures, (x) => x.compression),
    repetitiveRate: share(measures, (x) => x.repetition > config.repetitiveThreshold),
    uniqueRatio: m > 0 ? unique / m : null,
    nearDuplicateRatio: m > 0 ? nearDuplicate.reduce((a, b) => a + b, 0) / m : null,
    distinct1: unigrams.total > 0 ? unigrams.distinct / unigrams.total : null,
    distinct2: bigrams.total > 0 ? bigrams.distinct / bigrams.total : null,
    typeTokenRatio: ttrCount > 0 ? ttrSum / ttrCount : null,
    formatGamingRate: formats.schemas.length > 0 ? share(measures, (x) => x.gaming !== null) : null,
    degenerateRate: share(measures, (x) => x.degenerate !== null),
    ...lengthStats(
      input,
      picked,
      batch.scans.map((s) => s.words),
    ),
  };
  return { quality, flagged: flags(measures, picked, input, config) };
}

function flags(
  measures: readonly CompletionMeasures[],
  picked: readonly number[],
  input: CompletionInput,
  config: CompletionAnalysisConfig,
): FlaggedCompletion[] {
  const flagged: FlaggedCompletion[] = [];
  measures.forEach((x, d) => {
    const index = picked[d]!;
    const list: CompletionFlag[] = [];
    if (x.compliant === false) list.push("format_violation");
    if (x.gaming !== null) list.push("format_gaming");
    if (x.repetition > config.repetitiveThreshold) list.push("repetitive");
    if (x.degenerate !== null) list.push("degenerate");
    if (x.degenerate === "empty") list.push("empty");
    if (input.truncated?.[index] === true) list.push("truncated");
    if (list.length > 0) flagged.push({ index, flags: list });
  });
  return flagged;
}

/** Share of items passing `test`; null for none. */
function share<T>(items: readonly T[], test: (item: T) => boolean): number | null {
  if (items.length === 0) return null;
  let hits = 0;
  for (let i = 0; i < items.length; i++) if (test(items[i]!)) hits++;
  return hits / items.length;
}

/** Mean of the non-null values of `value` over the items; null when there is none. */
function mean<T>(items: readonly T[], value: (item: T) => number | null): number | null {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < items.length; i++) {
    const v = value(items[i]!);
    if (v === null) continue;
    sum += v;
    count++;
  }
  return count > 0 ? sum / count : null;
}

/** Formats compiled once per list: a Monitor passes the same configured list with every step. */
const compiled = new WeakMap<readonly FormatSchema[], CompiledFormats>();

function compiledFormats(formats: readonly FormatSchema[]): CompiledFormats {
  let formatsOf = compiled.get(formats);
  if (!formatsOf) {
    formatsOf = compileFormats(formats);
    compiled.set(formats, formatsOf);
  }
  return formatsOf;
}
