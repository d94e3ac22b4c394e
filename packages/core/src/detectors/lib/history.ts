/**
 * A bounded history of numbers (a ring buffer) kept in detector state. Plain JSON data, so it survives
 * the Monitor's serialisation; its size never exceeds `capacity`, whatever the length of the run.
 */

/** A ring of at most `capacity` numbers. Read it with {@link ringValues}; do not index `values` directly. */
export interface Ring {
  capacity: number;
  /** Storage: grows up to `capacity`, then is overwritten in place from index `next`. */
  values: number[];
  /** Where the next value goes once the ring is full (the oldest value is there). */
  next: number;
}

/**
 * An empty ring that keeps the last `capacity` values.
 * @example
 * const ring = createRing(3);
 * for (const x of [1, 2, 3, 4]) ringPush(ring, x);
 * ringValues(ring); // [2, 3, 4]
 */
export function createRing(capacity: number): Ring {
  return { capacity, values: [], next: 0 };
}

/** Appends `value`, dropping the oldest value when the ring is full (mutates `ring`). */
export function ringPush(ring: Ring, value: number): void {
  if (ring.values.length < ring.capacity) {
    ring.values.push(value);
    return;
  }
  ring.values[ring.next] = value;
  ring.next = (ring.next + 1) % ring.capacity;
}

/** The values, oldest first (a new array). */
export function ringValues(ring: Ring): number[] {
  if (ring.values.length < ring.capacity || ring.next === 0) return ring.values.slice();
  return ring.values.slice(ring.next).concat(ring.values.slice(0, ring.next));
}

/** Whether the ring holds `capacity` values. */
export function ringFull(ring: Ring): boolean {
  return ring.values.length >= ring.capacity;
}
