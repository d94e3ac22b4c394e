import { RewardscopeError } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { type FlagTable, formatFlagHelp, HELP_FLAG, parseFlags } from "./flags.js";

const TABLE = {
  json: { type: "string", value: "OUT", description: "report file" },
  every: { type: "integer", min: 1, description: "interval" },
  seed: { type: "integer", min: 0, max: 10, description: "seed" },
  "fail-on": { type: "string", choices: ["low", "high"], description: "severity" },
  strict: { type: "boolean", description: "stop early" },
  ...HELP_FLAG,
} as const satisfies FlagTable;

function errorOf(argv: string[]): RewardscopeError {
  try {
    parseFlags(TABLE, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(RewardscopeError);
    return error as RewardscopeError;
  }
  throw new Error(`expected ${argv.join(" ")} to be rejected`);
}

describe("parseFlags", () => {
  it("returns typed values and positionals", () => {
    const { flags, positionals } = parseFlags(TABLE, [
      "run.jsonl",
      "--every",
      "10",
      "--json=o.json",
      "--strict",
      "-",
    ]);
    expect(flags).toEqual({ every: 10, json: "o.json", strict: true });
    expect(positionals).toEqual(["run.jsonl", "-"]);
    expect(parseFlags(TABLE, ["-h"]).flags).toEqual({ help: true });
    expect(parseFlags(TABLE, ["--fail-on", "high"]).flags["fail-on"]).toBe("high");
  });

  it("checks integers against their bounds", () => {
    expect(parseFlags(TABLE, ["--seed", "0"]).flags.seed).toBe(0);
    expect(errorOf(["--every", "0"]).message).toBe('--every: must be an integer ≥ 1, got "0"');
    expect(errorOf(["--every", "2.5"]).message).toBe('--every: must be an integer ≥ 1, got "2.5"');
    expect(errorOf(["--every", "ten"]).field).toBe("--every");
    expect(errorOf(["--seed", "11"]).message).toBe('--seed: must be an integer from 0 to 10, got "11"');
  });

  it("checks choices", () => {
    expect(errorOf(["--fail-on", "urgent"]).message).toBe(
      '--fail-on: must be one of low, high, got "urgent"',
    );
  });

  it("says what is wrong in one short line", () => {
    const unknown = errorOf(["--nope"]);
    expect(unknown.code).toBe("invalid_argument");
    expect(unknown.message).toBe("unknown flag --nope");
    expect(errorOf(["--json"]).message).toBe("--json: needs a value");
    expect(errorOf(["--strict=yes"]).message).toBe("--strict: takes no value");
  });
});

describe("formatFlagHelp", () => {
  it("aligns one line per flag", () => {
    expect(formatFlagHelp(TABLE).split("\n")).toEqual([
      "      --json OUT       report file",
      "      --every N        interval",
      "      --seed N         seed",
      "      --fail-on VALUE  severity",
      "      --strict         stop early",
      "  -h, --help           show this help",
    ]);
  });
});
