import type { Alert, StepReport } from "@rewardscope/core";
import { type FileSink, openFileSink } from "./file-sink.js";

/** Writes `{ "steps": [StepReport...], "run": {...}, "alerts": [...] }` one report at a time. */
export interface JsonReportWriter {
  step(report: StepReport): Promise<void>;
  /** Writes the run and the alerts, and closes the file. */
  finish(run: object, alerts: readonly Alert[]): Promise<void>;
  /** Closes the file without finishing it (the run stopped). Does nothing after finish. */
  close(): Promise<void>;
}

/**
 * Opens a JSON report file. The steps come first because they stream while the run and the alerts are
 * known only at the end; a JSON reader does not care about key order. Non-finite numbers become null.
 * @example
 * const out = await openJsonReport("report.json");
 * for (const report of monitor.flush()) await out.step(report);
 * await out.finish(monitor.run, monitor.alerts());
 */
export async function openJsonReport(path: string): Promise<JsonReportWriter> {
  const sink: FileSink = await openFileSink(path);
  let steps = 0;
  await sink.write('{"steps":[');
  return {
    async step(report) {
      await sink.write((steps++ === 0 ? "\n" : ",\n") + JSON.stringify(report));
    },
    async finish(run, alerts) {
      await sink.write(`\n],\n"run":${JSON.stringify(run)},\n"alerts":[`);
      for (let i = 0; i < alerts.length; i++)
        await sink.write((i === 0 ? "\n" : ",\n") + JSON.stringify(alerts[i]));
      await sink.write("\n]}\n");
      await sink.close();
    },
    close: () => sink.close(),
  };
}
