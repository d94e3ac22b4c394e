import { parseArgs } from "node:util";
import { RewardscopeError } from "@rewardscope/core";

/** One flag of a command: its type, its help line, and the bounds of its value. */
export interface FlagSpec {
  type: "string" | "boolean" | "integer";
  description: string;
  short?: string;
  /** The value's placeholder in the help, e.g. "FILE". */
  value?: string;
  /** Inclusive bounds of an integer flag. */
  min?: number;
  max?: number;
  /** The values a string flag accepts. */
  choices?: readonly string[];
}

/** A command's flags, keyed by long name without the dashes ("fail-on"). */
export type FlagTable = Record<string, FlagSpec>;

/** The parsed values of a flag table: undefined when the flag was not given. */
export type FlagValues<T extends FlagTable> = {
  [K in keyof T]?: T[K]["type"] extends "boolean"
    ? boolean
    : T[K]["type"] extends "integer"
      ? number
      : string;
};

/** The flag every command has. */
export const HELP_FLAG = {
  help: { type: "boolean", short: "h", description: "show this help" },
} as const satisfies FlagTable;

function argumentError(message: string, flag?: string): RewardscopeError {
  return new RewardscopeError("invalid_argument", message, flag);
}

function checkInteger(spec: FlagSpec, flag: string, raw: string): number {
  const value = /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  const min = spec.min ?? Number.MIN_SAFE_INTEGER;
  const max = spec.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = spec.max === undefined ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
    throw argumentError(`must be ${range}, got ${JSON.stringify(raw)}`, flag);
  }
  return value;
}

/** Turns parseArgs' own errors (long, with advice for another tool) into one short line. */
function translate(error: unknown, table: FlagTable): RewardscopeError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return argumentError(`unknown flag ${flag}`);
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const name = flag.replace(/^-+/, "");
    const spec = table[name] ?? Object.entries(table).find(([, s]) => s.short === name)?.[1];
    return argumentError(spec?.type === "boolean" ? "takes no value" : "needs a value", flag);
  }
  return argumentError(message.split("\n")[0] ?? message);
}

/**
 * Parses a command's arguments against its flag table: integers are checked against their bounds and
 * choices against their list, so a command receives typed, valid values.
 * @throws RewardscopeError("invalid_argument", message, "--flag") for an unknown flag or a bad value.
 * @example
 * const { flags, positionals } = parseFlags({ every: { type: "integer", min: 1, description: "…" } }, ["--every", "10", "run.jsonl"]);
 * flags.every; // 10
 */
export function parseFlags<T extends FlagTable>(
  table: T,
  argv: readonly string[],
): { flags: FlagValues<T>; positionals: string[] } {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const [name, spec] of Object.entries(table)) {
    const option: { type: "string" | "boolean"; short?: string } = {
      type: spec.type === "boolean" ? "boolean" : "string",
    };
    if (spec.short !== undefined) option.short = spec.short;
    options[name] = option;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw translate(error, table);
  }
  const flags: Record<string, string | number | boolean> = {};
  for (const [name, raw] of Object.entries(parsed.values)) {
    const spec = table[name];
    if (spec === undefined || raw === undefined || Array.isArray(raw)) continue;
    const flag = `--${name}`;
    if (spec.type === "integer") flags[name] = checkInteger(spec, flag, String(raw));
    else if (spec.choices && !spec.choices.includes(String(raw)))
      throw argumentError(`must be one of ${spec.choices.join(", ")}, got ${JSON.stringify(raw)}`, flag);
    else flags[name] = raw;
  }
  return { flags: flags as FlagValues<T>, positionals: parsed.positionals };
}

/**
 * The flags section of a command's help, one aligned line per flag.
 * @example
 * formatFlagHelp(HELP_FLAG); // "  -h, --help  show this help"
 */
export function formatFlagHelp(table: FlagTable): string {
  const rows = Object.entries(table).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : "    ";
    const value =
      spec.type === "boolean" ? "" : ` ${spec.value ?? (spec.type === "integer" ? "N" : "VALUE")}`;
    return [`${short}--${name}${value}`, spec.description];
  });
  const width = Math.max(...rows.map(([left]) => left?.length ?? 0));
  return rows.map(([left, right]) => `  ${(left ?? "").padEnd(width)}  ${right}`).join("\n");
}
