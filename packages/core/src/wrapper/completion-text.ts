/**
 * The text of a completion or prompt as trainers pass it: a string, or a chat (a list of `{ role, content }`
 * messages, whose contents are joined). Anything else becomes null.
 */
export function completionText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const message of value) {
      const content = (message as { content?: unknown } | null)?.content;
      if (typeof content === "string") parts.push(content);
    }
    return parts.length > 0 ? parts.join("\n") : null;
  }
  return null;
}

/**
 * GRPO groups from prompts: TRL passes the G completions of a prompt next to each other with the same prompt,
 * so each run of equal prompts is one group.
 * @example
 * groupsFromPrompts(["a", "a", "b", "b"]); // [0, 0, 1, 1]
 */
export function groupsFromPrompts(prompts: readonly (string | null)[]): number[] {
  const groups: number[] = [];
  let id = -1;
  for (let i = 0; i < prompts.length; i++) {
    if (i === 0 || prompts[i] !== prompts[i - 1]) id++;
    groups.push(id);
  }
  return groups;
}
