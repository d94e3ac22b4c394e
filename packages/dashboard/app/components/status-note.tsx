import { ApiError } from "../api/client.js";
import { TokenForm } from "./token-form.js";

/** A loading or error line in place of content; the token form when the server wants a read token. */
export function StatusNote({ loading, error }: { loading?: boolean; error?: Error | null }) {
  if (error instanceof ApiError && error.status === 401) return <TokenForm message={error.message} />;
  if (error) return <p className="note error">Could not load: {error.message}</p>;
  if (loading) return <p className="note">Loading…</p>;
  return null;
}
