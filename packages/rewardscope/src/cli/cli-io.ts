/**
 * What a CLI command may touch of its process: writers for its output and standard input. Tests pass
 * string collectors, so commands run in-process.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin?: AsyncIterable<string | Uint8Array>;
  /** Colour the console output (stdout is a TTY and NO_COLOR is unset). Default false. */
  color?: boolean;
  /** Aborted when the process is asked to stop (SIGINT, SIGTERM): long-running commands return then. */
  signal?: AbortSignal;
  /** The process environment (REWARDSCOPE_DATA, REWARDSCOPE_TOKEN). Default: none. */
  env?: Record<string, string | undefined>;
}

/** Exit codes of the `rewardscope` command. */
export const EXIT = {
  ok: 0,
  /** `--fail-on` matched an alert. */
  alerts: 1,
  /** A user error: bad flag, missing file, bad config, a malformed line under --strict. */
  usage: 2,
  /** A bug: an unexpected error. */
  internal: 70,
} as const;

/** One subcommand: its help and its action, which returns the exit code. */
export interface Command {
  name: string;
  /** One line for `rewardscope --help`. */
  summary: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
