import { isAbsolute, resolve } from "node:path";
import { RewardscopeError, SCENARIOS, type ScenarioName } from "@rewardscope/core";
import { loadConfig } from "../../io/load-config.js";
import { splitServerConfig } from "../../report/report-config.js";
import { demoRunName, feedDemoRun } from "../../serve/demo-feed.js";
import { startServer } from "../../serve/start-server.js";
import { isPostgresUrl, redactUrl } from "../../store/open-store.js";
import { type CliIo, type Command, EXIT } from "../cli-io.js";
import { type FlagTable, formatFlagHelp, HELP_FLAG, parseFlags } from "../flags.js";
import { DEFAULT_EVERY } from "./analyze.js";

/** Defaults of `rewardscope serve`. */
export const SERVE_DEFAULTS = {
  data: ".rewardscope",
  host: "127.0.0.1",
  port: 8808,
  demoSteps: 1000,
  demoRate: 10,
};

/** The flags of `rewardscope serve`. */
export const SERVE_FLAGS = {
  data: {
    type: "string",
    value: "DIR",
    description: `data folder (default $REWARDSCOPE_DATA or ${SERVE_DEFAULTS.data})`,
  },
  store: {
    type: "string",
    value: "URL|FILE",
    description:
      "the store: a postgres:// URL (shared by several servers) or a SQLite file (default $REWARDSCOPE_STORE or rewardscope.db in the data folder)",
  },
  host: {
    type: "string",
    value: "HOST",
    description: `address to listen on (default ${SERVE_DEFAULTS.host})`,
  },
  port: {
    type: "integer",
    min: 0,
    max: 65535,
    description: `port (default ${SERVE_DEFAULTS.port}; 0 picks a free one)`,
  },
  token: {
    type: "string",
    value: "T",
    description: "write token required from clients (default $REWARDSCOPE_TOKEN)",
  },
  "read-token": {
    type: "string",
    value: "T",
    description: "token required to read (default: reads are open)",
  },
  insecure: { type: "boolean", description: "allow listening on a non-loopback address without a token" },
  config: {
    type: "string",
    value: "FILE",
    description: "Monitor configuration of every run, and `report` (JSON or YAML)",
  },
  webhook: {
    type: "string",
    value: "URL",
    description: "post high and critical alerts to URL (Slack format)",
  },
  "webhook-format": {
    type: "string",
    choices: ["slack", "discord", "json"],
    description: "payload of --webhook (default slack)",
  },
  "step-timeout": {
    type: "integer",
    min: 1,
    description: "seconds a step waits for a missing rank (default 60)",
  },
  "completions-per-step": {
    type: "integer",
    min: 0,
    description: "completions kept per step besides flagged, best, worst (default 32)",
  },
  "rate-limit": {
    type: "integer",
    min: 0,
    description: "writes a second per client address, bursts of twice that (default 1000; 0 = no limit)",
  },
  every: {
    type: "integer",
    min: 1,
    description: `print each run's breakdown every N steps (default ${DEFAULT_EVERY})`,
  },
  quiet: { type: "boolean", short: "q", description: "print only the URL: no step breakdowns, no alerts" },
  demo: { type: "boolean", description: "stream simulated runs (healthy and format_gaming) into the server" },
  "demo-scenario": { type: "string", value: "NAME", description: "with --demo: stream only this scenario" },
  "demo-steps": {
    type: "integer",
    min: 1,
    description: `with --demo: steps per run (default ${SERVE_DEFAULTS.demoSteps})`,
  },
  "demo-rate": {
    type: "integer",
    min: 0,
    description: `with --demo: steps per second (default ${SERVE_DEFAULTS.demoRate}; 0 = max)`,
  },
  ...HELP_FLAG,
} as const satisfies FlagTable;

const HELP = `Usage: rewardscope serve [flags]

Starts the rewardscope server: the ingest API, live streams, alert sinks and the store in the data folder.

Flags:
${formatFlagHelp(SERVE_FLAGS)}
`;

function scenarioOf(name: string): ScenarioName {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario)
    throw new RewardscopeError(
      "invalid_argument",
      `unknown scenario ${JSON.stringify(name)}`,
      "--demo-scenario",
    );
  return scenario.name;
}

/**
 * `rewardscope serve [--data DIR] [--host H] [--port P] [--token T] [--demo] ...`: runs until the process is
 * asked to stop (io.signal).
 * @example
 * await serveCommand.run(["--port", "0", "--demo"], io);
 */
export const serveCommand: Command = {
  name: "serve",
  summary: "run the server: ingest API, live streams, alert sinks, store",
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { flags, positionals } = parseFlags(SERVE_FLAGS, argv);
    if (flags.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (positionals.length > 0)
      throw new RewardscopeError("invalid_argument", `unexpected argument ${JSON.stringify(positionals[0])}`);
    const env = io.env ?? {};
    const data = flags.data ?? env.REWARDSCOPE_DATA ?? SERVE_DEFAULTS.data;
    const storeLocation = flags.store ?? env.REWARDSCOPE_STORE;
    const token = flags.token ?? env.REWARDSCOPE_TOKEN;
    // The file's `report` section is the server's; the rest configures the Monitor of every run.
    const { monitor: config, report } = splitServerConfig(
      flags.config === undefined ? undefined : await loadConfig(flags.config),
    );
    const server = await startServer({
      dataDir: isAbsolute(data) ? data : resolve(data),
      ...(storeLocation !== undefined && {
        store: isPostgresUrl(storeLocation) ? storeLocation : resolve(storeLocation),
      }),
      host: flags.host ?? SERVE_DEFAULTS.host,
      port: flags.port ?? SERVE_DEFAULTS.port,
      token,
      readToken: flags["read-token"],
      insecure: flags.insecure === true,
      config,
      report,
      console: flags.quiet
        ? null
        : { write: io.stdout, every: flags.every ?? DEFAULT_EVERY, color: io.color === true },
      webhooks: flags.webhook
        ? [{ url: flags.webhook, format: (flags["webhook-format"] ?? "slack") as "slack" }]
        : [],
      stepTimeoutMs: flags["step-timeout"] === undefined ? undefined : flags["step-timeout"] * 1000,
      completionsPerStep: flags["completions-per-step"],
      rateLimit: flags["rate-limit"],
      analysis: "worker",
      reportWriter: "worker",
    });
    const where = storeLocation === undefined ? "" : `, store: ${redactUrl(storeLocation)}`;
    io.stdout(`rewardscope is listening on ${server.url} (data: ${data}${where})\n`);
    io.stdout(
      server.dashboardUrl
        ? `dashboard: ${server.dashboardUrl}\n`
        : "dashboard: not built (npm run build -w @rewardscope/dashboard); the API is served\n",
    );
    const feeds: Promise<number>[] = [];
    if (flags.demo || flags["demo-scenario"] !== undefined) {
      const scenarios = flags["demo-scenario"]
        ? [scenarioOf(flags["demo-scenario"])]
        : (["healthy", "format_gaming"] as const);
      for (const scenario of scenarios) {
        const run = demoRunName(scenario);
        const where = server.dashboardUrl
          ? `${server.url}/run?name=${encodeURIComponent(run)}`
          : `${server.url}/api/v1/runs/${encodeURIComponent(run)}`;
        io.stdout(`streaming the demo run ${run}: ${where}\n`);
        feeds.push(
          feedDemoRun({
            baseUrl: server.url,
            token,
            scenario,
            steps: flags["demo-steps"] ?? SERVE_DEFAULTS.demoSteps,
            stepsPerSecond: flags["demo-rate"] ?? SERVE_DEFAULTS.demoRate,
            signal: io.signal,
          }).catch((error: unknown) => {
            if (!io.signal?.aborted)
              io.stderr(`rewardscope: the demo run ${scenario} stopped: ${String(error)}\n`);
            return 0;
          }),
        );
      }
    }
    await waitForAbort(io.signal);
    await Promise.allSettled(feeds);
    await server.close();
    io.stdout("rewardscope stopped\n");
    return EXIT.ok;
  },
};

function waitForAbort(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}
