/** Reports a non-fatal problem of a sink (a failed delivery, a full queue, a file that cannot be written). */
export type Warn = (message: string) => void;

/** Distinct warnings shown before the rest are dropped, so a broken webhook cannot flood stderr. */
const MAX_DISTINCT = 100;

/**
 * The one warn function of the sinks: writes each distinct message once, as `rewardscope: <message>`,
 * and drops repeats, so a problem that recurs every step is said once.
 * @example
 * const warn = createWarnOnce((text) => process.stderr.write(text));
 * warn("webhook slack (hooks.slack.com): HTTP 500"); // written
 * warn("webhook slack (hooks.slack.com): HTTP 500"); // dropped
 */
export function createWarnOnce(write: (text: string) => void = (text) => process.stderr.write(text)): Warn {
  const seen = new Set<string>();
  return (message) => {
    if (seen.has(message) || seen.size > MAX_DISTINCT) return;
    seen.add(message);
    try {
      write(
        seen.size > MAX_DISTINCT
          ? "rewardscope: further sink warnings are not shown\n"
          : `rewardscope: ${message}\n`,
      );
    } catch {
      // Warning about a broken stderr would only fail again.
    }
  };
}
