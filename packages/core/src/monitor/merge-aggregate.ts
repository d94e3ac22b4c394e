import type { RewardAggregate } from "../events/types.js";

/**
 * Pools two aggregates of the same function and step (several ranks or batches) as if their values had come
 * together: counts add, means are weighted by count, variances pooled around the new mean. An aggregate without
 * a count weighs 1 and leaves the pooled count unknown; a field either side lacks is left out.
 * @example
 * mergeRewardAggregate({ mean: 1, std: 0, count: 2 }, { mean: 3, std: 0, count: 2 }); // { mean: 2, std: 1, count: 4 }
 */
export function mergeRewardAggregate(
  existing: RewardAggregate | undefined,
  incoming: RewardAggregate,
): RewardAggregate {
  const next = pick(incoming);
  if (existing === undefined) return next;
  const w1 = existing.count ?? 1;
  const w2 = incoming.count ?? 1;
  const total = w1 + w2;
  // Two aggregates of 0 values each: nothing to weigh, keep the first.
  if (total === 0) return existing;
  const mean = (w1 * existing.mean + w2 * incoming.mean) / total;
  const merged: RewardAggregate = { mean };
  if (existing.std !== undefined && incoming.std !== undefined) {
    const second =
      (w1 * (existing.std ** 2 + existing.mean ** 2) + w2 * (incoming.std ** 2 + incoming.mean ** 2)) / total;
    merged.std = Math.sqrt(Math.max(0, second - mean ** 2));
  }
  if (existing.min !== undefined && incoming.min !== undefined)
    merged.min = Math.min(existing.min, incoming.min);
  if (existing.max !== undefined && incoming.max !== undefined)
    merged.max = Math.max(existing.max, incoming.max);
  if (existing.count !== undefined && incoming.count !== undefined) merged.count = total;
  return merged;
}

/** Only the aggregate's own fields (an event carries type, step, rank too). */
function pick(source: RewardAggregate): RewardAggregate {
  const out: RewardAggregate = { mean: source.mean };
  if (source.std !== undefined) out.std = source.std;
  if (source.min !== undefined) out.min = source.min;
  if (source.max !== undefined) out.max = source.max;
  if (source.count !== undefined) out.count = source.count;
  return out;
}
