import type { SearchIndex } from "./search-index.js";

/**
 * Works off the search index's backlog after writes are acknowledged: one chunk a turn of the event loop, so a
 * request waits at most one chunk (~10 ms for 64 completions). Searches catch up on their own, so this only
 * keeps them fast; an error stops it until the next poke.
 * @example
 * const indexer = new BackgroundIndexer(index, 64, warn);
 * indexer.poke(); // after a saveStep that kept completions
 */
export class BackgroundIndexer {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly index: SearchIndex,
    private readonly rowsPerTurn: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Schedules work on the backlog, unless already scheduled. */
  poke(): void {
    if (this.timer !== null || this.stopped) return;
    this.timer = setTimeout(() => this.turn(), 0);
    // A process that is done should not stay up for the index: the next open resumes it.
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private turn(): void {
    this.timer = null;
    try {
      if (this.index.indexSome(this.rowsPerTurn)) this.poke();
    } catch (error) {
      this.onError(error);
    }
  }
}
