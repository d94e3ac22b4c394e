import type { Alert } from "@rewardscope/core";
import { paintSeverity, type Style, stripControl } from "./style.js";

const LABEL_WIDTH = "critical".length;

/**
 * One alert on one line: severity, type, the function or metric concerned, the message.
 * @example
 * formatAlertLine(alert, createStyle(false));
 * // "HIGH     variance_collapse accuracy: Reward 'accuracy' variance collapsed: CV=0.008"
 */
export function formatAlertLine(alert: Alert, style: Style): string {
  const label = paintSeverity(style, alert.severity, alert.severity.toUpperCase().padEnd(LABEL_WIDTH));
  const subject = alert.rewardFn ?? alert.metric;
  const about = subject === undefined ? "" : ` ${stripControl(subject)}`;
  return `${label} ${style.bold(alert.type)}${about}: ${stripControl(alert.message)}`;
}

/**
 * An alert as it is raised during a run: the step, the alert line, and what to do on a second line.
 * @example
 * stdout(formatRaisedAlert(alert, style));
 */
export function formatRaisedAlert(alert: Alert, style: Style): string {
  const action = alert.action ? `\n${" ".repeat(11)}${style.dim(`→ ${stripControl(alert.action)}`)}` : "";
  return `${style.dim(`step ${String(alert.step).padStart(5)}`)} ${formatAlertLine(alert, style)}${action}\n`;
}
