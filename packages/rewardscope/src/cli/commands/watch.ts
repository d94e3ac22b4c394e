import { stat } from "node:fs/promises";
import { RewardscopeError } from "@rewardscope/core";
import { formatRunSummary } from "../../console/run-summary.js";
import { createStyle, stripControl } from "../../console/style.js";
import { HttpIngest } from "../../importers/http-ingest.js";
import { tallyRun } from "../../importers/import-into-store.js";
import { openLocalIngest } from "../../importers/local-ingest.js";
import { LOG_FORMATS, type LogFormat } from "../../importers/log-format.js";
import { runNameFor } from "../../importers/run-name.js";
import { watchFolder } from "../../importers/watch/watch-folder.js";
import { loadConfig } from "../../io/load-config.js";
import { fileErrorReason } from "../../io/read-events.js";
import { createConsoleSink } from "../../sinks/console-sink.js";
import { attachSinks } from "../../sinks/sink.js";
import { type CliIo, type Command, EXIT } from "../cli-io.js";
import { type FlagTable, formatFlagHelp, HELP_FLAG, parseFlags } from "../flags.js";
import { DEFAULT_EVERY } from "./analyze.js";
import { SERVE_DEFAULTS } from "./serve.js";

/** The flags of `rewardscope watch`. */
export const WATCH_FLAGS = {
  run: { type: "string", value: "NAME", description: "the run's name (default: the folder's name)" },
  data: {
    type: "string",
    value: "DIR",
    description: `data folder (default $REWARDSCOPE_DATA or ${SERVE_DEFAULTS.data})`,
  },
  config: { type: "string", value: "FILE", description: "Monitor configuration (JSON, or YAML)" },
  server: {
    type: "string",
    value: "URL",
    description: "post to a running `rewardscope serve` at URL instead of writing the data folder",
  },
  token: {
    type: "string",
    value: "T",
    description: "with --server: its write token (default $REWARDSCOPE_TOKEN)",
  },
  poll: {
    type: "integer",
    min: 50,
    description: "longest wait between two reads of the folder, in ms (default 2000)",
  },
  every: {
    type: "integer",
    min: 1,
    description: `print the step breakdown every N steps (default ${DEFAULT_EVERY})`,
  },
  quiet: { type: "boolean", short: "q", description: "print only problems and the final summary" },
  ...HELP_FLAG,
} as const satisfies FlagTable;

const HELP = `Usage: rewardscope watch DIR [flags]

Follows a training output folder into a live run until Ctrl-C: TensorBoard event files as they grow (else each
new checkpoint's trainer_state.json), new TRL completions parquet files, growing JSONL and CSV logs. The run is
analysed as the server would; on Ctrl-C what is left is read, and the run is finished.

Flags:
${formatFlagHelp(WATCH_FLAGS)}
`;

async function checkFolder(dir: string): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(dir)).isDirectory();
  } catch (error) {
    throw new RewardscopeError("invalid_argument", `cannot watch ${dir}: ${fileErrorReason(error)}`);
  }
  if (!isFolder) throw new RewardscopeError("invalid_argument", `cannot watch ${dir}: not a folder`);
}

/**
 * `rewardscope watch DIR [--run NAME] [--data DIR | --server URL [--token T]] [--poll MS]`: runs until io.signal.
 * @example
 * await watchCommand.run(["outputs/qwen", "--run", "qwen"], io);
 */
export const watchCommand: Command = {
  name: "watch",
  summary: "follow a training output folder (TRL, TensorBoard, verl) into a live run",
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { flags, positionals } = parseFlags(WATCH_FLAGS, argv);
    if (flags.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    const [dir, ...extra] = positionals;
    if (dir === undefined)
      throw new RewardscopeError("invalid_argument", "watch needs a DIR (a training output folder)");
    if (extra.length > 0)
      throw new RewardscopeError("invalid_argument", `unexpected argument ${JSON.stringify(extra[0])}`);
    await checkFolder(dir);
    const run = flags.run ?? runNameFor(dir, true);
    const signal = io.signal ?? new AbortController().signal;
    const common = {
      run,
      signal,
      ...(flags.poll !== undefined && { pollMs: flags.poll }),
      onProblem: (problem: string) => io.stderr(`${stripControl(problem)}\n`),
    };
    if (flags.server !== undefined) {
      // A server restarting must not end the watch: retried until it answers or the watch stops.
      const ingest = new HttpIngest(flags.server, flags.token ?? io.env?.REWARDSCOPE_TOKEN, {
        attempts: Number.POSITIVE_INFINITY,
        signal,
      });
      io.stdout(`watching ${dir} into run ${stripControl(run)} at ${flags.server} (Ctrl-C to stop)\n`);
      const result = await watchFolder(dir, { ...common, ingest });
      io.stdout(`run ${stripControl(run)}: ${result.events} events in ${result.batches} batches sent\n`);
      return EXIT.ok;
    }
    const data = flags.data ?? io.env?.REWARDSCOPE_DATA ?? SERVE_DEFAULTS.data;
    const config = flags.config === undefined ? undefined : await loadConfig(flags.config);
    const local = await openLocalIngest(data, config);
    const { tally, stop } = tallyRun(local.bus, run);
    const detach = flags.quiet
      ? () => {}
      : attachSinks(local.bus, [
          createConsoleSink({
            write: io.stdout,
            every: flags.every ?? DEFAULT_EVERY,
            color: io.color === true,
          }),
        ]);
    let sources: Map<string, string>;
    try {
      io.stdout(`watching ${dir} into run ${stripControl(run)} (data: ${data}; Ctrl-C to stop)\n`);
      sources = (await watchFolder(dir, { ...common, ingest: local.sessions })).sources;
    } finally {
      detach();
      stop();
      await local.close();
    }
    const summary = formatRunSummary(
      {
        run,
        steps: tally.steps,
        skipped: 0,
        lateEvents: 0,
        alertCounts: { bySeverity: tally.alertsBySeverity, byType: tally.alertsByType },
        notRun: tally.notRun ?? [],
      },
      createStyle(io.color === true),
    );
    io.stdout(summary);
    for (const [path, format] of sources)
      io.stdout(`  from         ${stripControl(path)} (${LOG_FORMATS[format as LogFormat]})\n`);
    return EXIT.ok;
  },
};
