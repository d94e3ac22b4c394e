import { RewardscopeError } from "@rewardscope/core";

/**
 * The deepest nesting a stored JSON value (a run's `config`) may have. Training configs nest a few levels; a value
 * nested thousands deep is an attack on every recursive reader after it (JSON.stringify overflows the stack).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Throws unless `value` nests at most `maxDepth` arrays or objects deep. Walks with its own stack, so the check
 * itself cannot overflow.
 * @throws RewardscopeError("invalid_event", "nests deeper than 64 levels", field)
 * @example
 * checkJsonDepth({ lr: 1e-6, optimizer: { betas: [0.9, 0.99] } }, "config"); // fine: 3 levels
 */
export function checkJsonDepth(value: unknown, field: string, maxDepth = MAX_JSON_DEPTH): void {
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, depth] = item;
    if (typeof node !== "object" || node === null) continue;
    if (depth > maxDepth)
      throw new RewardscopeError("invalid_event", `nests deeper than ${maxDepth} levels`, field);
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
}
