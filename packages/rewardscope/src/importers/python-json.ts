import { RewardscopeError } from "@rewardscope/core";

// A string literal (skipped as it is), or one of the bare words Python's json module writes for non-finite floats.
const STRING_OR_NON_FINITE = /"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g;

/**
 * Parses JSON as Python writes it: `json.dump` writes NaN, Infinity and -Infinity bare (a trainer's grad_norm
 * after an overflow), which JSON.parse refuses; they are read as null, i.e. "no value".
 * @throws RewardscopeError("invalid_event", "invalid JSON: ...") when the text is not JSON even so.
 * @example
 * parsePythonJson('{"grad_norm": NaN, "loss": 0.1}'); // { grad_norm: null, loss: 0.1 }
 */
export function parsePythonJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw invalid(error);
    try {
      return JSON.parse(
        text.replace(STRING_OR_NON_FINITE, (token) => (token.startsWith('"') ? token : "null")),
      );
    } catch {
      throw invalid(error);
    }
  }
}

function invalid(error: unknown): RewardscopeError {
  return new RewardscopeError("invalid_event", `invalid JSON: ${(error as Error).message}`);
}
