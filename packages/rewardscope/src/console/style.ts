import type { Severity } from "@rewardscope/core";

/** Text styles of the console output; each is the identity when colour is off. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
}

const ansi =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const plain = (text: string): string => text;

/**
 * ANSI styles when `color` is true, no-ops otherwise.
 * @example
 * const s = createStyle(process.stdout.isTTY === true && process.env.NO_COLOR === undefined);
 * console.log(s.red("critical"));
 */
export function createStyle(color: boolean): Style {
  if (!color) return { bold: plain, dim: plain, red: plain, yellow: plain, cyan: plain, green: plain };
  return {
    bold: ansi(1, 22),
    dim: ansi(2, 22),
    red: ansi(31, 39),
    yellow: ansi(33, 39),
    cyan: ansi(36, 39),
    green: ansi(32, 39),
  };
}

/** Colours a severity label: critical bold red, high red, medium yellow, low cyan. */
export function paintSeverity(style: Style, severity: Severity, text: string): string {
  switch (severity) {
    case "critical":
      return style.bold(style.red(text));
    case "high":
      return style.red(text);
    case "medium":
      return style.yellow(text);
    case "low":
      return style.cyan(text);
  }
}

// C0 and C1 controls (escape sequences start with ESC or CSI): text from a run must not drive the terminal.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Removes control characters from text that came from a run (names, messages, completions).
 * @example
 * stripControl("ok\u001b[2Jx"); // "ok[2Jx"
 */
export function stripControl(text: string): string {
  return text.replace(CONTROL_CHARS, "");
}
