import { type FileHandle, open } from "node:fs/promises";

/**
 * Makes committed WAL frames durable with fdatasync in libuv's thread pool, so the server's thread works on
 * while the disk syncs, and concurrent writers share one sync (group commit). With synchronous=NORMAL, SQLite
 * writes a commit's frames to the WAL file but does not sync them; syncing that file afterwards gives what
 * synchronous=FULL gives (a checkpoint syncs the WAL itself before copying it, so a frame it already moved is
 * durable too).
 */
export class WalSync {
  private current: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  /** `datasync` syncs the file; `release` closes it. WalSync.ofFile gives the real ones. */
  constructor(
    private readonly datasync: () => Promise<void>,
    private readonly release: () => Promise<void> = async () => {},
  ) {}

  /** Syncs the WAL file at `walPath` (opened at the first sync: SQLite creates it at the first write). */
  static ofFile(walPath: string): WalSync {
    let handle: Promise<FileHandle> | null = null;
    return new WalSync(
      async () => {
        handle ??= open(walPath, "r");
        await (await handle).datasync();
      },
      async () => {
        const opened = handle;
        handle = null;
        if (opened) await (await opened).close();
      },
    );
  }

  /** Resolves once everything committed before the call is on disk. */
  sync(): Promise<void> {
    // A sync not yet started covers this commit; one already running may have started before it.
    if (this.next) return this.next;
    if (!this.current) return this.start();
    this.next = this.current
      .catch(() => {})
      .then(() => {
        this.next = null;
        return this.start();
      });
    return this.next;
  }

  async close(): Promise<void> {
    await this.next?.catch(() => {});
    await this.current?.catch(() => {});
    await this.release();
  }

  private start(): Promise<void> {
    const run = this.datasync().finally(() => {
      if (this.current === run) this.current = null;
    });
    this.current = run;
    return run;
  }
}
