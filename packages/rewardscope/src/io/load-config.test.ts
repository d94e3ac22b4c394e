import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, parseConfigText } from "./load-config.js";

describe("parseConfigText", () => {
  it("reads YAML and JSON", () => {
    const yaml =
      "window: 500\nalerts:\n  minSeverity: high\nrules:\n  - series: kl\n    above: 0.5\n    severity: high\n";
    expect(parseConfigText(yaml, "c.yaml")).toEqual({
      window: 500,
      alerts: { minSeverity: "high" },
      rules: [{ series: "kl", above: 0.5, severity: "high" }],
    });
    expect(parseConfigText('{"window": 200}', "c.JSON")).toEqual({ window: 200 });
  });

  it("treats an empty file as an empty config", () => {
    expect(parseConfigText("", "c.yaml")).toEqual({});
    expect(parseConfigText("# nothing\n", "c.yml")).toEqual({});
  });

  it("rejects what does not parse, or is not a mapping", () => {
    expect(() => parseConfigText("{", "c.json")).toThrow(/^cannot parse config c\.json: /);
    expect(() => parseConfigText("a: [1,\n", "c.yaml")).toThrow(/^cannot parse config c\.yaml: /);
    expect(() => parseConfigText("- 1\n- 2\n", "c.yaml")).toThrow(
      "config c.yaml must be a mapping of settings, got a list",
    );
    expect(() => parseConfigText("42", "c.yaml")).toThrow("got number 42");
  });

  it("uses the invalid_config code for bad content", () => {
    try {
      parseConfigText("[]", "c.json");
      expect.unreachable();
    } catch (error) {
      expect((error as { code?: string }).code).toBe("invalid_config");
    }
  });
});

describe("loadConfig", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "rewardscope-config-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads a file", async () => {
    const path = join(dir, "rewardscope.yaml");
    await writeFile(path, "histogramBins: 20\n");
    expect(await loadConfig(path)).toEqual({ histogramBins: 20 });
  });

  it("names a missing file", async () => {
    await expect(loadConfig(join(dir, "none.yaml"))).rejects.toThrow(
      /^cannot read config .*none\.yaml: no such file$/,
    );
  });
});
