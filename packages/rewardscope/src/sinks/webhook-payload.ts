import type { Alert, Severity } from "@rewardscope/core";
import { formatNumber } from "../console/format.js";
import type { SuppressedSummary } from "./minute-limiter.js";
import { clip, escapeDiscord, escapeSlack } from "./webhook-text.js";

/** The payload shapes a webhook sink can send. */
export const WEBHOOK_FORMATS = ["slack", "discord", "json"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

// Raw lengths, cut before escaping; escaping at most quintuples them (Slack "&amp;") or doubles them
// (Discord), which keeps every piece under the services' limits (Slack 2,000/3,000, Discord 1,024/4,096).
const MAX_NAME = 200;
const MAX_TEXT = 480;
const MAX_SUMMARY_NAME = 40;

const SLACK_EMOJI: Record<Severity, string> = {
  critical: ":rotating_light:",
  high: ":red_circle:",
  medium: ":large_orange_circle:",
  low: ":large_blue_circle:",
};

const DISCORD_COLOR: Record<Severity, number> = {
  critical: 0x992d22,
  high: 0xe74c3c,
  medium: 0xf1c40f,
  low: 0x3498db,
};

/** What the alert is about: a reward function, a metric, or nothing. */
function subjectOf(alert: Alert): { label: string; name: string } | null {
  if (alert.rewardFn !== undefined) return { label: "Function", name: alert.rewardFn };
  if (alert.metric !== undefined) return { label: "Metric", name: alert.metric };
  return null;
}

function valueText(alert: Alert): string {
  return `${formatNumber(alert.value)} vs threshold ${formatNumber(alert.threshold)}`;
}

function slackAlert(run: string, alert: Alert): object {
  const e = (text: string, max = MAX_TEXT) => escapeSlack(clip(text, max));
  const severity = alert.severity.toUpperCase();
  const subject = subjectOf(alert);
  const fields = [`*Run*\n${e(run, MAX_NAME)}`, `*Step*\n${alert.step}`];
  if (subject) fields.push(`*${subject.label}*\n${e(subject.name, MAX_NAME)}`);
  fields.push(`*Value*\n${valueText(alert)}`);
  const blocks: object[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${SLACK_EMOJI[alert.severity]} *${severity} · ${e(alert.type)}*\n${e(alert.message)}`,
      },
    },
    { type: "section", fields: fields.map((text) => ({ type: "mrkdwn", text })) },
  ];
  if (alert.action) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `*What to do:* ${e(alert.action)}` }],
    });
  }
  const text = `${severity} ${e(alert.type)} in run ${e(run, MAX_NAME)} at step ${alert.step}: ${e(alert.message)}`;
  return { text, blocks };
}

function discordAlert(run: string, alert: Alert): object {
  const e = (text: string, max = MAX_TEXT) => escapeDiscord(clip(text, max));
  const severity = alert.severity.toUpperCase();
  const subject = subjectOf(alert);
  const fields = [
    { name: "Run", value: e(run, MAX_NAME), inline: true },
    { name: "Step", value: String(alert.step), inline: true },
  ];
  if (subject) fields.push({ name: subject.label, value: e(subject.name, MAX_NAME), inline: true });
  fields.push({ name: "Value", value: e(valueText(alert)), inline: true });
  if (alert.action) fields.push({ name: "What to do", value: e(alert.action), inline: false });
  return {
    content: `**${severity}** ${e(alert.type)} in run ${e(run, MAX_NAME)} at step ${alert.step}`,
    embeds: [
      {
        title: `${severity} · ${e(alert.type)}`,
        description: e(alert.message),
        color: DISCORD_COLOR[alert.severity],
        fields,
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/**
 * The body posted for one alert: Slack `{ text, blocks }` (mrkdwn), Discord `{ content, embeds }`, or
 * `{ run, alert }` as JSON. Text from the run is clipped and escaped for the format.
 * @example
 * await fetch(url, { method: "POST", body: JSON.stringify(alertPayload("slack", "qwen-1", alert)) });
 */
export function alertPayload(format: WebhookFormat, run: string, alert: Alert): object {
  if (format === "slack") return slackAlert(run, alert);
  if (format === "discord") return discordAlert(run, alert);
  return { run, alert };
}

function counts(record: Partial<Record<string, number>>): string {
  return Object.entries(record)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0) || a[0].localeCompare(b[0]))
    .map(([key, n]) => `${key} ${n}`)
    .join(", ");
}

/**
 * The one line that stands for the alerts held back by the per-minute limit.
 * @example
 * summaryText(summary, escapeSlack);
 * // "12 more alerts suppressed (rate limit) 10:04:00-10:05:00 UTC: by type: drop 7, flatline 5; by severity: high 12; runs: qwen-1"
 */
export function summaryText(summary: SuppressedSummary, escapeText: (text: string) => string): string {
  const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);
  const runs = summary.runs.map((run) => escapeText(clip(run, MAX_SUMMARY_NAME))).join(", ");
  return (
    `${summary.count} more alert${summary.count === 1 ? "" : "s"} suppressed (rate limit) ` +
    `${time(summary.from)}-${time(summary.to)} UTC: by type: ${counts(summary.byType)}; ` +
    `by severity: ${counts(summary.bySeverity)}; runs: ${runs}${summary.moreRuns ? " and others" : ""}`
  );
}

/**
 * The body posted for a per-minute summary: Slack `{ text, blocks }`, Discord `{ content }`, or
 * `{ summary }` as JSON.
 */
export function summaryPayload(format: WebhookFormat, summary: SuppressedSummary): object {
  if (format === "slack") {
    const text = summaryText(summary, escapeSlack);
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
  }
  if (format === "discord") {
    return { content: summaryText(summary, escapeDiscord), allowed_mentions: { parse: [] } };
  }
  return { summary };
}
