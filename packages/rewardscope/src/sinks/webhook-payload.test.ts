import { type Alert, Monitor, type StepReport, simulateRun } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import type { SuppressedSummary } from "./minute-limiter.js";
import { alertPayload, summaryPayload } from "./webhook-payload.js";
import { clip, escapeDiscord, escapeSlack, redactUrl } from "./webhook-text.js";

function simulatedReports(): StepReport[] {
  const monitor = new Monitor();
  const reports: StepReport[] = [];
  for (const event of simulateRun({ steps: 30, scenario: "flatline", onset: 10 }))
    reports.push(...monitor.ingest(event));
  return [...reports, ...monitor.flush()];
}

const FLATLINE = simulatedReports()[14]!.alerts[0]!;
const HOSTILE: Alert = {
  ...FLATLINE,
  rewardFn: "acc<!channel>",
  message: "**bold** @everyone <@123> [x](http://evil) & <http://evil|click>\u001b[2J",
  action: "ping @here `now`",
};

interface SlackBody {
  text: string;
  blocks: {
    type: string;
    text?: { text: string };
    fields?: { text: string }[];
    elements?: { text: string }[];
  }[];
}
interface DiscordBody {
  content: string;
  embeds: { title: string; description: string; color: number; fields: { name: string; value: string }[] }[];
  allowed_mentions: { parse: string[] };
}

describe("text escaping", () => {
  it("makes Slack mentions and links inert", () => {
    expect(escapeSlack("<!channel> & <http://x|y>")).toBe("&lt;!channel&gt; &amp; &lt;http://x|y&gt;");
  });

  it("makes Discord markdown and mentions inert", () => {
    expect(escapeDiscord("@everyone **b** <@1> [x](y) @HERE")).toBe(
      "@\u200beveryone \\*\\*b\\*\\* \\<@1\\> \\[x\\]\\(y\\) @\u200bHERE",
    );
    expect(escapeDiscord("a\\*")).toBe("a\\\\\\*");
  });

  it("clips before escaping and hides the secret part of a URL", () => {
    expect(clip("abcdef", 4)).toBe("abc…");
    expect(clip("abc", 4)).toBe("abc");
    expect(redactUrl(new URL("https://hooks.slack.com/services/T0/B0/secret?x=1"))).toBe(
      "https://hooks.slack.com/…",
    );
  });
});

describe("alertPayload", () => {
  it("builds a Slack message with severity, run, step, function, message, action and value", () => {
    const body = alertPayload("slack", "qwen-1", FLATLINE) as SlackBody;
    expect(body.text).toBe(
      "HIGH flatline in run qwen-1 at step 14: Reward 'accuracy' is stuck at 0 for every completion, 5 steps since step 10",
    );
    expect(body.blocks.map((b) => b.type)).toEqual(["section", "section", "context"]);
    expect(body.blocks[0]!.text!.text).toBe(
      ":red_circle: *HIGH · flatline*\nReward 'accuracy' is stuck at 0 for every completion, 5 steps since step 10",
    );
    expect(body.blocks[1]!.fields!.map((f) => f.text)).toEqual([
      "*Run*\nqwen-1",
      "*Step*\n14",
      "*Function*\naccuracy",
      "*Value*\n5.000 vs threshold 5.000",
    ]);
    expect(body.blocks[2]!.elements![0]!.text).toMatch(
      /^\*What to do:\* Call the reward function on known-good/,
    );
  });

  it("escapes what the run controls in Slack", () => {
    const json = JSON.stringify(alertPayload("slack", "<!here>", HOSTILE));
    expect(json).not.toMatch(/<!|<@|<http/);
    expect(json).not.toContain("\\u001b");
    expect(json).toContain("&lt;!here&gt;");
    expect(json).toContain("acc&lt;!channel&gt;");
    expect(json).toContain("&amp; &lt;http://evil|click&gt;");
  });

  it("builds a Discord message with an embed, a severity colour, fields, and no mentions", () => {
    const body = alertPayload("discord", "qwen_1", FLATLINE) as DiscordBody;
    expect(body.content).toBe("**HIGH** flatline in run qwen\\_1 at step 14");
    const embed = body.embeds[0]!;
    expect(embed.title).toBe("HIGH · flatline");
    expect(embed.color).toBe(0xe74c3c);
    expect(embed.fields.map((f) => f.name)).toEqual(["Run", "Step", "Function", "Value", "What to do"]);
    expect(embed.fields[3]!.value).toBe("5.000 vs threshold 5.000");
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it("escapes what the run controls in Discord", () => {
    const body = alertPayload("discord", "@everyone", HOSTILE) as DiscordBody;
    const json = JSON.stringify(body);
    expect(json).not.toMatch(/(^|[^\\])\*\*b|@everyone|@here|[^\\]<@/);
    expect(json).not.toContain("\\u001b");
    expect(body.embeds[0]!.description).toBe(
      "\\*\\*bold\\*\\* @\u200beveryone \\<@123\\> \\[x\\]\\(http://evil\\) & \\<http://evil\\|click\\>\\[2J",
    );
  });

  it("sends run and alert as they are in JSON", () => {
    expect(alertPayload("json", "r", HOSTILE)).toEqual({ run: "r", alert: HOSTILE });
  });
});

describe("summaryPayload", () => {
  const summary: SuppressedSummary = {
    count: 3,
    byType: { flatline: 1, drop: 2 },
    bySeverity: { high: 3 },
    runs: ["a<b>", "c"],
    moreRuns: true,
    from: Date.parse("2025-03-01T10:04:00Z"),
    to: Date.parse("2025-03-01T10:05:00Z"),
  };

  it("says how many alerts were held back, by type, in each format", () => {
    const slack = summaryPayload("slack", summary) as SlackBody;
    expect(slack.text).toBe(
      "3 more alerts suppressed (rate limit) 10:04:00-10:05:00 UTC: by type: drop 2, flatline 1; " +
        "by severity: high 3; runs: a&lt;b&gt;, c and others",
    );
    expect(slack.blocks[0]!.text!.text).toBe(slack.text);
    const discord = summaryPayload("discord", summary) as DiscordBody;
    expect(discord.content).toContain("runs: a\\<b\\>, c and others");
    expect(summaryPayload("json", summary)).toEqual({ summary });
  });
});
