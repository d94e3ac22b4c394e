import { allAlerts } from "../report/all-alerts.js";
import { runSteps } from "../report/history-scan.js";
import type { ExportFormat } from "./export-format.js";

/**
 * `--format json`: `{"version":1,"run":{…},"steps":N,"alerts":[…],"series":{"<name>":{"steps":[…],"values":[…]}}}`,
 * every series at full resolution (the HTTP API's series shape), streamed one series at a time.
 */
export const jsonFormat: ExportFormat = {
  name: "json",
  description: "the run, every alert and every series at full resolution, as one JSON document",
  extension: "json",
  binary: false,
  async write(store, run, out) {
    const record = await store.getRun(run);
    const steps = (await runSteps(store, run)).length;
    await out.write(`{"version":1,"run":${JSON.stringify(record)},"steps":${steps},"alerts":[`);
    const alerts = await allAlerts(store, run);
    for (let i = 0; i < alerts.length; i += 1000)
      await out.write(
        `${i > 0 ? "," : ""}${alerts
          .slice(i, i + 1000)
          .map((a) => JSON.stringify(a))
          .join(",")}`,
      );
    await out.write(`],"series":{`);
    const names = await store.seriesNames(run);
    for (const [i, name] of names.entries()) {
      const [series] = await store.series(run, { names: [name] });
      const body = JSON.stringify({ steps: series?.steps ?? [], values: series?.values ?? [] });
      await out.write(`${i > 0 ? "," : ""}\n${JSON.stringify(name)}:${body}`);
    }
    await out.write("}}\n");
    return { steps };
  },
};
