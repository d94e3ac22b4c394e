/** A piece of a completion: plain text, or a tag such as `<think>` or `</answer>`. */
export interface Segment {
  kind: "text" | "tag";
  text: string;
}

const TAG = /<\/?[A-Za-z][\w:-]*>/g;

/**
 * Cuts a completion into text and tags, so tags can be highlighted. The pieces are shown as text nodes,
 * never parsed as HTML: `<script>` becomes a highlighted tag on screen, nothing more.
 * @example
 * tagSegments("<think>hm</think>4"); // [tag "<think>", text "hm", tag "</think>", text "4"]
 */
export function tagSegments(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    const at = match.index;
    if (at > last) out.push({ kind: "text", text: text.slice(last, at) });
    out.push({ kind: "tag", text: match[0] });
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}

/**
 * Cuts text around case-insensitive occurrences of `needle` (the search box's text), to mark them.
 * @example
 * splitMatches("Foo foo", "foo"); // [{ text: "Foo", hit: true }, { text: " ", hit: false }, { text: "foo", hit: true }]
 */
export function splitMatches(text: string, needle: string): { text: string; hit: boolean }[] {
  if (needle === "") return [{ text, hit: false }];
  const out: { text: string; hit: boolean }[] = [];
  const lower = text.toLowerCase();
  const target = needle.toLowerCase();
  let last = 0;
  let at = lower.indexOf(target);
  while (at >= 0) {
    if (at > last) out.push({ text: text.slice(last, at), hit: false });
    out.push({ text: text.slice(at, at + target.length), hit: true });
    last = at + target.length;
    at = lower.indexOf(target, last);
  }
  if (last < text.length) out.push({ text: text.slice(last), hit: false });
  return out;
}
