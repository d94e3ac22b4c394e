import { splitMatches, tagSegments } from "../../lib/tag-segments.js";

/**
 * Untrusted model output shown as text: tags such as <think> highlighted, search hits marked. Every piece is
 * a React text node, which the browser never parses as HTML, so a completion can hold any markup safely.
 */
export function TaggedText({ text, search }: { text: string; search: string }) {
  return (
    <>
      {tagSegments(text).map((segment, i) =>
        segment.kind === "tag" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reordered
          <span key={i} className="tag-token">
            {segment.text}
          </span>
        ) : (
          splitMatches(segment.text, search).map((part, j) =>
            part.hit ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: positional pieces
              <mark key={`${i}.${j}`}>{part.text}</mark>
            ) : (
              part.text
            ),
          )
        ),
      )}
    </>
  );
}
