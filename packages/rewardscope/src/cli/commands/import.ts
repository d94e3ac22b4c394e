import { RewardscopeError } from "@rewardscope/core";
import { formatRunSummary } from "../../console/run-summary.js";
import { createStyle, stripControl } from "../../console/style.js";
import { type ImportedRun, importLogs } from "../../importers/import-logs.js";
import { openLocalIngest } from "../../importers/local-ingest.js";
import { LOG_FORMATS, type LogFormat } from "../../importers/log-format.js";
import { loadConfig } from "../../io/load-config.js";
import { type CliIo, type Command, EXIT } from "../cli-io.js";
import { type FlagTable, formatFlagHelp, HELP_FLAG, parseFlags } from "../flags.js";
import { SERVE_DEFAULTS } from "./serve.js";

/** Problems shown per log; the rest are counted. */
const PROBLEMS_SHOWN = 10;

/** The flags of `rewardscope import`. */
export const IMPORT_FLAGS = {
  run: {
    type: "string",
    value: "NAME",
    description: "import every PATH into this run (default: one run per PATH, named after it)",
  },
  data: {
    type: "string",
    value: "DIR",
    description: `data folder (default $REWARDSCOPE_DATA or ${SERVE_DEFAULTS.data})`,
  },
  config: { type: "string", value: "FILE", description: "Monitor configuration (JSON, or YAML)" },
  format: {
    type: "string",
    value: "FORMAT",
    choices: Object.keys(LOG_FORMATS),
    description: "the logs' format, when names and content do not tell (default: detected)",
  },
  ...HELP_FLAG,
} as const satisfies FlagTable;

const HELP = `Usage: rewardscope import PATH... [flags]

Imports training logs into the store, analyses them as the server would (alerts, step reports, series), and
prints a summary per run. PATH is a log file or a training output folder. Formats, detected by name and content:
${Object.values(LOG_FORMATS)
  .map((name) => `  - ${name}`)
  .join("\n")}
Importing the same log into the same run again stores nothing twice.

Flags:
${formatFlagHelp(IMPORT_FLAGS)}
`;

function describeRun(imported: ImportedRun, io: CliIo): string {
  const style = createStyle(io.color === true);
  const { tally } = imported;
  const problems = imported.logs.reduce((n, log) => n + log.problems.length, 0);
  const summary = formatRunSummary(
    {
      run: imported.run,
      steps: tally.steps,
      skipped: problems,
      lateEvents: 0,
      alertCounts: { bySeverity: tally.alertsBySeverity, byType: tally.alertsByType },
      notRun: tally.notRun ?? [],
    },
    style,
  );
  const lines = imported.logs.map(
    (log) => `  from         ${stripControl(log.path)} (${LOG_FORMATS[log.format]}, ${log.events} events)`,
  );
  const fns = imported.rewardFunctions.map(stripControl).join(", ") || "none";
  lines.push(`  functions    ${fns}`);
  if (imported.accepted === 0 && imported.logs.some((log) => log.events > 0))
    lines.push("  already imported: nothing new was stored");
  const [head, ...rest] = summary.trimEnd().split("\n");
  return `${[head, ...lines, ...rest].join("\n")}\n`;
}

/**
 * `rewardscope import PATH... [--run NAME] [--data DIR] [--config FILE] [--format FORMAT]`
 * @example
 * await importCommand.run(["outputs/checkpoint-500/trainer_state.json", "--run", "qwen"], io);
 */
export const importCommand: Command = {
  name: "import",
  summary: "import TRL, TensorBoard, verl or custom logs into the store and analyse them",
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { flags, positionals } = parseFlags(IMPORT_FLAGS, argv);
    if (flags.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (positionals.length === 0)
      throw new RewardscopeError("invalid_argument", "import needs a PATH (a log file or folder)");
    const data = flags.data ?? io.env?.REWARDSCOPE_DATA ?? SERVE_DEFAULTS.data;
    const config = flags.config === undefined ? undefined : await loadConfig(flags.config);
    const local = await openLocalIngest(data, config);
    let runs: ImportedRun[];
    try {
      runs = await importLogs(positionals, {
        ingest: local.sessions,
        bus: local.bus,
        ...(flags.run !== undefined && { run: flags.run }),
        ...(flags.format !== undefined && { format: flags.format as LogFormat }),
      });
    } finally {
      await local.close();
    }
    for (const run of runs) {
      for (const log of run.logs) {
        for (const problem of log.problems.slice(0, PROBLEMS_SHOWN)) io.stderr(`${stripControl(problem)}\n`);
        if (log.problems.length > PROBLEMS_SHOWN)
          io.stderr(`${log.path}: ${log.problems.length - PROBLEMS_SHOWN} more problems not shown\n`);
      }
      io.stdout(describeRun(run, io));
    }
    io.stdout(`stored in ${local.dataDir} (see it with: rewardscope serve --data ${JSON.stringify(data)})\n`);
    return EXIT.ok;
  },
};
