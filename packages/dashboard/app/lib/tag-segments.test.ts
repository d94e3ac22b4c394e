import { describe, expect, it } from "vitest";
import { splitMatches, tagSegments } from "./tag-segments.js";

describe("tagSegments", () => {
  it("separates tags from text", () => {
    expect(tagSegments("<think>a < b</think> <answer>4</answer>")).toEqual([
      { kind: "tag", text: "<think>" },
      { kind: "text", text: "a < b" },
      { kind: "tag", text: "</think>" },
      { kind: "text", text: " " },
      { kind: "tag", text: "<answer>" },
      { kind: "text", text: "4" },
      { kind: "tag", text: "</answer>" },
    ]);
  });

  it("keeps a tag with attributes as text, whole", () => {
    const text = '<img src=x onerror="alert(1)">';
    expect(tagSegments(text)).toEqual([{ kind: "text", text }]);
    expect(tagSegments("")).toEqual([]);
  });
});

describe("splitMatches", () => {
  it("marks every case-insensitive hit", () => {
    expect(splitMatches("Foo foo", "foo")).toEqual([
      { text: "Foo", hit: true },
      { text: " ", hit: false },
      { text: "foo", hit: true },
    ]);
    expect(splitMatches("abc", "")).toEqual([{ text: "abc", hit: false }]);
  });
});
