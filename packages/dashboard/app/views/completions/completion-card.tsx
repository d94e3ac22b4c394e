import type { CompletionRecord } from "../../api/types.js";
import { formatNumber } from "../../lib/format.js";
import { TaggedText } from "./tagged-text.js";

/** One completion: its rewards by function, total, flags, the prompt (folded) and the text. */
export function CompletionCard({
  completion,
  search,
  sortBy,
}: {
  completion: CompletionRecord;
  search: string;
  sortBy: string;
}) {
  const c = completion;
  return (
    <article className={c.flags.length > 0 ? "completion flagged" : "completion"} data-index={c.index}>
      <header>
        <strong>#{c.index}</strong>
        {c.group !== null && <span className="muted">group {c.group}</span>}
        <span className={sortBy === "total" ? "reward sorted" : "reward"}>total {formatNumber(c.total)}</span>
        {Object.entries(c.rewards).map(([fn, value]) => (
          <span key={fn} className={sortBy === fn ? "reward sorted" : "reward"}>
            {fn} {formatNumber(value)}
          </span>
        ))}
        {c.advantage !== null && <span className="muted">advantage {formatNumber(c.advantage)}</span>}
        {c.length !== null && <span className="muted">{formatNumber(c.length)} tokens</span>}
        {c.truncated && <span className="badge sev-medium">truncated</span>}
        {c.flags.map((flag) => (
          <span key={flag} className="badge flag">
            {flag}
          </span>
        ))}
      </header>
      {c.prompt !== null && (
        <details>
          <summary>prompt</summary>
          <pre className="completion-text prompt">
            <TaggedText text={c.prompt} search={search} />
          </pre>
        </details>
      )}
      <pre className="completion-text">
        <TaggedText text={c.completion} search={search} />
      </pre>
    </article>
  );
}
