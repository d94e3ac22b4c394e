import { streamUrl } from "./client.js";
import type { LiveMessage } from "./types.js";

type Listener = (message: LiveMessage) => void;

/**
 * One EventSource per stream URL, shared by every component that listens to it, closed when the last one
 * leaves. EventSource reconnects by itself after a drop (the server suggests the delay with `retry:`).
 */
class SharedStream {
  private readonly listeners = new Set<Listener>();
  private source: EventSource | null = null;
  private connected = false;
  private readonly statusListeners = new Set<(connected: boolean) => void>();

  constructor(
    private readonly url: string,
    private readonly onEmpty: () => void,
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.source) this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.statusListeners.size === 0) this.close();
    };
  }

  watchStatus(listener: (connected: boolean) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.connected);
    return () => {
      this.statusListeners.delete(listener);
      if (this.listeners.size === 0 && this.statusListeners.size === 0) this.close();
    };
  }

  private open(): void {
    const source = new EventSource(this.url);
    this.source = source;
    const deliver = (event: MessageEvent<string>) => {
      let message: LiveMessage;
      try {
        message = JSON.parse(event.data) as LiveMessage;
      } catch {
        return; // a frame cut by a proxy: the next step carries the state forward anyway
      }
      for (const listener of [...this.listeners]) listener(message);
    };
    for (const kind of ["step", "alert", "run"]) source.addEventListener(kind, deliver);
    source.onopen = () => this.setConnected(true);
    source.onerror = () => this.setConnected(false);
  }

  private setConnected(connected: boolean): void {
    this.connected = connected;
    for (const listener of this.statusListeners) listener(connected);
  }

  private close(): void {
    this.source?.close();
    this.source = null;
    this.connected = false;
    this.onEmpty();
  }
}

const streams = new Map<string, SharedStream>();

function streamFor(run: string | null): SharedStream {
  const url = streamUrl(run);
  let stream = streams.get(url);
  if (!stream) {
    stream = new SharedStream(url, () => streams.delete(url));
    streams.set(url, stream);
  }
  return stream;
}

/**
 * Listens to the live messages of one run (or of every run, with null). Returns the unsubscribe function.
 * @example
 * const off = subscribeLive("qwen-1", (m) => { if (m.kind === "step") append(m.series); });
 */
export function subscribeLive(run: string | null, listener: Listener): () => void {
  return streamFor(run).subscribe(listener);
}

/** Follows whether the stream of `run` is connected. Returns the unsubscribe function. */
export function watchConnection(run: string | null, listener: (connected: boolean) => void): () => void {
  return streamFor(run).watchStatus(listener);
}
