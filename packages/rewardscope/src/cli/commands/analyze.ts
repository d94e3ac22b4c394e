import { basename } from "node:path";
import { RewardscopeError, SEVERITIES, type Severity } from "@rewardscope/core";
import { detectFormat, importFile, readHead } from "../../importers/import-file.js";
import { JSONL_FORMATS, readJsonlLog } from "../../importers/jsonl-stream.js";
import { LOG_FORMATS, type LogFormat } from "../../importers/log-format.js";
import { runNameFor } from "../../importers/run-name.js";
import { openInput, type RawRecord, readRecords } from "../../io/read-events.js";
import type { CliIo, Command } from "../cli-io.js";
import { EXIT } from "../cli-io.js";
import { type FlagTable, formatFlagHelp, HELP_FLAG, parseFlags } from "../flags.js";
import { runAnalysis } from "../run-analysis.js";

/** Steps between two console breakdowns, unless --every says otherwise. */
export const DEFAULT_EVERY = 50;

/** The flags of `rewardscope analyze`. */
export const ANALYZE_FLAGS = {
  json: {
    type: "string",
    value: "OUT",
    description: "write the run, its alerts and every step report to OUT as JSON",
  },
  config: { type: "string", value: "FILE", description: "Monitor configuration (JSON, or YAML)" },
  "fail-on": {
    type: "string",
    value: "SEVERITY",
    choices: SEVERITIES,
    description: "exit 1 when an alert at or above SEVERITY was raised (low, medium, high, critical)",
  },
  every: {
    type: "integer",
    min: 1,
    description: `print the step breakdown every N steps (default ${DEFAULT_EVERY})`,
  },
  strict: { type: "boolean", description: "stop at the first malformed line, with exit code 2" },
  format: {
    type: "string",
    value: "FORMAT",
    choices: Object.keys(LOG_FORMATS),
    description: "the log's format, when its name and content do not tell (default: detected)",
  },
  quiet: { type: "boolean", short: "q", description: "print only malformed lines and the final summary" },
  ...HELP_FLAG,
} as const satisfies FlagTable;

const HELP = `Usage: rewardscope analyze FILE|- [flags]

Analyses a run's events (JSONL, or a JSON array; "-" reads standard input) or any log \`import\` reads
(TRL trainer_state.json or completions parquet, TensorBoard event file, verl JSONL, scalars JSONL or CSV):
prints a breakdown every N steps and each alert as it is raised, then a summary. Malformed lines are
reported and skipped.

Flags:
${formatFlagHelp(ANALYZE_FLAGS)}
`;

/** The run's name when the file declares none: the file name without its extension. */
function runNameOf(path: string): string {
  if (path === "-") return "stdin";
  return basename(path).replace(/\.(jsonl|ndjson|json)$/i, "") || "run";
}

/**
 * `rewardscope analyze FILE.jsonl|- [--json OUT] [--config FILE] [--fail-on SEVERITY] [--every N] [--strict] [--quiet]`
 * @example
 * await analyzeCommand.run(["run.jsonl", "--fail-on", "high"], io);
 */
export const analyzeCommand: Command = {
  name: "analyze",
  summary: "analyse a run's events from a JSONL file or standard input",
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { flags, positionals } = parseFlags(ANALYZE_FLAGS, argv);
    if (flags.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    const [path, ...extra] = positionals;
    if (path === undefined)
      throw new RewardscopeError("invalid_argument", "analyze needs a FILE (or - for stdin)");
    if (extra.length > 0)
      throw new RewardscopeError("invalid_argument", `unexpected argument ${JSON.stringify(extra[0])}`);
    const source = path === "-" ? "stdin" : path;
    const options = {
      source,
      runName: runNameOf(path),
      configPath: flags.config,
      jsonPath: flags.json,
      every: flags.every ?? DEFAULT_EVERY,
      strict: flags.strict === true,
      quiet: flags.quiet === true,
      failOn: flags["fail-on"] as Severity | undefined,
    };
    const format =
      (flags.format as LogFormat | undefined) ??
      (path === "-" ? "events" : detectFormat(path, await readHead(path)));
    if (format !== "events") {
      // Another trainer's log, converted to events and analysed like them: a JSONL log a chunk at a time, the
      // others (TensorBoard, parquet, CSV, trainer_state.json: small, or readable only whole) at once.
      const runName = runNameFor(path, false);
      if (JSONL_FORMATS.has(format)) return runAnalysis(convertedRecords(path), io, { ...options, runName });
      const { events, problems } = await importFile(path, format);
      const records = events.map((value, index): RawRecord => ({ kind: "item", index, value }));
      return runAnalysis(records, io, { ...options, runName, problems });
    }
    const input = await openInput(path, io.stdin);
    try {
      return await runAnalysis(readRecords(input.chunks, source), io, options);
    } finally {
      input.close();
    }
  },
};

/** The events of a JSONL log of another format, converted a chunk at a time, with the rows it could not convert. */
async function* convertedRecords(path: string): AsyncGenerator<RawRecord> {
  let index = 0;
  for await (const { events, problems } of readJsonlLog(path)) {
    for (const message of problems) yield { kind: "problem", message };
    for (const value of events) yield { kind: "item", index: index++, value };
  }
}
