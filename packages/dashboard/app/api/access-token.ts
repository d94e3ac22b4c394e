// The server's read token, when it has one: kept for this browser tab only (sessionStorage), never in the URL
// bar. Reads send it as `Authorization: Bearer`; the live stream, whose EventSource cannot set headers, as
// `access_token` in its query (RFC 6750, section 2.3).

const KEY = "rewardscope.readToken";

export function currentToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveAccessToken(token: string): void {
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // No storage (a locked-down browser): the form asks again.
  }
}
