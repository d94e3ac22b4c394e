/** HTML that is already safe to insert (built by these modules from escaped parts). */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML content and quoted attribute values. Completions are untrusted model output: every
 * text in the report passes through here, so `<script>` shows as text and never runs.
 * @example
 * escapeHtml('<img src=x onerror="alert(1)">'); // "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/** A cell or fragment: text (escaped when inserted), a number (as text), or SafeHtml (inserted as is). */
export type Fragment = string | number | SafeHtml;

/** Renders a fragment: only SafeHtml is inserted raw. */
export function render(fragment: Fragment): string {
  return fragment instanceof SafeHtml ? fragment.html : escapeHtml(String(fragment));
}

/**
 * A template tag that escapes every interpolated value unless it is SafeHtml (or a list of them).
 * @example
 * html`<td>${completion}</td>`; // the completion escaped
 */
export function html(strings: TemplateStringsArray, ...values: (Fragment | readonly Fragment[])[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += Array.isArray(value) ? value.map((v: Fragment) => render(v)).join("") : render(value as Fragment);
    out += strings[i + 1] ?? "";
  });
  return new SafeHtml(out);
}

/**
 * A table: headers and rows of fragments, escaped cell by cell.
 * @example
 * table(["step", "message"], [[12, alert.message]]);
 */
export function table(
  headers: readonly string[],
  rows: readonly (readonly Fragment[])[],
  className = "",
): SafeHtml {
  const head = headers.map((h) => html`<th>${h}</th>`);
  const body = rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`);
  return html`<table class="${className}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
