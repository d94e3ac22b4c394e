import { stripControl } from "../console/style.js";

/**
 * Shortens text to at most `max` characters, ending with "…" when cut. Cut before escaping, so an
 * escape sequence is never split.
 * @example
 * clip("abcdef", 4); // "abc…"
 */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Untrusted text made inert for Slack mrkdwn: control characters removed, and `&`, `<`, `>` escaped, so it
 * cannot open a link, a mention (`<!channel>`) or a user reference.
 * @example
 * escapeSlack("<!channel> & co"); // "&lt;!channel&gt; &amp; co"
 */
export function escapeSlack(text: string): string {
  return stripControl(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// Discord markdown, mention and link syntax: a backslash before any of these shows it as itself.
const DISCORD_MARKUP = /[\\*_~`|>#<[\]()-]/g;

/**
 * Untrusted text made inert for Discord: control characters removed, markdown characters backslash-escaped
 * (no bold, code, spoilers, masked links, `<@id>` mentions), and `@everyone` / `@here` broken with a
 * zero-width space. Payloads also send `allowed_mentions: { parse: [] }` as a second lock.
 * @example
 * escapeDiscord("@everyone **now**"); // "@\u200beveryone \\*\\*now\\*\\*"
 */
export function escapeDiscord(text: string): string {
  return stripControl(text)
    .replace(DISCORD_MARKUP, "\\$&")
    .replace(/@(everyone|here)/gi, "@\u200b$1");
}

/**
 * A webhook URL for messages: scheme and host only, because the path (and query) is the secret.
 * @example
 * redactUrl("https://hooks.slack.com/services/T0/B0/XyZ"); // "https://hooks.slack.com/…"
 */
export function redactUrl(url: URL): string {
  return `${url.protocol}//${url.host}/…`;
}
