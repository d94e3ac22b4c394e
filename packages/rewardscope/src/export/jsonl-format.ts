import type { ExportFormat } from "./export-format.js";
import { type RebuildCounts, rebuildRunEvents } from "./run-events.js";

/** Lines buffered before each write. */
const LINES_PER_WRITE = 256;

/**
 * `--format jsonl`: the run as events of the event format, one a line, which `rewardscope analyze` reads and
 * POST /api/v1/runs/:run/events accepts: how a run moves to another server.
 */
export const jsonlFormat: ExportFormat = {
  name: "jsonl",
  description: "the run as events (the event format): for `analyze` or another server's POST …/events",
  extension: "jsonl",
  binary: false,
  async write(store, run, out) {
    const counts: RebuildCounts = { steps: 0, stepsWithCompletions: 0, stepsWithoutCompletions: 0 };
    let lines: string[] = [];
    for await (const event of rebuildRunEvents(store, run, counts)) {
      lines.push(JSON.stringify(event));
      if (lines.length >= LINES_PER_WRITE) {
        await out.write(`${lines.join("\n")}\n`);
        lines = [];
      }
    }
    if (lines.length > 0) await out.write(`${lines.join("\n")}\n`);
    const note =
      counts.stepsWithoutCompletions > 0
        ? `${counts.stepsWithoutCompletions} of ${counts.steps} steps kept only a sample of their completions (serve --completions-per-step): their events carry rewards without completion texts`
        : undefined;
    return { steps: counts.steps, ...(note !== undefined && { note }) };
  },
};
