import { useEffect, useRef, useState } from "react";
import { subscribeLive, watchConnection } from "./live-stream.js";
import type { LiveMessage } from "./types.js";

/**
 * Calls `onMessage` for each live message of `run` (null: every run) while the component is mounted. The
 * latest callback is used without resubscribing, so it may close over fresh state.
 */
export function useLive(run: string | null, onMessage: (message: LiveMessage) => void): void {
  const callback = useRef(onMessage);
  callback.current = onMessage;
  useEffect(() => subscribeLive(run, (message) => callback.current(message)), [run]);
}

/** Whether the live stream of `run` is connected now. */
export function useLiveConnected(run: string | null): boolean {
  const [connected, setConnected] = useState(false);
  useEffect(() => watchConnection(run, setConnected), [run]);
  return connected;
}
