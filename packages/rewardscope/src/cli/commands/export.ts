import { RewardscopeError } from "@rewardscope/core";
import { openExportFile } from "../../export/export-file.js";
import { EXPORT_FORMATS, type ExportOutput, type ExportSummary, exportFormat } from "../../export/index.js";
import { checkRunName } from "../../store/run-name.js";
import { type CliIo, type Command, EXIT } from "../cli-io.js";
import { DATA_FLAG, dataDirOf, openDataStore } from "../data-store.js";
import { type FlagTable, formatFlagHelp, HELP_FLAG, parseFlags } from "../flags.js";

/** The flags of `rewardscope export`. */
export const EXPORT_FLAGS = {
  ...DATA_FLAG,
  format: {
    type: "string",
    value: "FORMAT",
    choices: EXPORT_FORMATS.map((f) => f.name),
    description: `${EXPORT_FORMATS.map((f) => f.name).join(", ")} (required)`,
  },
  out: { type: "string", value: "FILE", description: "write to FILE (default: standard output)" },
  ...HELP_FLAG,
} as const satisfies FlagTable;

function formatList(): string {
  const width = Math.max(...EXPORT_FORMATS.map((f) => f.name.length));
  return EXPORT_FORMATS.map((f) => `  ${f.name.padEnd(width)}  ${f.description}`).join("\n");
}

const HELP = `Usage: rewardscope export RUN --format FORMAT [flags]

Writes a stored run in another format.

Formats:
${formatList()}

Flags:
${formatFlagHelp(EXPORT_FLAGS)}
`;

/**
 * `rewardscope export RUN --format json|csv|jsonl [--out FILE] [--data DIR]`
 * @example
 * await exportCommand.run(["qwen-1", "--format", "jsonl", "--out", "qwen-1.jsonl"], io);
 */
export const exportCommand: Command = {
  name: "export",
  summary: "write a stored run as JSON, CSV, or events (JSONL) for another server",
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { flags, positionals } = parseFlags(EXPORT_FLAGS, argv);
    if (flags.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    const [run, ...extra] = positionals;
    if (run === undefined) throw new RewardscopeError("invalid_argument", "export needs a RUN name");
    if (extra.length > 0)
      throw new RewardscopeError("invalid_argument", `unexpected argument ${JSON.stringify(extra[0])}`);
    checkRunName(run);
    if (flags.format === undefined)
      throw new RewardscopeError(
        "invalid_argument",
        `is required: one of ${EXPORT_FORMATS.map((f) => f.name).join(", ")}`,
        "--format",
      );
    const format = exportFormat(flags.format);
    if (format.binary && flags.out === undefined)
      throw new RewardscopeError(
        "invalid_argument",
        `is required for the binary format ${format.name}`,
        "--out",
      );
    const store = await openDataStore(dataDirOf(flags.data, io), flags.store);
    try {
      if (!(await store.getRun(run)))
        throw new RewardscopeError("not_found", `no run ${JSON.stringify(run)} in the store`, "run");
      let summary: ExportSummary;
      if (flags.out === undefined) {
        const decoder = new TextDecoder();
        const console: ExportOutput = {
          write: async (chunk) => io.stdout(typeof chunk === "string" ? chunk : decoder.decode(chunk)),
        };
        summary = await format.write(store, run, console);
      } else {
        const file = await openExportFile(flags.out);
        try {
          summary = await format.write(store, run, file);
        } finally {
          await file.close();
        }
      }
      // The summary goes to stderr: stdout may be the export itself.
      const where = flags.out === undefined ? "" : ` to ${flags.out}`;
      io.stderr(`exported ${run} (${summary.steps} steps) as ${format.name}${where}\n`);
      if (summary.note !== undefined) io.stderr(`note: ${summary.note}\n`);
      return EXIT.ok;
    } finally {
      await store.close();
    }
  },
};
