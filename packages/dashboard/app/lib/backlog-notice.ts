/** The server's analysis backlog, as `/api/v1/health` reports it. */
export interface AnalysisBacklog {
  waitingBatches: number;
  oldestWaitS: number;
}

/** From this wait on, the dashboard says the analysis is behind: steps then reach the charts that much later. */
export const BEHIND_AFTER_S = 30;

/**
 * What to tell the user about the analysis backlog, or null when it keeps up.
 * @example
 * backlogNotice({ waitingBatches: 12, oldestWaitS: 95 }); // "The server's analysis is behind: 12 batches wait, the oldest for 1 min 35 s. New steps appear late."
 */
export function backlogNotice(backlog: AnalysisBacklog | undefined): string | null {
  if (!backlog || backlog.oldestWaitS < BEHIND_AFTER_S) return null;
  const seconds = Math.round(backlog.oldestWaitS);
  const wait = seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const batches = backlog.waitingBatches === 1 ? "1 batch waits" : `${backlog.waitingBatches} batches wait`;
  return `The server's analysis is behind: ${batches}, the oldest for ${wait}. New steps appear late.`;
}
