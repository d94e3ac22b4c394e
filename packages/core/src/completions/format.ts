import type { FormatSchema } from "../config/types.js";
import { charClasses, SPACE } from "./char-class.js";

/** Formats prepared once per analysis: every tag as an index into `tags`. */
export interface CompiledFormats {
  /** Distinct tag strings of all formats. */
  tags: string[];
  /** The distinct first characters of the tags. */
  firstChars: string[];
  /** Per first character, its tags' indices, longest first (the longest tag wins at a position). */
  byFirstChar: number[][];
  /** Per tag: the index of the open/close pair it opens or closes, -1 if none. */
  opens: Int32Array;
  closes: Int32Array;
  pairCount: number;
  schemas: CompiledSchema[];
}

/** One format with its tags as indices. */
export interface CompiledSchema {
  schema: FormatSchema;
  open: number[];
  close: number[];
  /** 1 for the tags of this format. */
  member: Uint8Array;
  /** Index of the reasoning and answer sections, -1 when the format names none. */
  reasoning: number;
  answer: number;
}

/** The format facts of one completion. */
export interface FormatCheck {
  /** The completion matches one of the formats exactly (see `checkFormat`). */
  compliant: boolean;
  /** The format it matches; else the first whose sections all appear in order; -1 when none. */
  schema: number;
  /** Content ranges of that format's sections: start0, end0, start1, end1, … (empty when schema is -1). */
  sections: number[];
  /** Occurrences of any known tag. */
  tagCount: number;
  /** Occurrences of the tags of `schema`. */
  schemaTagCount: number;
  /** Every known tag pair is properly opened and closed (never closed before opened, none left open). */
  balanced: boolean;
}

/**
 * Prepares formats for `checkFormat`.
 * @example
 * const formats = compileFormats(DEFAULT_COMPLETION_CONFIG.formats);
 */
export function compileFormats(formats: readonly FormatSchema[]): CompiledFormats {
  const tags: string[] = [];
  const tagIndex = (tag: string): number => {
    const found = tags.indexOf(tag);
    return found >= 0 ? found : tags.push(tag) - 1;
  };
  const pairKeys: string[] = [];
  const pairs: [number, number][] = [];
  const schemas = formats.map((schema): CompiledSchema => {
    const open = schema.sections.map((s) => tagIndex(s.open));
    const close = schema.sections.map((s) => tagIndex(s.close));
    open.forEach((o, i) => {
      const key = `${o},${close[i]}`;
      if (pairKeys.includes(key)) return;
      pairKeys.push(key);
      pairs.push([o, close[i]!]);
    });
    const names = schema.sections.map((s) => s.name);
    return {
      schema,
      open,
      close,
      member: new Uint8Array(0),
      reasoning: schema.reasoning === undefined ? -1 : names.indexOf(schema.reasoning),
      answer: schema.answer === undefined ? -1 : names.indexOf(schema.answer),
    };
  });
  for (const s of schemas) {
    s.member = new Uint8Array(tags.length);
    for (const t of [...s.open, ...s.close]) s.member[t] = 1;
  }
  const opens = new Int32Array(tags.length).fill(-1);
  const closes = new Int32Array(tags.length).fill(-1);
  pairs.forEach(([o, c], p) => {
    opens[o] = p;
    closes[c] = p;
  });
  const firstChars = [...new Set(tags.map((tag) => tag[0]!))];
  const byFirstChar = firstChars.map((first) =>
    tags.flatMap((tag, t) => (tag[0] === first ? [t] : [])).sort((a, b) => tags[b]!.length - tags[a]!.length),
  );
  return { tags, firstChars, byFirstChar, opens, closes, pairCount: pairs.length, schemas };
}

/**
 * Checks a completion against the formats. It complies with a format when the format's tags occur
 * exactly as open₁ close₁ open₂ close₂ … (each section opened and closed once, in order) and only
 * whitespace lies outside the sections. Tags are case-sensitive. Newlines around tags are not
 * required, which is stricter than TRL's soft regex `<think>.*?</think>\s*<answer>.*?</answer>`
 * (no text before or after) and looser than its strict one (`^<think>\n…\n</think>\n<answer>\n…`).
 * Sections may be empty here; format gaming judges their content.
 * @example
 * checkFormat("<think>2+2=4</think>\n<answer>4</answer>", compileFormats(formats)).compliant; // true
 */
export function checkFormat(text: string, formats: CompiledFormats): FormatCheck {
  const events = findTags(text, formats);
  const balanced = isBalanced(events, formats);
  let schema = -1;
  let sections: number[] | null = null;
  let compliant = false;
  for (let s = 0; s < formats.schemas.length && !compliant; s++) {
    const found = exactSections(text, events, formats, formats.schemas[s]!);
    if (found) {
      schema = s;
      sections = found;
      compliant = true;
    }
  }
  for (let s = 0; s < formats.schemas.length && schema < 0; s++) {
    const found = looseSections(events, formats, formats.schemas[s]!);
    if (found) {
      schema = s;
      sections = found;
    }
  }
  let schemaTagCount = 0;
  if (schema >= 0) {
    const member = formats.schemas[schema]!.member;
    for (let e = 0; e < events.length; e += 2) schemaTagCount += member[events[e]!]!;
  }
  return {
    compliant,
    schema,
    sections: sections ?? [],
    tagCount: events.length / 2,
    schemaTagCount,
    balanced,
  };
}

/**
 * Length of `text[start, end)` without surrounding whitespace.
 * @example
 * trimmedLength("  ab ", 0, 5); // 2
 */
export function trimmedLength(text: string, start: number, end: number): number {
  const cls = charClasses();
  while (start < end && cls[text.charCodeAt(start)] === SPACE) start++;
  while (end > start && cls[text.charCodeAt(end - 1)] === SPACE) end--;
  return end - start;
}

/** Known tags in order of position, flat: tag, position, tag, position… */
function findTags(text: string, formats: CompiledFormats): number[] {
  const events: number[] = [];
  const { tags, firstChars } = formats;
  for (let g = 0; g < firstChars.length; g++) {
    const first = firstChars[g]!;
    const group = formats.byFirstChar[g]!;
    let at = text.indexOf(first);
    while (at >= 0) {
      let next = at + 1;
      // Most candidates differ from the text in their second character: compare it before the rest.
      const second = text.charCodeAt(at + 1);
      for (let i = 0; i < group.length; i++) {
        const tag = tags[group[i]!]!;
        if (tag.length > 1 && tag.charCodeAt(1) !== second) continue;
        if (text.startsWith(tag, at)) {
          events.push(group[i]!, at);
          next = at + tag.length;
          break;
        }
      }
      at = text.indexOf(first, next);
    }
  }
  if (firstChars.length > 1) return sortEvents(events);
  return events;
}

function sortEvents(events: number[]): number[] {
  const order = Array.from({ length: events.length / 2 }, (_, i) => i);
  order.sort((a, b) => events[2 * a + 1]! - events[2 * b + 1]!);
  return order.flatMap((i) => [events[2 * i]!, events[2 * i + 1]!]);
}

/** Open sections per tag pair while checking balance; reused (a typed array per text cost more than the check). */
let depth = new Int32Array(16);

function isBalanced(events: number[], formats: CompiledFormats): boolean {
  if (events.length === 0) return true;
  if (depth.length < formats.pairCount) depth = new Int32Array(formats.pairCount);
  depth.fill(0, 0, formats.pairCount);
  for (let e = 0; e < events.length; e += 2) {
    const t = events[e]!;
    const opened = formats.opens[t]!;
    const closed = formats.closes[t]!;
    if (opened >= 0) depth[opened]!++;
    if (closed >= 0 && --depth[closed]! < 0) return false;
  }
  for (let p = 0; p < formats.pairCount; p++) if (depth[p] !== 0) return false;
  return true;
}

/** Sections when the format's tags are exactly open/close per section with only whitespace around. */
function exactSections(
  text: string,
  events: number[],
  formats: CompiledFormats,
  s: CompiledSchema,
): number[] | null {
  const sections: number[] = [];
  let expected = 0;
  let blankFrom = 0;
  for (let e = 0; e < events.length; e += 2) {
    const t = events[e]!;
    if (!s.member[t]) continue;
    const section = expected >> 1;
    const at = events[e + 1]!;
    if (section >= s.open.length) return null;
    if (expected % 2 === 0) {
      if (t !== s.open[section] || !isBlank(text, blankFrom, at)) return null;
      sections.push(at + formats.tags[t]!.length);
    } else {
      if (t !== s.close[section]) return null;
      sections.push(at);
      blankFrom = at + formats.tags[t]!.length;
    }
    expected++;
  }
  if (expected !== 2 * s.open.length || !isBlank(text, blankFrom, text.length)) return null;
  return sections;
}

/** Sections found in order (first open, then the first close after it), ignoring everything else. */
function looseSections(events: number[], formats: CompiledFormats, s: CompiledSchema): number[] | null {
  const sections: number[] = [];
  let e = 0;
  for (let section = 0; section < s.open.length; section++) {
    while (e < events.length && events[e] !== s.open[section]) e += 2;
    if (e >= events.length) return null;
    sections.push(events[e + 1]! + formats.tags[events[e]!]!.length);
    e += 2;
    while (e < events.length && events[e] !== s.close[section]) e += 2;
    if (e >= events.length) return null;
    sections.push(events[e + 1]!);
    e += 2;
  }
  return sections;
}

function isBlank(text: string, from: number, to: number): boolean {
  const cls = charClasses();
  for (let i = from; i < to; i++) if (cls[text.charCodeAt(i)] !== SPACE) return false;
  return true;
}
