import { RewardscopeError } from "@rewardscope/core";

/** A metric family of the Prometheus text format 0.0.4. */
export interface MetricFamily {
  name: string;
  help: string;
  type: "gauge" | "counter";
}

export interface Sample {
  /** Label names must match LABEL_NAME; values are any text and are escaped here. */
  labels: Readonly<Record<string, string>>;
  value: number;
}

export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * A label value as the text format wants it: backslash, double quote and newline escaped.
 * @example
 * escapeLabelValue('a"b\\c\nd'); // 'a\\"b\\\\c\\nd'
 */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/**
 * A sample value: NaN, +Inf and -Inf spelled as Prometheus reads them, other numbers as JavaScript prints them
 * (Go's ParseFloat reads "1e-7" too).
 * @example
 * formatSampleValue(Number.POSITIVE_INFINITY); // "+Inf"
 */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

function sampleLine(name: string, sample: Sample): string {
  const labels = Object.entries(sample.labels).map(([label, value]) => {
    if (!LABEL_NAME.test(label))
      throw new RewardscopeError("invalid_argument", `bad label name ${label}`, name);
    return `${label}="${escapeLabelValue(value)}"`;
  });
  const set = labels.length > 0 ? `{${labels.join(",")}}` : "";
  return `${name}${set} ${formatSampleValue(sample.value)}\n`;
}

/**
 * One family in the text format: `# HELP`, `# TYPE`, then a line per sample; "" when there are no samples.
 * @throws RewardscopeError("invalid_argument") for a metric or label name the format does not allow.
 * @example
 * renderFamily({ name: "rewardscope_step", help: "Last analysed step.", type: "gauge" }, [{ labels: { run: "a" }, value: 3 }]);
 * // '# HELP rewardscope_step Last analysed step.\n# TYPE rewardscope_step gauge\nrewardscope_step{run="a"} 3\n'
 */
export function renderFamily(family: MetricFamily, samples: Iterable<Sample>): string {
  if (!METRIC_NAME.test(family.name))
    throw new RewardscopeError("invalid_argument", `bad metric name ${family.name}`, "name");
  let body = "";
  for (const sample of samples) body += sampleLine(family.name, sample);
  if (body === "") return "";
  const help = family.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
  return `# HELP ${family.name} ${help}\n# TYPE ${family.name} ${family.type}\n${body}`;
}
