import { parseEvent, RewardscopeError, type RewardscopeEvent } from "@rewardscope/core";

/**
 * Gathers the events an importer makes, each checked by the event format's own validator, and the problems of
 * the input as `FILE:LINE: field: problem` lines, so a bad row is reported where it is and the rest imports.
 * @example
 * const out = new EventCollector();
 * out.add({ type: "metrics", step: 3, values: { kl: 0.1 } }, "log.jsonl:3");
 */
export class EventCollector {
  readonly events: RewardscopeEvent[] = [];
  readonly problems: string[] = [];

  /** Validates `raw` and keeps it; a RewardscopeError becomes a problem at `where`. */
  add(raw: unknown, where: string): void {
    try {
      this.events.push(parseEvent(raw));
    } catch (error) {
      if (!(error instanceof RewardscopeError)) throw error;
      this.problems.push(`${where}: ${error.message}`);
    }
  }

  /** Records a problem of the input at `where` (a row that is not what its format says). */
  problem(where: string, message: string): void {
    this.problems.push(`${where}: ${message}`);
  }
}
