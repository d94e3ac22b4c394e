import { join, resolve } from "node:path";
import { RewardscopeError } from "@rewardscope/core";
import { reportDirOf } from "../../report/report-sink.js";
import { writeReport } from "../../report/write-report.js";
import { checkRunName } from "../../store/run-name.js";
import { type CliIo, type Command, EXIT } from "../cli-io.js";
import { DATA_FLAG, dataDirOf, openDataStore } from "../data-store.js";
import { type FlagTable, formatFlagHelp, HELP_FLAG, parseFlags } from "../flags.js";

/** The flags of `rewardscope report`. */
export const REPORT_FLAGS = {
  ...DATA_FLAG,
  out: {
    type: "string",
    value: "DIR",
    description: "write the report here (default DIR/reports/RUN of --data)",
  },
  ...HELP_FLAG,
} as const satisfies FlagTable;

const HELP = `Usage: rewardscope report RUN [flags]

Writes the report of a stored run into a folder: report.html (self-contained: open it anywhere, offline),
the charts as PNG (dashboard.png, reward_history.png, ...), monitoring_data.json and metrics_history.csv.

Flags:
${formatFlagHelp(REPORT_FLAGS)}
`;

/**
 * `rewardscope report RUN [--data DIR] [--out DIR]`
 * @example
 * await reportCommand.run(["qwen-1", "--out", "report"], io);
 */
export const reportCommand: Command = {
  name: "report",
  summary: "write a run's report: HTML, PNG charts, JSON and CSV",
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { flags, positionals } = parseFlags(REPORT_FLAGS, argv);
    if (flags.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    const [run, ...extra] = positionals;
    if (run === undefined) throw new RewardscopeError("invalid_argument", "report needs a RUN name");
    if (extra.length > 0)
      throw new RewardscopeError("invalid_argument", `unexpected argument ${JSON.stringify(extra[0])}`);
    checkRunName(run);
    const dataDir = dataDirOf(flags.data, io);
    const out = flags.out === undefined ? reportDirOf(dataDir, run) : resolve(flags.out);
    const store = await openDataStore(dataDir, flags.store);
    try {
      const written = await writeReport(store, run, out);
      io.stdout(
        `wrote the report of ${run} (${written.steps} steps, ${written.alerts} alerts) to ${join(written.dir, "report.html")}\n`,
      );
      return EXIT.ok;
    } finally {
      await store.close();
    }
  },
};
