/**
 * Buffers and tables that one analysis uses and the next one reuses. A step's typed arrays add up to
 * ~1 MB; allocated afresh at every step they cost page faults and collections (measured: the bigram
 * table alone, 20 µs a step). Whatever a function returns in buffers of a scratch is valid until the
 * next call with the same scratch; functions that take one default to a fresh one.
 */
export class Scratch {
  private readonly arrays = new Map<string, Int32Array>();
  private readonly items = new Map<string, unknown>();

  /**
   * An Int32Array of `length` items called `name`, holding whatever its last user left in it.
   * @example
   * const ids = scratch.int32("bigram ids", count).fill(-1);
   */
  int32(name: string, length: number): Int32Array {
    let array = this.arrays.get(name);
    if (array === undefined || array.length < length) {
      array = new Int32Array(Math.max(length, array ? array.length * 2 : 0));
      this.arrays.set(name, array);
    }
    return array.subarray(0, length);
  }

  /**
   * The object called `name`, made by `make` on first use; the caller resets it.
   * @example
   * const table = scratch.keep("bigrams", () => new KeyTable(count)).clear();
   */
  keep<T>(name: string, make: () => T): T {
    let item = this.items.get(name) as T | undefined;
    if (item === undefined) {
      item = make();
      this.items.set(name, item);
    }
    return item;
  }
}
