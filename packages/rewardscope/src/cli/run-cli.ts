import { RewardscopeError } from "@rewardscope/core";
import { type CliIo, type Command, EXIT } from "./cli-io.js";
import { analyzeCommand } from "./commands/analyze.js";
import { demoCommand } from "./commands/demo.js";
import { exportCommand } from "./commands/export.js";
import { importCommand } from "./commands/import.js";
import { reportCommand } from "./commands/report.js";
import { serveCommand } from "./commands/serve.js";
import { watchCommand } from "./commands/watch.js";

/** The subcommands of `rewardscope`, in the order of the help. */
export const COMMANDS: readonly Command[] = [
  serveCommand,
  analyzeCommand,
  demoCommand,
  reportCommand,
  exportCommand,
  importCommand,
  watchCommand,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: rewardscope COMMAND [flags]

Watches the reward signal of RL fine-tuning runs and says early what goes wrong.

Commands:
${lines.join("\n")}

Run \`rewardscope COMMAND --help\` for a command's flags.
`;
}

/**
 * Runs the `rewardscope` command in-process and returns its exit code. The one place that turns errors
 * into messages: a RewardscopeError (a user error) prints `rewardscope: <message>` and exits 2; anything
 * else is a bug, printed with its stack, exit 70.
 * @example
 * process.exitCode = await runCli(["analyze", "run.jsonl"], { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(
      `rewardscope: unknown command ${JSON.stringify(name)}; commands: ${COMMANDS.map((c) => c.name).join(", ")}\n`,
    );
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof RewardscopeError) {
      io.stderr(`rewardscope: ${error.message}\n`);
      return EXIT.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`rewardscope: unexpected error (a bug; please report it)\n${detail}\n`);
    return EXIT.internal;
  }
}
