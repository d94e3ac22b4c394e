import type { CliIo } from "./cli-io.js";

/** A CliIo that collects what a command prints, for tests; `signal` stops long-running commands. */
export function captureIo(signal?: AbortSignal): { io: CliIo; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const io: CliIo = {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
  };
  if (signal) io.signal = signal;
  return { io, out: () => out, err: () => err };
}
