import { RewardscopeError } from "@rewardscope/core";
import { describeCell } from "./cell-values.js";

/**
 * The text of a prompt or completion cell: plain text as is; a conversation (TRL's conversational format, a list
 * of `{role, content}` messages) as its contents joined by newlines, as the Python helper in the README does.
 * Content may itself be a list of parts (`{type: "text", text}`); parts without text (images) are left out.
 * @throws RewardscopeError("invalid_event") naming the cell when it is neither.
 * @example
 * cellText([{ role: "user", content: "2+2?" }], "prompt[0]"); // "2+2?"
 */
export function cellText(value: unknown, field: string): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value))
    return value.map((message, i) => messageText(message, `${field}[${i}]`)).join("\n");
  throw new RewardscopeError(
    "invalid_event",
    `must be text or a list of {role, content} messages, got ${describeCell(value)}`,
    field,
  );
}

function messageText(message: unknown, field: string): string {
  if (typeof message === "string") return message;
  if (typeof message !== "object" || message === null || Array.isArray(message))
    throw new RewardscopeError(
      "invalid_event",
      `must be a {role, content} message, got ${describeCell(message)}`,
      field,
    );
  const content = (message as { content?: unknown }).content;
  if (typeof content === "string") return content;
  if (content === null || content === undefined) return "";
  if (Array.isArray(content))
    return content
      .map((part) => (typeof part === "object" && part !== null ? (part as { text?: unknown }).text : part))
      .filter((text): text is string => typeof text === "string")
      .join("\n");
  throw new RewardscopeError(
    "invalid_event",
    `must be text or a list of parts, got ${describeCell(content)}`,
    `${field}.content`,
  );
}
