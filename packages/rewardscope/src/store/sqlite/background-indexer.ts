import type { SearchIndex } from "./search-index.js";

/**
 * Works off the search index's backlog when writes pause: trigram-indexing a step's kept completions costs more
 * than storing the step, so it must not slow the acknowledgements of a busy run. Once no write has come for
 * `idleMs`, it indexes one chunk a turn of the event loop (a request then waits at most one chunk, ~10 ms for 64
 * completions). Training steps come seconds apart, so the index keeps up; searches catch up on their own, so
 * this only keeps them fast. An error stops it until the next poke.
 * @example
 * const indexer = new BackgroundIndexer(index, 64, warn);
 * indexer.poke(); // after a saveStep that kept completions
 */
export class BackgroundIndexer {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastWrite = 0;

  constructor(
    private readonly index: SearchIndex,
    private readonly rowsPerTurn: number,
    private readonly onError: (error: unknown) => void,
    private readonly idleMs = 100,
  ) {}

  /** A write happened: schedules work on the backlog for when writes pause, unless already scheduled. */
  poke(): void {
    this.lastWrite = Date.now();
    this.schedule(this.idleMs);
  }

  private schedule(delayMs: number): void {
    if (this.timer !== null || this.stopped) return;
    this.timer = setTimeout(() => this.turn(), delayMs);
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
    const quietFor = Date.now() - this.lastWrite;
    if (quietFor < this.idleMs) {
      this.schedule(this.idleMs - quietFor);
      return;
    }
    try {
      if (this.index.indexSome(this.rowsPerTurn)) this.schedule(0);
    } catch (error) {
      this.onError(error);
    }
  }
}
