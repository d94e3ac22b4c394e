import { open } from "node:fs/promises";

/**
 * The bytes of a file from `offset` to its current end (empty when it has not grown, or is gone: a checkpoint
 * rotated away). A file that shrank (rewritten from scratch) reads from its start: `restarted` says so.
 */
export async function readFrom(
  path: string,
  offset: number,
): Promise<{ bytes: Uint8Array; restarted: boolean }> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch {
    return { bytes: new Uint8Array(0), restarted: false };
  }
  try {
    const { size } = await handle.stat();
    const restarted = size < offset;
    const from = restarted ? 0 : offset;
    const bytes = new Uint8Array(size - from);
    let read = 0;
    while (read < bytes.length) {
      const { bytesRead } = await handle.read(bytes, read, bytes.length - read, from + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { bytes: bytes.subarray(0, read), restarted };
  } finally {
    await handle.close();
  }
}
