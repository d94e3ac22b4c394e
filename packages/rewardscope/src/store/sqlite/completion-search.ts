import type Database from "better-sqlite3";

/**
 * Registers rs_contains(text, needle): case-insensitive substring test, for searches too short for trigrams
 * (or a SQLite without them). `needle` is already lower-case.
 */
export function registerFold(db: Database.Database): void {
  db.function("rs_contains", { deterministic: true }, (text: unknown, needle: unknown) =>
    typeof text === "string" && typeof needle === "string" && text.toLowerCase().includes(needle) ? 1 : 0,
  );
}

/**
 * The parameters of a text search. The user's text is never FTS syntax: it becomes one quoted phrase (quotes
 * doubled), which for trigram tokens means "contains this substring".
 * @example
 * completionSearch('say "hi"', true); // { match: '"say ""hi"""', contains: null }
 * completionSearch("hi", true); // { match: null, contains: "hi" }
 */
export function completionSearch(
  search: string | null,
  indexed: boolean,
): { match: string | null; contains: string | null } {
  if (search === null) return { match: null, contains: null };
  if (indexed && [...search].length >= 3)
    return { match: `"${search.replaceAll('"', '""')}"`, contains: null };
  return { match: null, contains: search.toLowerCase() };
}
