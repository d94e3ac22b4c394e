import type { ReactNode, Ref } from "react";

export interface ChartFrameProps {
  title: string;
  /** For tests and the benchmark: the last step drawn, and whether data has arrived. */
  lastStep: number | null;
  /** "idle": not scrolled to yet, nothing fetched. */
  state: "idle" | "loading" | "empty" | "ready" | "error";
  message?: string;
  children?: ReactNode;
  wide?: boolean;
  ref?: Ref<HTMLElement>;
}

/** A chart's card: title, the chart or a loading/empty/error note. */
export function ChartFrame({ title, lastStep, state, message, children, wide, ref }: ChartFrameProps) {
  return (
    <figure
      ref={ref}
      className={wide ? "chart chart-wide" : "chart"}
      data-chart={title}
      data-state={state}
      data-last-step={lastStep ?? ""}
    >
      <figcaption>{title}</figcaption>
      {state === "ready" ? children : <div className={`chart-note chart-${state}`}>{message ?? state}</div>}
    </figure>
  );
}
