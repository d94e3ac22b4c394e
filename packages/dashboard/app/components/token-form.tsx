import { type FormEvent, useState } from "react";
import { saveAccessToken } from "../api/access-token.js";

/** Asks for the server's read token (`rewardscope serve --read-token`), keeps it for this tab and reloads. */
export function TokenForm({ message }: { message: string }) {
  const [token, setToken] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim() === "") return;
    saveAccessToken(token.trim());
    window.location.reload();
  };
  return (
    <form className="token-form" onSubmit={submit}>
      <p className="note error">This server needs a read token ({message}).</p>
      <label>
        read token{" "}
        <input
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-label="read token"
        />
      </label>{" "}
      <button type="submit">Open</button>
    </form>
  );
}
