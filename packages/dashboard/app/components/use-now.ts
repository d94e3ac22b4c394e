import { useEffect, useState } from "react";

/** The current time in milliseconds, refreshed every `everyMs`, for "12 s ago" labels and live dots. */
export function useNow(everyMs = 2000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
