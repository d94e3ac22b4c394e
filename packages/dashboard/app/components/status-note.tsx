/** A loading or error line in place of content. */
export function StatusNote({ loading, error }: { loading?: boolean; error?: Error | null }) {
  if (error) return <p className="note error">Could not load: {error.message}</p>;
  if (loading) return <p className="note">Loading…</p>;
  return null;
}
