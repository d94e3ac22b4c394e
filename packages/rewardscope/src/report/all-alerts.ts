import type { Alert } from "@rewardscope/core";
import type { Store } from "../store/store.js";

/**
 * Every alert of a run, newest first, read page by page (the store pages at most 1,000).
 * @example
 * const alerts = await allAlerts(store, "qwen-1");
 */
export async function allAlerts(store: Store, run: string): Promise<Alert[]> {
  const out: Alert[] = [];
  for (;;) {
    const page = await store.alerts(run, { limit: 1000, offset: out.length });
    out.push(...page.alerts);
    if (page.alerts.length === 0 || out.length >= page.total) return out;
  }
}
