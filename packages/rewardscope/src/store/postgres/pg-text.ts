import { RewardscopeError } from "@rewardscope/core";

// PostgreSQL text cannot hold NUL, and the driver sends strings as UTF-8, where a lone surrogate becomes U+FFFD.
// Completions are untrusted model output and may hold either; JSON escapes both.
const UNSTORABLE = /\0|\p{Cs}/u;

/** Whether PostgreSQL text would change this string (a NUL, or a lone surrogate). */
export function unstorable(text: string): boolean {
  return UNSTORABLE.test(text);
}

/**
 * The string as PostgreSQL text can hold it: each NUL becomes U+FFFD (the driver does the same to a lone
 * surrogate). Searches go through the same mapping, so they find what was stored.
 * @example
 * storableText("a\u0000b"); // "a\uFFFDb"
 */
export function storableText(text: string): string {
  return text.includes("\0") ? text.replaceAll("\0", "\uFFFD") : text;
}

/**
 * Refuses a name the schema keeps as plain text (series names, alert types, reward function names) when PostgreSQL
 * could not keep it exactly: a name is an identifier, never silently changed.
 */
export function checkPlainText(text: string, field: string): void {
  if (unstorable(text))
    throw new RewardscopeError("invalid_argument", "must not contain NUL or a lone surrogate", field);
}
