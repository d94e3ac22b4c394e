#!/usr/bin/env node
import { runCli } from "./run-cli.js";

// `rewardscope analyze run.jsonl | head` closes our stdout early: that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const stop = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop.abort());

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
  signal: stop.signal,
  env: process.env,
});
