import { RewardscopeError } from "../errors.js";

/**
 * A ring buffer of the last `capacity` values, as plain JSON data. `values` fills up to `capacity`;
 * `next` is where the next value goes once it is full (so `values[next]` is then the oldest).
 */
export interface RollingWindowState {
  capacity: number;
  values: number[];
  next: number;
}

/**
 * An empty window that keeps the last `capacity` values.
 * @example
 * const w = createRollingWindow(3);
 * pushValues(w, [1, 2, 3, 4]);
 * windowValues(w); // Float64Array [2, 3, 4]
 */
export function createRollingWindow(capacity: number): RollingWindowState {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RewardscopeError("invalid_argument", `must be a positive integer, got ${capacity}`, "capacity");
  }
  return { capacity, values: [], next: 0 };
}

/**
 * Appends values to the window (mutates it), evicting the oldest. When more than `capacity` values
 * arrive at once only the last `capacity` are kept.
 * @throws RewardscopeError("invalid_argument") for a NaN or infinite value (state must stay JSON-safe).
 */
export function pushValues(state: RollingWindowState, values: ArrayLike<number>): void {
  const { capacity } = state;
  const n = values.length;
  const start = n > capacity ? n - capacity : 0;
  for (let i = start; i < n; i++) {
    const v = values[i] as number;
    if (v - v !== 0)
      throw new RewardscopeError("invalid_argument", `must be finite, got ${v}`, `values[${i}]`);
  }
  const buf = state.values;
  let next = state.next;
  for (let i = start; i < n; i++) {
    const v = values[i] as number;
    if (buf.length < capacity) {
      buf.push(v);
      next = buf.length === capacity ? 0 : buf.length;
    } else {
      buf[next] = v;
      next = next + 1 === capacity ? 0 : next + 1;
    }
  }
  state.next = next;
}

/** The window's values in arrival order, oldest first, as a fresh array. */
export function windowValues(state: RollingWindowState): Float64Array {
  const buf = state.values;
  const out = new Float64Array(buf.length);
  if (buf.length < state.capacity) {
    for (let i = 0; i < buf.length; i++) out[i] = buf[i] as number;
    return out;
  }
  let k = 0;
  for (let i = state.next; i < buf.length; i++) out[k++] = buf[i] as number;
  for (let i = 0; i < state.next; i++) out[k++] = buf[i] as number;
  return out;
}

/** How many values the window holds (at most its capacity). */
export function windowSize(state: RollingWindowState): number {
  return state.values.length;
}
