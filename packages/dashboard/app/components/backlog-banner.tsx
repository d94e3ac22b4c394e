import { useEffect, useState } from "react";
import { getHealth } from "../api/client.js";
import { backlogNotice } from "../lib/backlog-notice.js";

/** How often the banner asks the server how far its analysis is behind. */
const POLL_MS = 10_000;

/** A banner under the top bar while the server's analysis is behind (a stuck or overloaded analysis). */
export function BacklogBanner() {
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    let controller = new AbortController();
    const poll = () => {
      controller.abort();
      controller = new AbortController();
      getHealth(controller.signal).then(
        (health) => setNotice(backlogNotice(health.analysis)),
        // An unreachable server shows as errors where data is loaded; the banner only speaks of the backlog.
        () => {},
      );
    };
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, []);
  if (notice === null) return null;
  return (
    <p className="backlog-banner" role="status">
      {notice}
    </p>
  );
}
