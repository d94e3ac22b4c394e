import { RewardscopeError, type RewardscopeEvent, SCENARIOS, simulateRun } from "@rewardscope/core";
import { openFileSink } from "../../io/file-sink.js";
import type { RawRecord } from "../../io/read-events.js";
import { type CliIo, type Command, EXIT } from "../cli-io.js";
import { type FlagTable, formatFlagHelp, HELP_FLAG, parseFlags } from "../flags.js";
import { runAnalysis } from "../run-analysis.js";
import { DEFAULT_EVERY } from "./analyze.js";

/** Defaults of `rewardscope demo`. */
export const DEMO_DEFAULTS = { steps: 300, scenario: "healthy", seed: 1 } as const;

/** The flags of `rewardscope demo`. */
export const DEMO_FLAGS = {
  steps: {
    type: "integer",
    min: 1,
    max: 1_000_000,
    description: `steps to simulate (default ${DEMO_DEFAULTS.steps})`,
  },
  scenario: {
    type: "string",
    value: "NAME",
    description: `what goes wrong in the run (default ${DEMO_DEFAULTS.scenario}); "list" shows them all`,
  },
  seed: { type: "integer", min: 0, description: `random seed (default ${DEMO_DEFAULTS.seed})` },
  every: {
    type: "integer",
    min: 1,
    description: `print the step breakdown every N steps (default ${DEFAULT_EVERY})`,
  },
  out: {
    type: "string",
    value: "FILE",
    description: "write the simulated events to FILE as JSONL instead of analysing them",
  },
  json: {
    type: "string",
    value: "OUT",
    description: "write the run, its alerts and every step report to OUT as JSON",
  },
  quiet: { type: "boolean", short: "q", description: "print only the final summary" },
  ...HELP_FLAG,
} as const satisfies FlagTable;

function scenarioList(): string {
  const width = Math.max(...SCENARIOS.map((s) => s.name.length));
  return SCENARIOS.map((s) => `  ${s.name.padEnd(width)}  ${s.description}`).join("\n");
}

const HELP = `Usage: rewardscope demo [flags]

Simulates a GRPO run and analyses it live, as \`rewardscope analyze\` would.

Flags:
${formatFlagHelp(DEMO_FLAGS)}

Scenarios:
${scenarioList()}
`;

function* asRecords(events: Iterable<RewardscopeEvent>): Generator<RawRecord> {
  let index = 0;
  for (const value of events) yield { kind: "item", index: index++, value };
}

/**
 * `rewardscope demo [--steps N] [--scenario NAME] [--seed N] [--every N] [--out FILE] [--json OUT]`
 * @example
 * await demoCommand.run(["--scenario", "format_gaming", "--steps", "200"], io);
 */
export const demoCommand: Command = {
  name: "demo",
  summary: "simulate a run (healthy, or with a problem) and analyse it live",
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { flags, positionals } = parseFlags(DEMO_FLAGS, argv);
    if (flags.help || flags.scenario === "list") {
      io.stdout(flags.help ? HELP : `${scenarioList()}\n`);
      return EXIT.ok;
    }
    if (positionals.length > 0)
      throw new RewardscopeError("invalid_argument", `unexpected argument ${JSON.stringify(positionals[0])}`);
    const name = flags.scenario ?? DEMO_DEFAULTS.scenario;
    const scenario = SCENARIOS.find((s) => s.name === name);
    if (scenario === undefined) {
      const known = SCENARIOS.map((s) => s.name).join(", ");
      throw new RewardscopeError(
        "invalid_argument",
        `unknown scenario ${JSON.stringify(name)}; one of: ${known}`,
        "--scenario",
      );
    }
    const steps = flags.steps ?? DEMO_DEFAULTS.steps;
    const events = simulateRun({ steps, scenario: scenario.name, seed: flags.seed ?? DEMO_DEFAULTS.seed });
    if (flags.out !== undefined) {
      if (flags.json !== undefined)
        throw new RewardscopeError("invalid_argument", "cannot be used with --out", "--json");
      const sink = await openFileSink(flags.out);
      let count = 0;
      try {
        for (const event of events) {
          await sink.write(`${JSON.stringify(event)}\n`);
          count++;
        }
      } finally {
        await sink.close();
      }
      io.stdout(`wrote ${count} events (${steps} steps, scenario ${scenario.name}) to ${flags.out}\n`);
      return EXIT.ok;
    }
    return runAnalysis(asRecords(events), io, {
      source: "demo",
      runName: `demo-${scenario.name}`,
      jsonPath: flags.json,
      every: flags.every ?? DEFAULT_EVERY,
      strict: true,
      quiet: flags.quiet === true,
    });
  },
};
