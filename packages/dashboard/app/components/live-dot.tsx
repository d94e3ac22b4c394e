/** A pulsing dot while data is arriving, a grey one otherwise. */
export function LiveDot({ live, label }: { live: boolean; label?: string }) {
  return (
    <span className={live ? "live-dot live" : "live-dot"} title={live ? "receiving steps" : "idle"}>
      <span className="dot" aria-hidden="true" />
      {label ?? (live ? "live" : "idle")}
    </span>
  );
}
