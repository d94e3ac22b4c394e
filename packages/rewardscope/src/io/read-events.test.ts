import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RewardscopeError } from "@rewardscope/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locate, openInput, type RawRecord, readRecords } from "./read-events.js";

async function collect(chunks: (string | Uint8Array)[]): Promise<RawRecord[]> {
  async function* source() {
    yield* chunks;
  }
  const out: RawRecord[] = [];
  for await (const record of readRecords(source(), "t.jsonl")) out.push(record);
  return out;
}

const line = (n: number, text: string): RawRecord => ({ kind: "line", line: n, text });

describe("readRecords: JSONL", () => {
  it("splits lines across chunk boundaries and numbers them like an editor", async () => {
    const records = await collect(['{"a":', "1}\n\n  \n{", '"b":2}\r\n{"c"', ":3}"]);
    expect(records).toEqual([line(1, '{"a":1}'), line(4, '{"b":2}\r'), line(5, '{"c":3}')]);
  });

  it("decodes a multi-byte character split between two byte chunks", async () => {
    const bytes = new TextEncoder().encode('{"s":"é€"}\n');
    const records = await collect([bytes.slice(0, 7), bytes.slice(7, 9), bytes.slice(9)]);
    expect(records).toEqual([line(1, '{"s":"é€"}')]);
  });

  it("joins a long line built from many chunks", async () => {
    const pieces = Array.from({ length: 1000 }, (_, i) => String(i % 10));
    const records = await collect([...pieces, "\nx"]);
    expect(records).toEqual([line(1, pieces.join("")), line(2, "x")]);
  });

  it("drops a byte order mark and yields nothing for blank input", async () => {
    expect(await collect(["\ufeff{}\n"])).toEqual([line(1, "{}")]);
    expect(await collect(["\n", "  \n"])).toEqual([]);
  });
});

describe("readRecords: JSON array", () => {
  it("yields one item per element, even when the array starts after blank chunks", async () => {
    const records = await collect(["\n ", ' [{"a":1},', '\n{"b":2}]\n']);
    expect(records).toEqual([
      { kind: "item", index: 0, value: { a: 1 } },
      { kind: "item", index: 1, value: { b: 2 } },
    ]);
  });

  it("rejects an array that does not parse, naming the source", async () => {
    await expect(collect(['[{"a":1},'])).rejects.toThrow(/^t\.jsonl: invalid JSON array: /);
    await expect(collect(['[{"a":1},'])).rejects.toBeInstanceOf(RewardscopeError);
  });
});

describe("locate", () => {
  it("names a line or an element", () => {
    expect(locate("run.jsonl", line(12, ""))).toBe("run.jsonl:12");
    expect(locate("run.json", { kind: "item", index: 3, value: null })).toBe("run.json[3]");
  });
});

describe("openInput", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "rewardscope-read-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("streams a file", async () => {
    const path = join(dir, "a.jsonl");
    await writeFile(path, '{"x":1}\n{"x":2}\n');
    const input = await openInput(path);
    const records: RawRecord[] = [];
    for await (const record of readRecords(input.chunks)) records.push(record);
    input.close();
    expect(records).toEqual([line(1, '{"x":1}'), line(2, '{"x":2}')]);
  });

  it("fails early and clearly on a missing file, a directory, or no stdin", async () => {
    await expect(openInput(join(dir, "nope.jsonl"))).rejects.toThrow(
      /^cannot read .*nope\.jsonl: no such file$/,
    );
    await expect(openInput(dir)).rejects.toThrow(/: is a directory$/);
    await expect(openInput("-")).rejects.toThrow("no standard input");
  });

  it("takes stdin for -", async () => {
    const stdin = (async function* () {
      yield "{}\n";
    })();
    const input = await openInput("-", stdin);
    expect(input.chunks).toBe(stdin);
  });
});
