/**
 * A map from small non-negative integers (word or n-gram ids of a batch) to a few integers each,
 * emptied in O(1): an entry counts only when it carries the current stamp. One completion's facts
 * about batch-wide ids ("this bigram was seen here, followed by word w") then cost an array access
 * each, where a hash table per completion cost a hash and a probe. Hot loops read `entries` and
 * `stamp` into locals after `reset` (through methods they ran 30% slower).
 * @example
 * const map = new StampMap(2);
 * map.reset(keys);
 * const { entries, stamp } = map;
 * const present = entries[2 * key] === stamp; // its value: entries[2 * key + 1]
 */
export class StampMap {
  /** Per key k: `entries[width * k] === stamp` when k is in the map, then its values follow. */
  entries = new Int32Array(0);
  stamp = 0;

  /** `width`: ints per key, the stamp included. */
  constructor(readonly width = 1) {}

  /**
   * Empties the map and makes room for the keys below `keys`.
   * @example
   * map.reset(vocab.size);
   */
  reset(keys: number): void {
    if (this.width * keys > this.entries.length) {
      this.entries = new Int32Array(Math.max(this.width * keys, 2 * this.entries.length));
      this.stamp = 0;
    }
    this.stamp++;
    if (this.stamp === 0x7fffffff) {
      this.entries.fill(0);
      this.stamp = 1;
    }
  }
}
